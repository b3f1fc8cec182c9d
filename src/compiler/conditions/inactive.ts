import { z } from 'zod';
import { nameSchema, positiveDays } from '../../definitions/schemas/common.ts';
import { column, joinPredicates, paren } from '../sql/escape.ts';
import { windows } from '../windows.ts';
import {
  type Action,
  actionLabel,
  actionSchema,
  actionTables,
  anyActionSql,
  checkActions,
} from './actions.ts';
import { DATE, requireFields } from './helpers.ts';
import { defineCondition } from './types.ts';

/**
 * "No action (or no send) in the last N days". Contacts younger than N days have had no chance to act;
 * `joinedField` (their creation / join date) keeps them out — the Customer.io "past N days" trap.
 */
export const inactive = defineCondition({
  kind: 'inactive',
  summary: 'No action (click, open, event) or no send in the last N days, with a young-contact guard',
  schema: z
    .object({
      days: positiveDays.describe('Length of the quiet period, in days'),
      of: z
        .enum(['action', 'send'])
        .default('action')
        .describe('action: no interaction; send: no email sent'),
      actions: z
        .array(actionSchema)
        .min(1)
        .optional()
        .describe('What counts as an action (default click, open)'),
      joinedField: nameSchema
        .optional()
        .describe('Audience Date field with the join date; contacts younger than `days` are excluded'),
    })
    .strict(),
  describe: (c) => {
    const acts = resolveActions(c);
    const what = c.of === 'send' ? 'was sent no email' : `has no ${acts.map(actionLabel).join(' or ')}`;
    return `${what} in the last ${c.days} days${c.joinedField ? ` (and joined at least ${c.days} days ago)` : ''}`;
  },
  check(c, ctx) {
    const findings = checkActions(resolveActions(c), ctx);
    if (c.joinedField) {
      findings.push(
        ...requireFields(
          ctx,
          ctx.audience.name,
          [],
          [{ name: c.joinedField, path: ['joinedField'], types: DATE }],
        ).findings,
      );
    }
    return findings;
  },
  sql(c, ctx) {
    const parts = anyActionSql(resolveActions(c), ctx, c.days).map((e) => `NOT ${e}`);
    if (c.joinedField) {
      const f = ctx.field(ctx.audience, c.joinedField)!;
      // The young-contact guard is an age test against now: joined at least N days (N x 24 h) ago.
      parts.push(windows.ageAtLeast(column(ctx.outer, f.name), c.days));
    }
    return parts.length === 1 ? parts[0] : paren(joinPredicates(parts, 'AND'));
  },
  facts: (c) => ({
    windows: actionTables(resolveActions(c)).map((table) => ({ table, days: c.days, path: ['days'] })),
    inactivity: { days: c.days, guarded: Boolean(c.joinedField) },
  }),
});

function resolveActions(c: { of: 'action' | 'send'; actions?: Action[] }): Action[] {
  if (c.of === 'send') return ['send'];
  return c.actions ?? ['click', 'open'];
}
