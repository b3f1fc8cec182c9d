import { nameSchema } from '../../definitions/schemas/common.ts';
import { column } from '../sql/escape.ts';
import { checkCrm, crmField, includeDeletedShape, recordExists } from './crm-helpers.ts';
import { TEXTUAL } from './helpers.ts';
import { compileTest, describeTest, TEXT_MATCH_OPS, testSchema } from './operators.ts';
import { defineCondition } from './types.ts';

/** The contact's Salesforce lead has a status: `leadStatus: { in: [Working - Contacted, Nurturing] }`. */
export const leadStatus = defineCondition({
  kind: 'leadStatus',
  summary: 'Status of the contact’s Salesforce lead',
  schema: testSchema(
    { field: nameSchema.default('Status').describe('Lead status field'), ...includeDeletedShape },
    [...TEXT_MATCH_OPS, 'notIn', 'notEquals', 'isEmpty', 'isNotEmpty'],
  ),
  describe: (c) => describeTest('lead status', c),
  check: (c, ctx) =>
    checkCrm(ctx, 'lead', [
      { name: 'Id', path: [] },
      { name: c.field, path: ['field'], types: TEXTUAL },
    ]).findings,
  sql: (c, ctx) =>
    recordExists(
      ctx,
      'lead',
      'l',
      (l) => [compileTest(column(l, crmField(ctx, 'lead', c.field)), 'Text', c)],
      undefined,
      c.includeDeleted,
    ),
  facts: () => ({}),
});
