import { findDataExtension, findSegment, type Project } from '../definitions/project.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import type { Catalog } from './catalog.ts';
import type { RuleContext, SqlContext, TableInfo } from './conditions/types.ts';
import { audienceOf, targetOf } from './target.ts';

export const OUTER_ALIAS = 'a';

export function ruleContext(project: Project, seg: SegmentDef, catalog: Catalog): RuleContext | undefined {
  const aud = audienceOf(project, seg);
  const audience = catalog.table(aud.dataExtension);
  if (!audience || !aud.key) return undefined;
  const key = catalog.field(audience, aud.key);
  if (!key) return undefined;
  return {
    project,
    segment: seg,
    audience,
    audienceKey: key.name,
    table: catalog.table,
    field: catalog.field,
  };
}

export function sqlContext(base: RuleContext, outer = OUTER_ALIAS): SqlContext {
  const counters = new Map<string, number>();
  return {
    ...base,
    outer,
    alias(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}${n}`;
    },
    segmentTable(name) {
      const seg = findSegment(base.project, name);
      if (!seg) return undefined;
      const target = targetOf(base.project, seg);
      if (!target) return undefined;
      const key = audienceOf(base.project, seg).key;
      const pk = target.de.fields.find((f) => f.primaryKey)?.name ?? key ?? base.audienceKey;
      return {
        table: target.de.name,
        key: pk,
        fields: target.de.fields.map((f) => ({ name: f.name, type: f.type })),
      };
    },
  };
}

export function isDeclaredDataExtension(project: Project, t: TableInfo): boolean {
  return t.kind === 'dataExtension' && Boolean(findDataExtension(project, t.name));
}
