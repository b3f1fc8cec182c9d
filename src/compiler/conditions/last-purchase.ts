import { z } from 'zod';
import { positiveDays } from '../../definitions/schemas/common.ts';
import { column, indent, joinPredicates, paren } from '../sql/escape.ts';
import { dayStart } from '../windows.ts';
import { checkCrm, crmField, includeDeletedShape, opportunityScope } from './crm-helpers.ts';
import { DATE } from './helpers.ts';
import { defineCondition, type SqlContext } from './types.ts';

/** Date of the last won opportunity of the contact's account: in the last N days, more than N days ago, never. */
export const lastPurchase = defineCondition({
  kind: 'lastPurchase',
  summary: 'Date of the last purchase (won opportunity): in the last N days, more than N days ago, or never',
  schema: z
    .object({
      inLastDays: positiveDays.optional().describe('Last won opportunity closed in the last N days'),
      olderThanDays: positiveDays.optional().describe('Last won opportunity closed more than N days ago'),
      never: z.literal(true).optional().describe('No won opportunity'),
      ...includeDeletedShape,
    })
    .strict()
    .describe('Write exactly one of inLastDays, olderThanDays, never.')
    .superRefine((v, ctx) => {
      const n = [v.inLastDays, v.olderThanDays, v.never].filter((x) => x !== undefined).length;
      if (n !== 1)
        ctx.addIssue({ code: 'custom', message: 'expected exactly one of inLastDays, olderThanDays, never' });
    }),
  describe: (c) =>
    c.never
      ? 'never purchased'
      : c.inLastDays
        ? `last purchase in the last ${c.inLastDays} days`
        : `last purchase more than ${c.olderThanDays} days ago`,
  check: (_c, ctx) => [
    ...checkCrm(ctx, 'opportunity', [
      { name: 'AccountId', path: [] },
      { name: 'IsWon', path: [], types: ['Boolean'] },
      { name: 'CloseDate', path: [], types: DATE },
    ]).findings,
    ...checkCrm(ctx, 'contact', [
      { name: 'Id', path: [] },
      { name: 'AccountId', path: [] },
    ]).findings,
  ],
  sql(c, ctx) {
    const won = (days?: number) => wonExists(ctx, days, c.includeDeleted);
    if (c.never) return `NOT ${won()}`;
    if (c.inLastDays) return won(c.inLastDays);
    return paren(joinPredicates([won(), `NOT ${won(c.olderThanDays)}`], 'AND'));
  },
  facts: () => ({}),
});

function wonExists(ctx: SqlContext, days: number | undefined, includeDeleted: boolean): string {
  const { body } = opportunityScope(
    ctx,
    (o) => [
      `${column(o, crmField(ctx, 'opportunity', 'IsWon'))} = 1`,
      ...(days ? [`${column(o, crmField(ctx, 'opportunity', 'CloseDate'))} >= ${dayStart(days)}`] : []),
    ],
    includeDeleted,
  );
  return `EXISTS (\n${indent(`SELECT 1\n${body}`)}\n)`;
}
