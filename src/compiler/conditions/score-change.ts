import { z } from 'zod';
import type { Finding } from '../../definitions/diagnostics.ts';
import { countSchema, positiveDays } from '../../definitions/schemas/common.ts';
import { column, ident, indent, joinPredicates } from '../sql/escape.ts';
import { DATE, NUMERIC, requireFields } from './helpers.ts';
import { rollingStart } from '../windows.ts';
import { defineCondition, type RuleContext, type SqlContext } from './types.ts';

/**
 * Lead-score movement over the score-snapshot data extension (project `score:` settings):
 * `rose: { withinDays: 30, top: 50 }` — the N contacts whose score rose most (latest snapshot minus the
 * first snapshot inside the window); `fell: { withinDays: 60, byAtLeast: 5 }`; `highest: { withinDays: 90,
 * top: 100 }` — top N by peak score in the window; `noScore: true` — no snapshot with a score.
 */
const schema = z
  .object({
    rose: z
      .object({
        withinDays: positiveDays.describe('Window: latest snapshot against the first one in the last N days'),
        top: countSchema.optional().describe('Keep only the N contacts whose score rose most'),
        byAtLeast: countSchema.optional().describe('Minimum rise (default 1)'),
      })
      .strict()
      .optional()
      .describe('Score rose over the window'),
    fell: z
      .object({
        withinDays: positiveDays.describe('Window: latest snapshot against the first one in the last N days'),
        byAtLeast: countSchema.optional().describe('Minimum fall (default 1)'),
      })
      .strict()
      .optional()
      .describe('Score fell over the window'),
    highest: z
      .object({
        withinDays: positiveDays.describe('Window in days'),
        top: countSchema.describe('How many contacts, by their peak score in the window'),
      })
      .strict()
      .optional()
      .describe('Highest peak scores in the window'),
    noScore: z.literal(true).optional().describe('No snapshot with a score'),
  })
  .strict()
  .describe(
    'Write exactly one of rose, fell, highest, noScore. Reads the score snapshot data extension named under `score:` in sfmc-kit.yaml.',
  )
  .superRefine((v, ctx) => {
    const set = ['rose', 'fell', 'highest', 'noScore'].filter(
      (k) => (v as Record<string, unknown>)[k] !== undefined,
    );
    if (set.length !== 1)
      ctx.addIssue({ code: 'custom', message: 'expected exactly one of rose, fell, highest, noScore' });
  });
type ScoreChange = z.infer<typeof schema>;

function names(ctx: RuleContext) {
  const s = ctx.project.config.score;
  const table = ctx.table(s.dataExtension);
  const f = (n: string) => (table ? (ctx.field(table, n)?.name ?? n) : n);
  return {
    table: table?.name ?? s.dataExtension,
    key: f(s.keyField),
    date: f(s.dateField),
    score: f(s.scoreField),
  };
}

/** Latest snapshot (cur) joined to the first snapshot inside the window (old), per contact. */
function movement(ctx: SqlContext, days: number, compare: string, top?: number, order?: string): string {
  const n = names(ctx);
  const cur = ctx.alias('h');
  const old = ctx.alias('h');
  const x = ctx.alias('h');
  const y = ctx.alias('h');
  const tbl = ctx.tableRef(n.table);
  // A NULL score is no score: neither the latest nor the first snapshot of the window can be one.
  const latest = `(SELECT MAX(${column(x, n.date)}) FROM ${tbl} AS ${x} WHERE ${column(x, n.key)} = ${column(cur, n.key)} AND ${column(x, n.score)} IS NOT NULL)`;
  const first = `(SELECT MIN(${column(y, n.date)}) FROM ${tbl} AS ${y} WHERE ${column(y, n.key)} = ${column(cur, n.key)} AND ${column(y, n.score)} IS NOT NULL AND ${column(y, n.date)} >= ${rollingStart(days)})`;
  const where = joinPredicates(
    [
      `${column(cur, n.date)} = ${latest}`,
      `${column(old, n.date)} = ${first}`,
      compare.replaceAll('{cur}', column(cur, n.score)).replaceAll('{old}', column(old, n.score)),
    ],
    'AND',
  );
  const select = top ? `SELECT TOP ${top} ${column(cur, n.key)}` : `SELECT ${column(cur, n.key)}`;
  const orderBy = order
    ? `\nORDER BY ${order.replaceAll('{cur}', column(cur, n.score)).replaceAll('{old}', column(old, n.score))}, ${column(cur, n.key)}`
    : '';
  const sub = `${select}\nFROM ${tbl} AS ${cur}\nINNER JOIN ${tbl} AS ${old} ON ${column(old, n.key)} = ${column(cur, n.key)}\nWHERE\n${indent(where)}${orderBy}`;
  return `${column(ctx.outer, ctx.audienceKey)} IN (\n${indent(sub)}\n)`;
}

export const scoreChange = defineCondition<ScoreChange>({
  kind: 'scoreChange',
  summary: 'Lead-score movement over the score snapshots: rose most (top N), fell, highest, no score',
  schema,
  describe(c) {
    if (c.rose)
      return `score rose${c.rose.byAtLeast ? ` by at least ${c.rose.byAtLeast}` : ''} in the last ${c.rose.withinDays} days${c.rose.top ? ` (top ${c.rose.top} risers)` : ''}`;
    if (c.fell)
      return `score fell${c.fell.byAtLeast ? ` by at least ${c.fell.byAtLeast}` : ''} in the last ${c.fell.withinDays} days`;
    if (c.highest)
      return `among the ${c.highest.top} highest scores of the last ${c.highest.withinDays} days`;
    return 'has no score';
  },
  check(_c, ctx): Finding[] {
    const s = ctx.project.config.score;
    return requireFields(
      ctx,
      s.dataExtension,
      [],
      [
        { name: s.keyField, path: [] },
        { name: s.dateField, path: [], types: DATE },
        { name: s.scoreField, path: [], types: NUMERIC },
      ],
    ).findings;
  },
  sql(c, ctx) {
    if (c.rose) {
      const by = c.rose.byAtLeast ?? 1;
      return movement(
        ctx,
        c.rose.withinDays,
        `{cur} - {old} >= ${by}`,
        c.rose.top,
        c.rose.top ? '{cur} - {old} DESC' : undefined,
      );
    }
    if (c.fell) return movement(ctx, c.fell.withinDays, `{old} - {cur} >= ${c.fell.byAtLeast ?? 1}`);
    const n = names(ctx);
    const h = ctx.alias('h');
    if (c.highest) {
      const sub = `SELECT TOP ${c.highest.top} ${column(h, n.key)}\nFROM ${ctx.tableRef(n.table)} AS ${h}\nWHERE ${column(h, n.date)} >= ${rollingStart(c.highest.withinDays)} AND ${column(h, n.score)} IS NOT NULL\nGROUP BY ${column(h, n.key)}\nORDER BY MAX(${column(h, n.score)}) DESC, ${column(h, n.key)}`;
      return `${column(ctx.outer, ctx.audienceKey)} IN (\n${indent(sub)}\n)`;
    }
    return `NOT EXISTS (\n${indent(`SELECT 1\nFROM ${ctx.tableRef(n.table)} AS ${h}\nWHERE\n${indent(joinPredicates([`${column(h, n.key)} = ${column(ctx.outer, ctx.audienceKey)}`, `${column(h, n.score)} IS NOT NULL`], 'AND'))}`)}\n)`;
  },
  facts: () => ({}),
});
