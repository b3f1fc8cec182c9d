import { z } from 'zod';
import { positiveDays } from '../../definitions/schemas/common.ts';
import { joinPredicates, paren } from '../sql/escape.ts';
import { actionLabel, actionSchema, actionTables, anyActionSql, checkActions } from './actions.ts';
import { defineCondition } from './types.ts';

/**
 * When the contact last interacted: `lastInteraction: { olderThanDays: 30 }`, `{ inLastDays: 7 }`,
 * `{ betweenDays: [30, 90] }` (last interaction 30–90 days ago) or `{ never: true }`.
 * Written with EXISTS per source rather than MAX over a UNION so each source stays an index seek.
 */
const schema = z
  .object({
    inLastDays: positiveDays.optional().describe('Last interaction in the last N days'),
    olderThanDays: positiveDays.optional().describe('Last interaction more than N days ago'),
    betweenDays: z
      .tuple([positiveDays, positiveDays], { error: 'expected [newest, oldest] days ago' })
      .refine(([a, b]) => a < b, { error: 'expected [newest, oldest] with newest < oldest' })
      .optional()
      .describe('Last interaction between N and M days ago: [newest, oldest]'),
    never: z.literal(true).optional().describe('No interaction at all'),
    actions: z
      .array(actionSchema)
      .min(1)
      .default(['click', 'open'])
      .describe('What counts as an interaction: click, open, send or { event: <data extension> }'),
  })
  .strict()
  .describe('Write exactly one of inLastDays, olderThanDays, betweenDays, never.')
  .superRefine((v, ctx) => {
    const set = ['inLastDays', 'olderThanDays', 'betweenDays', 'never'].filter(
      (k) => (v as Record<string, unknown>)[k] !== undefined,
    );
    if (set.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected exactly one of inLastDays, olderThanDays, betweenDays, never',
      });
    }
  });

export const lastInteraction = defineCondition({
  kind: 'lastInteraction',
  summary: 'Date of the last interaction (in the last N days, more than N days ago, between, never)',
  schema,
  describe: (c) => {
    const what = c.actions.map(actionLabel).join(' or ');
    if (c.never) return `never had ${what}`;
    if (c.inLastDays) return `last interaction (${what}) in the last ${c.inLastDays} days`;
    if (c.olderThanDays) return `last interaction (${what}) more than ${c.olderThanDays} days ago`;
    const [a, b] = c.betweenDays!;
    return `last interaction (${what}) between ${a} and ${b} days ago`;
  },
  check: (c, ctx) => checkActions(c.actions, ctx),
  sql(c, ctx) {
    const any = (days?: number) => {
      const parts = anyActionSql(c.actions, ctx, days);
      return parts.length === 1 ? parts[0] : paren(joinPredicates(parts, 'OR'));
    };
    if (c.never) return `NOT ${any()}`;
    if (c.inLastDays) return any(c.inLastDays);
    const [recent, old] = c.olderThanDays ? [c.olderThanDays, undefined] : c.betweenDays!;
    return paren(joinPredicates([any(old), `NOT ${any(recent)}`], 'AND'));
  },
  facts: (c) => {
    const days = c.inLastDays ?? c.olderThanDays ?? c.betweenDays?.[1];
    return {
      windows: days ? actionTables(c.actions).map((table) => ({ table, days, path: [] })) : [],
      // never / olderThanDays look at every row the source keeps, not at a window.
      unboundedReads:
        c.never || c.olderThanDays ? actionTables(c.actions).map((table) => ({ table, path: [] })) : [],
    };
  },
});
