/**
 * Lint rules: each looks at a segment's condition sites and says what is risky. Warnings can be accepted
 * per segment with `lint: { allow: [rule] }`; errors cannot.
 */

import type { Catalog } from '../compiler/catalog.ts';
import { isRequired } from '../compiler/catalog.ts';
import type { RuleContext } from '../compiler/conditions/types.ts';
import { ruleContext } from '../compiler/context.ts';
import { audienceOf, selectedFields, targetOf } from '../compiler/target.ts';
import type { Finding } from '../definitions/diagnostics.ts';
import { findDataExtension, findSegment, type Project } from '../definitions/project.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import { type ConditionSite, conditionSites } from './facts.ts';

export interface LintInput {
  project: Project;
  seg: SegmentDef;
  ctx: RuleContext;
  sites: ConditionSite[];
  catalog: Catalog;
}

export interface LintRule {
  id: string;
  run(input: LintInput): Finding[];
}

const opensSignal: LintRule = {
  id: 'opens-signal',
  run: ({ sites }) =>
    sites
      .filter((s) => s.facts.opens)
      .map((s) => ({
        severity: 'warning',
        code: 'opens-signal',
        message:
          'opens are a false-positive signal (privacy proxies such as Apple Mail open every message); prefer emailClicked',
        path: [...s.path, s.name],
      })),
};

const retentionWindow: LintRule = {
  id: 'retention-window',
  run: ({ sites, ctx }) =>
    sites.flatMap((s) =>
      (s.facts.windows ?? []).flatMap((w) => {
        const table = ctx.table(w.table);
        if (!table?.retentionDays || w.days <= table.retentionDays) return [];
        return [
          {
            severity: 'error' as const,
            code: 'retention-window',
            message: `a ${w.days}-day window over ${table.name}, which keeps only ${table.retentionDays} days (6 months); shorten it or read an archive data extension with from:`,
            path: [...s.path, s.name, ...w.path],
          },
        ];
      }),
    ),
};

/** Suppressions a segment inherits through notInSegment of segments that list such contacts. */
function excludedKinds(
  project: Project,
  seg: SegmentDef,
  catalog: Catalog,
  seen = new Set<string>(),
): Set<string> {
  const out = new Set<string>();
  const ctx = ruleContext(project, seg, catalog);
  if (!ctx || seen.has(seg.name)) return out;
  seen.add(seg.name);
  for (const s of conditionSites(seg, ctx)) {
    if (s.negated && s.facts.suppression && !s.underAny) out.add(s.facts.suppression);
    if (s.name === 'notInSegment' && !s.negated) {
      const other = findSegment(project, s.value as string);
      if (other) for (const k of listedKinds(project, other, catalog, seen)) out.add(k);
    }
  }
  return out;
}

/** Suppression kinds whose contacts a segment lists (positively). */
function listedKinds(project: Project, seg: SegmentDef, catalog: Catalog, seen: Set<string>): Set<string> {
  const out = new Set<string>();
  const ctx = ruleContext(project, seg, catalog);
  if (!ctx || seen.has(seg.name)) return out;
  seen.add(seg.name);
  for (const s of conditionSites(seg, ctx)) {
    if (!s.negated && s.facts.suppression) out.add(s.facts.suppression);
    if (s.name === 'inSegment' && !s.negated) {
      const other = findSegment(project, s.value as string);
      if (other) for (const k of listedKinds(project, other, catalog, seen)) out.add(k);
    }
  }
  return out;
}

const SUPPRESSIONS: Record<string, string> = {
  unsubscribed: 'unsubscribed',
  hardBounce: 'bounced: { type: hard }',
  complaint: 'complained',
};

const noSuppression: LintRule = {
  id: 'no-suppression',
  run({ project, seg, sites, catalog }) {
    if (seg.funnel) return [];
    // A list of unsubscribed / bounced contacts is an exclusion list itself.
    if (sites.some((s) => s.facts.suppression && !s.negated)) return [];
    const target = targetOf(project, seg);
    if (!target?.de.sendable) return [];
    const excluded = excludedKinds(project, seg, catalog);
    const missing = Object.keys(SUPPRESSIONS).filter((k) => !excluded.has(k));
    if (!missing.length) return [];
    return [
      {
        severity: 'warning',
        code: 'no-suppression',
        message: `sendable segment does not exclude ${missing.map((k) => SUPPRESSIONS[k]).join(', ')}; add not: conditions (or notInSegment of a suppression segment)`,
        path: ['rules'],
      },
    ];
  },
};

