/**
 * Reference and type checks of one segment: audience, key, select, target, and every condition's own
 * check. Returns findings located by path inside the segment file.
 */
import type { Finding } from '../definitions/diagnostics.ts';
import { findDataExtension, type Project } from '../definitions/project.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import type { Catalog } from './catalog.ts';
import { unknownField, unknownTable } from './conditions/helpers.ts';
import { conditionKind } from './conditions/registry.ts';
import { ruleContext } from './context.ts';
import { forEachCondition } from './rules.ts';
import { audienceOf } from './target.ts';

export function checkSegment(project: Project, seg: SegmentDef, catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  const audPath = typeof seg.audience === 'string' ? ['audience'] : ['audience', 'dataExtension'];
  const aud = audienceOf(project, seg);
  const audTable = catalog.table(aud.dataExtension);
  if (audTable?.kind !== 'dataExtension') {
    const f = unknownTable({ project } as never, aud.dataExtension, audPath);
    return [
      {
        ...f,
        message: `${f.message.replace(/, or a data view such as _Click$/, '')} (the audience must be a data extension)`,
      },
    ];
  }
  if (!aud.key) {
    return [
      {
        severity: 'error',
        code: 'audience-key',
        message: `${audTable.name} has no single primary key; name one: audience: { dataExtension: ${audTable.name}, key: SubscriberKey }`,
        path: ['audience'],
      },
    ];
  }
  if (!catalog.field(audTable, aud.key)) return [unknownField(audTable, aud.key, ['audience', 'key'])];

  seg.select?.forEach((s, i) => {
    if (!catalog.field(audTable, s)) findings.push(unknownField(audTable, s, ['select', i]));
  });
  if (typeof seg.target === 'string' && !findDataExtension(project, seg.target)) {
    findings.push(unknownTable({ project } as never, seg.target, ['target']));
  }
  if (typeof seg.target !== 'string' && !seg.target?.key) {
    const key = `${project.config.keyPrefix}${seg.name}${project.environment?.keySuffix ?? ''}`;
    if (key.length > 36) {
      findings.push({
        severity: 'error',
        code: 'key-too-long',
        message: `the generated target key "${key}" is ${key.length} characters; SFMC keys are at most 36: shorten the name or set target: { key }`,
        path: ['name'],
      });
    }
  }
  const ctx = ruleContext(project, seg, catalog)!;
  const visit = (root: SegmentDef['rules'], base: (string | number)[]) => {
    if (!root) return;
    forEachCondition(root, base, (name, value, path) => {
      const kind = conditionKind(name)!;
      for (const f of kind.check(value, ctx)) findings.push({ ...f, path: [...path, name, ...f.path] });
    });
  };
  visit(seg.rules, ['rules']);
  for (const [i, s] of (seg.funnel?.stages ?? []).entries()) visit(s.rules, ['funnel', 'stages', i, 'rules']);
  return findings;
}
