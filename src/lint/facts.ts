import { conditionKind } from '../compiler/conditions/registry.ts';
import type { ConditionFacts, RuleContext } from '../compiler/conditions/types.ts';
import { forEachCondition } from '../compiler/rules.ts';
import type { Path } from '../definitions/diagnostics.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';

export interface ConditionSite {
  name: string;
  value: unknown;
  /** Path of the condition node (its key is `name`). */
  path: Path;
  negated: boolean;
  /** Under an `any:` somewhere above (so it alone does not decide membership). */
  underAny: boolean;
  facts: ConditionFacts;
}

export function conditionSites(seg: SegmentDef, ctx: RuleContext): ConditionSite[] {
  const sites: ConditionSite[] = [];
  const collect = (root: SegmentDef['rules'], base: Path) =>
    root &&
    forEachCondition(root, base, (name, value, path, negated) => {
      sites.push({
        name,
        value,
        path,
        negated,
        underAny: path.includes('any'),
        facts: conditionKind(name)!.facts(value, ctx),
      });
    });
  collect(seg.rules, ['rules']);
  for (const [i, s] of (seg.funnel?.stages ?? []).entries())
    collect(s.rules, ['funnel', 'stages', i, 'rules']);
  return sites;
}
