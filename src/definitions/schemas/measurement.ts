import { z } from 'zod';
import { nameSchema } from './common.ts';

export const measurementSchema = z
  .object({
    history: z
      .boolean()
      .default(false)
      .describe(
        'Every refresh of a scheduled segment appends a row (segment, run time, size, entered, exited) to the history data extension, computed by query activities in the same automation; dynamic segments also log who entered and left',
      ),
    historyDataExtension: nameSchema
      .default('Segment_History')
      .describe('Name of the history data extension'),
    memberLog: z
      .boolean()
      .default(true)
      .describe('Dynamic segments: keep a per-member enter/exit log (<target>_Log) beside the history'),
    engagement: z
      .object({
        windowDays: z.number().int().min(1).max(365).default(30).describe('Days of email activity counted'),
        dataExtension: nameSchema
          .default('Segment_Engagement')
          .describe('Name of the engagement data extension'),
      })
      .strict()
      .optional()
      .describe(
        'Also append, per refresh, how many members were sent to, opened, clicked, unsubscribed, complained and bounced over the window',
      ),
    flagShare: z
      .number()
      .min(0)
      .default(0.5)
      .describe(
        'report and status flag a segment whose size moved by more than this share since its previous run',
      ),
  })
  .strict()
  .describe('Membership history and engagement measured in SFMC itself');

export type MeasurementDef = z.infer<typeof measurementSchema>;
