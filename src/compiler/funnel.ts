/**
 * A funnel segment: each contact's stage is the furthest stage whose entry rules it meets now, but never
 * lower than the stage already stored in the target (read back from the target itself; Update mode
 * keeps rows of contacts that left the audience). Stages are ranked 1..n in the order written.
 */
import type { DataExtensionDef } from '../definitions/schemas/data-extension.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import type { RuleContext } from './conditions/types.ts';
import { sqlContext } from './context.ts';
import { renderRules } from './render-rules.ts';
import { column, ident, indent, literal } from './sql/escape.ts';

export function funnelSql(seg: SegmentDef, ctx: RuleContext, target: DataExtensionDef): string {
  const funnel = seg.funnel!;
  const sctx = sqlContext(ctx);
  const key = ctx.audienceKey;
  const stages = funnel.stages.map((s, i) => ({ name: s.name, rank: i + 1, rules: s.rules }));
  const whens = [...stages]
    .reverse()
    .map((s) => `WHEN ${indent(renderRules(s.rules, sctx)).trimStart()}\nTHEN ${s.rank}`)
    .join('\n');
  const computed = [
    'SELECT',
    indent(
      [
        column('a', key),
        `ISNULL(${column('prev', funnel.rankField)}, 0) AS [PreviousRank]`,
        `CASE\n${indent(whens)}\n${indent('ELSE 0')}\nEND AS [NewRank]`,
      ].join(',\n'),
    ),
    `FROM ${sctx.tableRef(ctx.audience.name)} AS a`,
    `LEFT JOIN ${sctx.tableRef(target.name)} AS prev ON ${column('prev', key)} = ${column('a', key)}`,
  ].join('\n');
  const ranked = [
    'SELECT',
    indent(
      [
        column('x', key),
        `CASE WHEN ${column('x', 'PreviousRank')} > ${column('x', 'NewRank')} THEN ${column('x', 'PreviousRank')} ELSE ${column('x', 'NewRank')} END AS ${ident(funnel.rankField)}`,
      ].join(',\n'),
    ),
    `FROM (\n${indent(computed)}\n) AS x`,
  ].join('\n');
  const names = stages.map((s) => `WHEN ${s.rank} THEN ${literal(s.name)}`).join('\n');
  return [
    'SELECT',
    indent(
      [
        column('y', key),
        `CASE ${column('y', funnel.rankField)}\n${indent(names)}\nEND AS ${ident(funnel.stageField)}`,
        column('y', funnel.rankField),
      ].join(',\n'),
    ),
    `FROM (\n${indent(ranked)}\n) AS y`,
    `WHERE ${column('y', funnel.rankField)} > 0`,
  ].join('\n');
}
