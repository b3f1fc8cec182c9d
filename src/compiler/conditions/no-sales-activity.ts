import { z } from 'zod';
import { positiveDays } from '../../definitions/schemas/common.ts';
import { column } from '../sql/escape.ts';
import { windows } from '../windows.ts';
import { checkCrm, crmField, includeDeletedShape, recordExists } from './crm-helpers.ts';
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
      ...includeDeletedShape,
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
    recordExists(
      ctx,
      c.object,
      c.object === 'lead' ? 'l' : 'ct',
      (r) => {
        const last = column(r, crmField(ctx, c.object, 'LastActivityDate'));
        const created = column(r, crmField(ctx, c.object, 'CreatedDate'));
        // LastActivityDate is a Salesforce date: no activity on any of the last N calendar days.
        // The newer-record guard is an age test against now: created at least N days ago.
        return [
          `(${last} IS NULL OR ${windows.olderThanDays(last, c.days)})`,
          windows.ageAtLeast(created, c.days),
        ];
      },
      undefined,
      c.includeDeleted,
    ),
  facts: (c) => ({ inactivity: { days: c.days, guarded: true } }),
});
