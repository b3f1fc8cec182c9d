import { z } from 'zod';
import { column, indent } from '../sql/escape.ts';
import { checkCrm, crmField, includeDeletedShape, opportunityScope } from './crm-helpers.ts';
import { compileTest, describeTest, TEXT_MATCH_OPS, testSchema } from './operators.ts';
import { defineCondition } from './types.ts';

/** The contact's account has an opportunity in a stage: `opportunityStage: { in: [Negotiation/Review] }`. */
export const opportunityStage = defineCondition({
  kind: 'opportunityStage',
  summary: 'The contact’s account has an opportunity in the given stage(s)',
  schema: testSchema(
    {
      openOnly: z.boolean().default(false).describe('Only opportunities not yet closed'),
      ...includeDeletedShape,
    },
    [...TEXT_MATCH_OPS, 'notIn'],
  ),
  describe: (c) => `has an ${c.openOnly ? 'open ' : ''}opportunity whose ${describeTest('stage', c)}`,
  check: (c, ctx) => [
    ...checkCrm(ctx, 'opportunity', [
      { name: 'AccountId', path: [] },
      { name: 'StageName', path: [] },
      ...(c.openOnly ? [{ name: 'IsClosed', path: ['openOnly'], types: ['Boolean' as const] }] : []),
    ]).findings,
    ...checkCrm(ctx, 'contact', [
      { name: 'Id', path: [] },
      { name: 'AccountId', path: [] },
    ]).findings,
  ],
  sql(c, ctx) {
    const { body } = opportunityScope(
      ctx,
      (o) => [
        compileTest(column(o, crmField(ctx, 'opportunity', 'StageName')), 'Text', c),
        ...(c.openOnly ? [`${column(o, crmField(ctx, 'opportunity', 'IsClosed'))} = 0`] : []),
      ],
      c.includeDeleted,
    );
    return `EXISTS (\n${indent(`SELECT 1\n${body}`)}\n)`;
  },
  facts: () => ({}),
});
