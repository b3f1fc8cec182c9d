import { z } from 'zod';
import { fieldTypeSchema, nameSchema } from './common.ts';

export const fieldSchema = z
  .object({
    name: nameSchema.describe('Field name'),
    type: fieldTypeSchema,
    length: z.number().int().min(1).max(4000).optional().describe('MaxLength (Text, Decimal precision, …)'),
    scale: z.number().int().min(0).max(8).optional().describe('Decimal places (Decimal only)'),
    primaryKey: z.boolean().default(false).describe('Part of the primary key'),
    required: z.boolean().optional().describe('Defaults to true for primary-key fields'),
    default: z.union([z.string(), z.number(), z.boolean()]).optional().describe('Default value'),
    description: z.string().optional().describe('Field description'),
  })
  .strict();
export type FieldDef = z.infer<typeof fieldSchema>;

export const retentionSchema = z
  .object({
    period: z.number().int().min(1).describe('How long rows are kept, in `unit`s'),
    unit: z.enum(['days', 'weeks', 'months', 'years']).describe('Unit of `period`'),
    deleteRows: z.boolean().default(true).describe('Delete rows only (true) or the whole data extension'),
    resetOnImport: z.boolean().default(false).describe('Restart the retention period when rows are imported'),
  })
  .strict()
  .describe('Data retention policy');

export const dataExtensionSchema = z
  .object({
    name: nameSchema.describe('Data extension name (unique per business unit; SQL refers to it)'),
    key: z.string().max(36).optional().describe('External key; defaults to keyPrefix + name'),
    description: z.string().optional().describe('Description shown in Contact Builder'),
    folder: z.string().optional().describe('Folder path; defaults to folders.dataExtensions'),
    sendable: z.boolean().default(false).describe('Can be the audience of an email send'),
    sendableField: nameSchema
      .optional()
      .describe('Field related to Subscriber Key; defaults to the primary key'),
    testable: z.boolean().default(false).describe('Can be used as a test audience'),
    retention: retentionSchema.optional(),
    fields: z
      .array(fieldSchema)
      .min(1, { error: 'expected at least one field' })
      .describe('Fields, in order; at least one'),
  })
  .strict()
  .describe('A data extension (definitions/data-extensions/*.yaml)');
export type DataExtensionDef = z.infer<typeof dataExtensionSchema>;
