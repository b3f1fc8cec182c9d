import { z } from 'zod';
import { nameSchema } from '../../definitions/schemas/common.ts';
import { column, ident } from '../sql/escape.ts';
import { checkCrm, crmField, crmTable, includeDeletedShape, recordExists } from './crm-helpers.ts';
import { compileTest, describeTest, TEXT_MATCH_OPS, testSchema } from './operators.ts';
import { defineCondition } from './types.ts';

/** The lead (or contact) is owned by a given sales rep: `owner: { userField: Email, equals: jane@acme.com }`. */
export const owner = defineCondition({
  kind: 'owner',
  summary: 'The contact’s lead or contact record is owned by the given Salesforce user(s)',
  schema: testSchema(
    {
      object: z.enum(['lead', 'contact']).default('lead').describe('Salesforce record whose owner is tested'),
      userField: nameSchema.default('Email').describe('User field to compare: Email, Name, Username, Id'),
      ...includeDeletedShape,
    },
    [...TEXT_MATCH_OPS, 'notIn'],
  ),
  describe: (c) => `${c.object} owner's ${describeTest(c.userField, c)}`,
  check: (c, ctx) => [
    ...checkCrm(ctx, c.object, [
      { name: 'Id', path: [] },
      { name: 'OwnerId', path: ['object'] },
    ]).findings,
    ...checkCrm(ctx, 'user', [
      { name: 'Id', path: [] },
      { name: c.userField, path: ['userField'] },
    ]).findings,
  ],
  sql(c, ctx) {
    const u = ctx.alias('u');
    return recordExists(
      ctx,
      c.object,
      c.object === 'lead' ? 'l' : 'ct',
      () => [compileTest(column(u, crmField(ctx, 'user', c.userField)), 'Text', c)],
      (r) => [
        `INNER JOIN ${ctx.tableRef(crmTable(ctx, 'user'))} AS ${u} ON ${column(u, crmField(ctx, 'user', 'Id'))} = ${column(r, crmField(ctx, c.object, 'OwnerId'))}`,
      ],
      c.includeDeleted,
    );
  },
  facts: () => ({}),
});
