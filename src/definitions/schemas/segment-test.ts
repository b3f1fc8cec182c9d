import { z } from 'zod';
import { idSchema } from './common.ts';

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const rowSchema = z.record(z.string(), cell);

const countExpectation = z.union(
  [
    z.number().int().min(0),
    z.object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).strict(),
  ],
  { error: 'expected a count or { min, max }' },
);

export const segmentTestCaseSchema = z
  .object({
    name: z.string().min(1).describe('Case name shown in the test report'),
    now: z.iso
      .datetime({ local: true, offset: true })
      .optional()
      .describe('GETDATE() during this case, e.g. 2024-06-15T12:00:00Z'),
    given: z
      .record(z.string(), z.array(rowSchema))
      .describe('Fixture rows per data extension or data view (_Click, _Open, …)'),
    expect: z
      .object({
        members: z.array(z.string()).optional().describe('Exact audience keys expected'),
        count: countExpectation.optional().describe('Expected number of members: exact, or { min, max }'),
      })
      .strict()
      .describe('What the segment must return'),
  })
  .strict();

export const segmentTestSchema = z
  .object({
    segment: idSchema.describe('Segment under test'),
    now: z.iso
      .datetime({ local: true, offset: true })
      .optional()
      .describe('Default GETDATE() for the cases, e.g. 2024-06-15T12:00:00Z'),
    cases: z.array(segmentTestCaseSchema).min(1).describe('Test cases, each with its own fixture rows'),
  })
  .strict()
  .describe('Segment tests (definitions/tests/*.yaml)');
export type SegmentTestDef = z.infer<typeof segmentTestSchema>;
