import { z } from 'zod';
import { idSchema, nameSchema, scheduleSchema } from './common.ts';

export const syncSchema = z
  .object({
    name: idSchema.describe('Sync id'),
    description: z.string().optional().describe('What the sync is for'),
    object: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: 'expected a Salesforce object API name' })
      .describe('Salesforce object API name, e.g. Lead, Opportunity'),
    fields: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*$/, { error: 'expected a Salesforce field API name' }))
      .min(1)
      .describe('Salesforce field API names; Id and SystemModstamp are always read'),
    where: z.string().optional().describe('SOQL WHERE clause'),
    target: nameSchema.describe('Data extension the rows are upserted into'),
    mode: z
      .enum(['full', 'incremental'])
      .default('incremental')
      .describe('full: every record each run; incremental: records changed since the last run'),
    deletes: z
      .enum(['remove', 'flag', 'ignore'])
      .default('flag')
      .describe('What happens to rows deleted in CRM'),
    bulkThreshold: z
      .number()
      .int()
      .min(1)
      .default(10000)
      .describe('Use Bulk API 2.0 above this many records'),
    schedule: scheduleSchema.optional().describe('When the sync runs'),
  })
  .strict()
  .describe('A CRM sync (definitions/syncs/*.yaml)');
export type SyncDef = z.infer<typeof syncSchema>;
