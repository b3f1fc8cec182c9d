import { z } from 'zod';
import { positiveDays } from '../../definitions/schemas/common.ts';
import { column, indent, joinPredicates, paren } from '../sql/escape.ts';
import { dayStart } from '../windows.ts';
import { checkCrm, crmField, includeDeletedShape, opportunityScope } from './crm-helpers.ts';
import { DATE, NUMERIC } from './helpers.ts';
import { compileTest, describeTest, testSchema } from './operators.ts';
import { defineCondition, type SqlContext } from './types.ts';

const numberTest = testSchema({}, ['equals', 'gt', 'gte', 'lt', 'lte', 'between']);

/** Count and/or sum of won opportunity amounts of the contact's account, optionally within N days. */
export const purchaseTotals = defineCondition({
  kind: 'purchaseTotals',
  summary: 'Number of purchases and/or total amount of won opportunities, optionally within N days',
  schema: z
    .object({
      count: numberTest.optional().describe('Test on the number of won opportunities'),
      amount: numberTest.optional().describe('Test on the sum of their Amount'),
      withinDays: positiveDays.optional().describe('Only opportunities closed in the last N days'),
      ...includeDeletedShape,
    })
    .strict()
    .describe('Write count, amount or both.')
    .refine((v) => v.count || v.amount, { error: 'expected count and/or amount' }),
  describe: (c) =>
    [
      c.count && describeTest('number of purchases', c.count),
      c.amount && describeTest('total purchase amount', c.amount),
    ]
      .filter(Boolean)
      .join(' and ') + (c.withinDays ? ` in the last ${c.withinDays} days` : ''),
  check: (c, ctx) => [
    ...checkCrm(ctx, 'opportunity', [
      { name: 'AccountId', path: [] },
      { name: 'IsWon', path: [], types: ['Boolean'] },
      { name: 'CloseDate', path: [], types: DATE },
      ...(c.amount ? [{ name: 'Amount', path: ['amount'], types: NUMERIC }] : []),
    ]).findings,
    ...checkCrm(ctx, 'contact', [
      { name: 'Id', path: [] },
      { name: 'AccountId', path: [] },
    ]).findings,
  ],
  sql(c, ctx) {
    const parts: string[] = [];
    if (c.count)
      parts.push(
        compileTest(
          aggregate(ctx, c.withinDays, () => 'COUNT(*)', c.includeDeleted),
          'Number',
          c.count,
        ),
      );
    if (c.amount) {
      const amount = (o: string) => `ISNULL(SUM(${column(o, crmField(ctx, 'opportunity', 'Amount'))}), 0)`;
      parts.push(compileTest(aggregate(ctx, c.withinDays, amount, c.includeDeleted), 'Decimal', c.amount));
    }
    return parts.length === 1 ? parts[0] : paren(joinPredicates(parts, 'AND'));
  },
  facts: () => ({}),
});

function aggregate(
  ctx: SqlContext,
  days: number | undefined,
  expr: (o: string) => string,
  includeDeleted: boolean,
): string {
  let alias = '';
  const { body } = opportunityScope(
    ctx,
    (o) => {
      alias = o;
      return [
        `${column(o, crmField(ctx, 'opportunity', 'IsWon'))} = 1`,
        ...(days ? [`${column(o, crmField(ctx, 'opportunity', 'CloseDate'))} >= ${dayStart(days)}`] : []),
      ];
    },
    includeDeleted,
  );
  return `(\n${indent(`SELECT ${expr(alias)}\n${body}`)}\n)`;
}
