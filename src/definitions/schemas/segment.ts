import { z } from 'zod';
import { type RuleNode, ruleSchema } from '../../compiler/rules.ts';
import { activationSchema } from './activation.ts';
import { idSchema, nameSchema, scheduleSchema } from './common.ts';

export const LINT_RULES = [
  'opens-signal',
  'no-suppression',
  'retention-window',
  'data-view-window',
  'young-contact-guard',
  'target-fields',
] as const;

/**
 * The fields every segment kind has (rule segments here, SQL segments in sql-segment.ts): one definition.
 * Each kind says what its membership means for it.
 */
export function segmentCommonFields(membershipMeaning: string) {
  return {
    name: idSchema.describe('Segment id, used in keys and by inSegment / notInSegment'),
    label: z.string().optional().describe('Display name'),
    description: z.string().optional().describe('What the segment is for'),
    membership: z.enum(['static', 'additive', 'dynamic']).describe(membershipMeaning),
    schedule: scheduleSchema.optional().describe('Required for additive and dynamic segments'),
  };
}

/**
 * The segment schema, built around a rule schema: the JSON Schema gets the full rule union; the loader
 * gets `z.unknown()` there and validates rules node by node (src/compiler/rules.ts) for precise errors.
 */
export function makeSegmentSchema<R extends z.ZodType>(rules: R) {
  return z
    .object({
      ...segmentCommonFields(
        'static: computed once; additive: added on schedule, never removed; dynamic: recomputed on schedule',
      ),
      audience: z
        .union(
          [
            nameSchema,
            z
              .object({
                dataExtension: nameSchema.describe('Audience data extension'),
                key: nameSchema.optional().describe('Contact key field; defaults to the primary key'),
              })
              .strict(),
          ],
          {
            error: 'expected a data extension name or { dataExtension, key }',
          },
        )
        .describe('Data extension of contacts the segment picks from, and its contact key field'),
      select: z
        .array(nameSchema)
        .min(1)
        .optional()
        .describe('Audience fields copied into the target (default: all)'),
      target: z
        .union(
          [
            nameSchema,
            z
              .object({
                name: nameSchema.optional().describe('Target data extension name'),
                key: z.string().max(36).optional().describe('External key'),
                folder: z.string().optional().describe('Folder path'),
              })
              .strict(),
          ],
          {
            error: 'expected a data extension name or { name, key, folder }',
          },
        )
        .optional()
        .describe('Target data extension: a declared one by name, or overrides of the derived one'),
      rules: rules.optional().describe('Who is in the segment'),
      funnel: z
        .object({
          stageField: nameSchema.default('Stage').describe('Target field holding the stage name'),
          rankField: nameSchema
            .default('StageRank')
            .describe('Target field holding the stage number (1 = first stage)'),
          stages: z
            .array(
              z
                .object({
                  name: z.string().min(1).describe('Stage name'),
                  description: z.string().optional(),
                  rules: rules.describe('Who reaches this stage'),
                })
                .strict(),
            )
            .min(2, { error: 'expected at least two stages' })
            .describe('Stages from first to furthest; at least two'),
        })
        .strict()
        .optional()
        .describe('Funnel stages in order; a contact keeps the furthest stage it ever reached'),
      lint: z
        .object({ allow: z.array(z.enum(LINT_RULES)).default([]).describe('Lint rules not reported') })
        .strict()
        .optional()
        .describe('Lint warnings accepted for this segment'),
      activate: activationSchema.optional(),
    })
    .strict()
    .describe('A segment (definitions/segments/*.yaml)');
}

export const segmentSchema = makeSegmentSchema(ruleSchema);
/** What the loader validates before the rule trees are parsed. */
export const segmentShapeSchema = makeSegmentSchema(z.unknown());

type SegmentShape = z.infer<typeof segmentShapeSchema>;
export type FunnelDef = Omit<NonNullable<SegmentShape['funnel']>, 'stages'> & {
  stages: { name: string; description?: string; rules: RuleNode }[];
};
export type SegmentDef = Omit<SegmentShape, 'rules' | 'funnel'> & { rules?: RuleNode; funnel?: FunnelDef };
export type Membership = SegmentDef['membership'];