const youngContactGuard: LintRule = {
  id: 'young-contact-guard',
  run({ sites }) {
    const out: Finding[] = [];
    const guards = sites.filter((s) => !s.negated && s.facts.guardsAgeDays !== undefined && !s.underAny);
    for (const s of sites) {
      const hint = 'contacts who joined less than that ago match by accident';
      if (s.facts.inactivity && !s.facts.inactivity.guarded && !s.negated) {
        const days = s.facts.inactivity.days;
        if (!guards.some((g) => g.facts.guardsAgeDays! >= days)) {
          out.push({
            severity: 'warning',
            code: 'young-contact-guard',
            message: `"no action in ${days} days" without a join-date guard: ${hint}; set joinedField (e.g. CreatedDate)`,
            path: [...s.path, s.name],
          });
        }
      }
      const days = s.facts.actionWithinDays;
      if (s.negated && days !== undefined && !guards.some((g) => g.facts.guardsAgeDays! >= days)) {
        out.push({
          severity: 'warning',
          code: 'young-contact-guard',
          message: `"not done in the last ${days} days" without a guard: ${hint}; add attribute { field: CreatedDate, olderThanDays: ${days} }`,
          path: [...s.path, s.name],
        });
      }
    }
    return out;
  },
};

const targetFields: LintRule = {
  id: 'target-fields',
  run({ project, seg, ctx }) {
    if (typeof seg.target !== 'string') return [];
    const de = findDataExtension(project, seg.target);
    if (!de) return [];
    const has = (n: string) => de.fields.find((f) => f.name.toLowerCase() === n.toLowerCase());
    const out: Finding[] = [];
    const err = (message: string) =>
      out.push({ severity: 'error', code: 'target-fields', message, path: ['target'] });
    const selected = selectedFields(project, seg);
    const wanted = seg.funnel ? [...selected, seg.funnel.stageField, seg.funnel.rankField] : selected;
    const missing = wanted.filter((n) => !has(n));
    if (missing.length)
      err(`target ${de.name} lacks selected field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    const key = audienceOf(project, seg).key ?? ctx.audienceKey;
    if (!has(key)?.primaryKey)
      err(`target ${de.name} needs ${key} as its primary key (rows are matched on it)`);
    const unfilled = de.fields.filter(
      (f) =>
        isRequired(f) &&
        f.default === undefined &&
        !wanted.some((w) => w.toLowerCase() === f.name.toLowerCase()),
    );
    if (unfilled.length) {
      err(
        `target ${de.name} has required field${unfilled.length > 1 ? 's' : ''} ${unfilled.map((f) => f.name).join(', ')} the segment does not fill`,
      );
    }
    return out;
  },
};

/**
 * A data view read with no date window finds only what the view still keeps (6 months of events): "ever
 * clicked", "never opened" or "hard-bounced" then silently mean "in the last 6 months", and a suppression
 * built on it lets older unsubscribes, bounces and complaints be mailed again.
 */
const dataViewWindow: LintRule = {
  id: 'data-view-window',
  run: ({ sites, ctx }) =>
    sites.flatMap((s) =>
      (s.facts.unboundedReads ?? []).flatMap((r) => {
        const table = ctx.table(r.table);
        if (!table?.retentionDays) return [];
        const fix = s.facts.suppression
          ? 'for suppression prefer unsubscribed: {} (the _Subscribers / _BusinessUnitUnsubscribes status, no time limit)'
          : `add withinDays (at most ${table.retentionDays}) or read an archive data extension with from:`;
        return [
          {
            severity: 'warning' as const,
            code: 'data-view-window',
            message: `reads ${table.name} without a date window: the data view keeps only ${table.retentionDays} days, so this means "in the last 6 months"; ${fix}`,
            path: [...s.path, s.name, ...r.path],
          },
        ];
      }),
    ),
};

export const LINT_RULES: readonly LintRule[] = [
  opensSignal,
  noSuppression,
  retentionWindow,
  dataViewWindow,
  youngContactGuard,
  targetFields,
];
