import { z } from 'zod';
import { positiveDays } from '../../definitions/schemas/common.ts';
import { column, TODAY } from '../sql/escape.ts';
import { checkCrm, crmField, recordExists } from './crm-helpers.ts';
import { DATE } from './helpers.ts';
import { defineCondition } from './types.ts';

/**
 * No sales activity (task, call, meeting) on the lead or contact for N days. Records created less than
 * N days ago are left out: they have had no time for activity yet.
 */
export const noSalesActivity = defineCondition({
  kind: 'noSalesActivity',
  summary: 'No sales activity (LastActivityDate) on the lead or contact for N days; newer records excluded',
  schema: z
    .object({
      days: positiveDays.describe('Days without activity'),
      object: z.enum(['lead', 'contact']).default('lead').describe('Salesforce record to look at'),
    })
    .strict(),
  describe: (c) => `no sales activity on the ${c.object} for ${c.days} days`,
  check: (c, ctx) =>
    checkCrm(ctx, c.object, [
      { name: 'Id', path: [] },
      { name: 'LastActivityDate', path: [], types: DATE },
      { name: 'CreatedDate', path: [], types: DATE },
    ]).findings,
  sql: (c, ctx) =>
    recordExists(ctx, c.object, c.object === 'lead' ? 'l' : 'ct', (r) => {
      const last = column(r, crmField(ctx, c.object, 'LastActivityDate'));
      const created = column(r, crmField(ctx, c.object, 'CreatedDate'));
      const cutoff = `DATEADD(DAY, ${-c.days}, ${TODAY})`;
      return [`(${last} IS NULL OR ${last} < ${cutoff})`, `${created} < ${cutoff}`];
    }),
  facts: (c) => ({ inactivity: { days: c.days, guarded: true } }),
});
