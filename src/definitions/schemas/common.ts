import { z } from 'zod';

/** Segment, sync and test ids: used in file names, keys and references. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,79}$/, {
    error: 'expected an id: a letter, then letters, digits, _ or - (at most 80 characters)',
  })
  .describe('Identifier: a letter, then letters, digits, _ or -');

/** A data extension or field name as SFMC shows it. Brackets and quotes are allowed: SQL escapes them. */
export const nameSchema = z
  .string()
  .min(1, { error: 'expected a non-empty name' })
  .max(128, { error: 'expected a name of at most 128 characters' });

export const fieldTypeSchema = z
  .enum(['Text', 'Number', 'Date', 'Boolean', 'EmailAddress', 'Phone', 'Decimal', 'Locale'])
  .describe('SFMC data extension field type');
export type FieldType = z.infer<typeof fieldTypeSchema>;

export const scalarSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a text, number or boolean value',
});
export type Scalar = z.infer<typeof scalarSchema>;

export const scheduleSchema = z
  .object({
    frequency: z.enum(['hourly', 'daily', 'weekly', 'monthly']).describe('How often the automation runs'),
    interval: z.number().int().min(1).max(24).default(1).describe('Run every N hours/days/weeks/months'),
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time as HH:MM (24 h)' })
      .optional()
      .describe('Time of day, HH:MM'),
    timezone: z.string().default('UTC').describe('IANA time zone of `time`'),
    daysOfWeek: z
      .array(z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']))
      .optional()
      .describe('Days a weekly schedule runs on'),
  })
  .strict()
  .describe('When a scheduled segment refreshes');
export type Schedule = z.infer<typeof scheduleSchema>;

export const positiveDays = z
  .number({ error: 'expected a number of days' })
  .int({ error: 'expected a whole number of days' })
  .min(1, { error: 'expected at least 1 day' })
  .max(36500, { error: 'expected at most 36500 days' });

export const countSchema = z
  .number({ error: 'expected a count' })
  .int({ error: 'expected a whole number' })
  .min(1, { error: 'expected a count of at least 1' });
