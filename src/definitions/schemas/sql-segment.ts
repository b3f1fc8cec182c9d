import { z } from 'zod';
import { nameSchema } from './common.ts';
import { segmentCommonFields } from './segment.ts';

/**
 * A segment whose membership is hand-written T-SQL (definitions/segments/*.yaml with `sql:`). The kit
 * checks the SQL offline (tables, columns, the target's fields and keys), deploys it as a query activity
 * into the declared target, and refreshes it on the schedule like a rule segment.
 */
export const sqlSegmentSchema = z
  .object({
    ...segmentCommonFields(
      'static: run once; additive: rows added on schedule (Update); dynamic: overwritten on schedule',
    ),
    target: z
      .union([
        nameSchema,
        z
          .object({
            name: nameSchema.describe('Target data extension name (declared in data-extensions/)'),
            key: z
              .string()
              .max(36)
              .optional()
              .describe('Query activity external key (default: the target key)'),
          })
          .strict(),
      ])
      .describe('Declared data extension the query writes into'),
    sql: z
      .string()
      .min(1, { error: 'expected the SELECT statement' })
      .describe('T-SQL SELECT (SFMC query activity subset)'),
  })
  .strict()
  .describe('A SQL segment (definitions/segments/*.yaml with sql:)');
export type SqlSegmentDef = z.infer<typeof sqlSegmentSchema>;

export const sqlTargetName = (s: SqlSegmentDef) => (typeof s.target === 'string' ? s.target : s.target.name);

/** A segments/ file whose top level has `sql:` is a SQL segment. */
export function isSqlSegmentSource(source: { doc: { contents: unknown } }): boolean {
  const c = source.doc.contents as { items?: Array<{ key?: { value?: unknown } }> } | null;
  return Boolean(c?.items?.some((p) => p.key?.value === 'sql'));
}
