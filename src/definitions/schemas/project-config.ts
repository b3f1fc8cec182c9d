import { z } from 'zod';
import { nameSchema } from './common.ts';
import { measurementSchema } from './measurement.ts';

const variableValue = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a text, number or boolean variable value',
});

export const environmentSchema = z
  .object({
    description: z.string().optional().describe('What this environment is for'),
    mid: z
      .union([z.number().int().positive(), z.string().regex(/^\d+$/)], {
        error: 'expected the business unit MID (digits)',
      })
      .optional()
      .describe('Business unit MID (account_id) this environment deploys to'),
    keySuffix: z.string().max(12).default('').describe('Appended to every generated external key'),
    childBusinessUnit: z
      .boolean()
      .default(false)
      .describe(
        'This environment is a child business unit of an Enterprise 2.0 account: _Subscribers and _BusinessUnitUnsubscribes are read as ENT._Subscribers / ENT._BusinessUnitUnsubscribes',
      ),
    variables: z
      .record(z.string(), variableValue)
      .default({})
      .describe('Values for $' + '{name} in any definition'),
  })
  .strict();
export type EnvironmentConfig = z.infer<typeof environmentSchema>;

export const crmMappingSchema = z
  .object({
    lead: nameSchema.default('CRM_Lead').describe('Data extension of synced Leads'),
    contact: nameSchema.default('CRM_Contact').describe('Data extension of synced Contacts'),
    opportunity: nameSchema.default('CRM_Opportunity').describe('Data extension of synced Opportunities'),
    account: nameSchema.default('CRM_Account').describe('Data extension of synced Accounts'),
    user: nameSchema.default('CRM_User').describe('Data extension of synced Users (record owners)'),
  })
  .strict()
  .describe('Which synced data extensions hold each Salesforce object; the audience key is the record Id');

export const scoreSourceSchema = z
  .object({
    dataExtension: nameSchema.default('Score_History').describe('Data extension of score snapshots'),
    keyField: nameSchema.default('SubscriberKey').describe('Field holding the contact key'),
    dateField: nameSchema.default('SnapshotDate').describe('Field holding the snapshot date'),
    scoreField: nameSchema.default('Score').describe('Field holding the score'),
  })
  .strict()
  .describe('The daily lead-score snapshot data extension');

export const projectConfigSchema = z
  .object({
    name: z.string().min(1).describe('Project name'),
    keyPrefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]{0,12}$/, { error: 'expected up to 12 letters, digits, _ or -' })
      .default('')
      .describe('Prefix of every external key the kit generates, e.g. kit_'),
    folders: z
      .object({
        dataExtensions: z.string().default('sfmc-kit/Data Extensions').describe('Declared data extensions'),
        segments: z.string().default('sfmc-kit/Segments').describe('Segment target data extensions'),
        queries: z.string().default('sfmc-kit/Queries').describe('Query activities'),
        filters: z.string().default('sfmc-kit/Filters').describe('Filter definitions and filter activities'),
        automations: z.string().default('sfmc-kit/Automations').describe('Automations that refresh segments'),
      })
      .strict()
      .prefault({})
      .describe('Folder paths, / separated, created on deploy'),
    defaultEnvironment: z.string().optional().describe('Environment used when a command is given no --env'),
    environments: z
      .record(z.string().regex(/^[A-Za-z][\w-]*$/), environmentSchema)
      .default({})
      .describe('Business units / environments'),
    variables: z
      .record(z.string(), variableValue)
      .default({})
      .describe('Defaults for $' + '{name}'),
    sharedDataExtensions: z
      .array(nameSchema)
      .default([])
      .describe(
        "Data extensions that live in the enterprise's Shared Data Extensions; queries read them as ENT.<name>",
      ),
    crm: crmMappingSchema.prefault({}),
    score: scoreSourceSchema.prefault({}),
    measurement: measurementSchema.optional(),
  })
  .strict()
  .describe('sfmc-kit project configuration (definitions/sfmc-kit.yaml)');
export type ProjectConfig = z.infer<typeof projectConfigSchema>;
