import { z } from 'zod';
import type { Finding } from '../../definitions/diagnostics.ts';
import { findSegment } from '../../definitions/project.ts';
import { idSchema } from '../../definitions/schemas/common.ts';
import { column, ident, indent } from '../sql/escape.ts';
import { defineCondition, type RuleContext, type SqlContext } from './types.ts';

function checkSegmentRef(name: string, ctx: RuleContext, path: (string | number)[]): Finding[] {
  if (name === ctx.segment.name) {
    return [{ severity: 'error', code: 'segment-cycle', message: `segment ${name} refers to itself`, path }];
  }
  if (!findSegment(ctx.project, name)) {
    const known = ctx.project.segments.map((s) => s.name).sort();
    return [
      {
        severity: 'error',
        code: 'unknown-segment',
        message: `unknown segment "${name}"; expected one of: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''}`,
        path,
      },
    ];
  }
  return [];
}

function memberSql(
  name: string,
  ctx: SqlContext,
  negate: boolean,
  extra: (s: string) => string[] = () => [],
): string {
  const t = ctx.segmentTable(name)!;
  const s = ctx.alias('m');
  const where = [`${column(s, t.key)} = ${column(ctx.outer, ctx.audienceKey)}`, ...extra(s)].join('\nAND ');
  return `${negate ? 'NOT EXISTS' : 'EXISTS'} (\n${indent(`SELECT 1\nFROM ${ctx.tableRef(t.table)} AS ${s}\nWHERE\n${indent(where)}`)}\n)`;
}

/** Member of another segment (its target data extension, refreshed before this one). */
export const inSegment = defineCondition<string>({
  kind: 'inSegment',
  summary: 'Is a member of another segment',
  schema: idSchema.describe('Name of the other segment'),
  describe: (c) => `is in segment ${c}`,
  check: (c, ctx) => checkSegmentRef(c, ctx, []),
  sql: (c, ctx) => memberSql(c, ctx, false),
  facts: (c) => ({ segments: [c] }),
});

/** Not a member of another segment: exclusion lists, suppressions. */
export const notInSegment = defineCondition<string>({
  kind: 'notInSegment',
  summary: 'Is not a member of another segment (exclusion)',
  schema: idSchema.describe('Name of the segment to exclude'),
  describe: (c) => `is not in segment ${c}`,
  check: (c, ctx) => checkSegmentRef(c, ctx, []),
  sql: (c, ctx) => memberSql(c, ctx, true),
  facts: (c) => ({ segments: [c] }),
});

const stageSchema = z.string().min(1);

/** The contact's stage in a funnel segment: `funnelStage: { funnel: lifecycle, is: MQL }`. */
export const funnelStage = defineCondition({
  kind: 'funnelStage',
  summary: 'The contact’s current stage in a funnel segment (is, in, atLeast, atMost)',
  schema: z
    .object({
      funnel: idSchema.describe('Segment with a `funnel:` block'),
      is: stageSchema.optional().describe('Current stage is this one'),
      in: z.array(stageSchema).min(1).optional().describe('Current stage is one of these'),
      atLeast: stageSchema.optional().describe('Current stage is this one or further'),
      atMost: stageSchema.optional().describe('Current stage is this one or earlier'),
    })
    .strict()
    .describe('Write exactly one of is, in, atLeast, atMost.')
    .superRefine((v, ctx) => {
      const n = [v.is, v.in, v.atLeast, v.atMost].filter((x) => x !== undefined).length;
      if (n !== 1)
        ctx.addIssue({ code: 'custom', message: 'expected exactly one of is, in, atLeast, atMost' });
    }),
  describe: (c) =>
    c.is
      ? `is at funnel stage ${c.is}`
      : c.in
        ? `is at funnel stage ${c.in.join(' or ')}`
        : c.atLeast
          ? `is at funnel stage ${c.atLeast} or later`
          : `is at funnel stage ${c.atMost} or earlier`,
  check(c, ctx) {
    const findings = checkSegmentRef(c.funnel, ctx, ['funnel']);
    if (findings.length) return findings;
    const funnel = findSegment(ctx.project, c.funnel)!;
    if (!funnel.funnel) {
      return [
        {
          severity: 'error',
          code: 'not-a-funnel',
          message: `segment ${c.funnel} has no funnel: block`,
          path: ['funnel'],
        },
      ];
    }
    const stages = funnel.funnel.stages.map((s) => s.name);
    const used: [string, (string | number)[]][] = [
      ...(c.is ? [[c.is, ['is']] as [string, (string | number)[]]] : []),
      ...(c.atLeast ? [[c.atLeast, ['atLeast']] as [string, (string | number)[]]] : []),
      ...(c.atMost ? [[c.atMost, ['atMost']] as [string, (string | number)[]]] : []),
      ...(c.in ?? []).map((s, i) => [s, ['in', i]] as [string, (string | number)[]]),
    ];
    return used
      .filter(([s]) => !stages.includes(s))
      .map(([s, path]) => ({
        severity: 'error' as const,
        code: 'unknown-stage',
        message: `funnel ${c.funnel} has no stage "${s}"; expected one of: ${stages.join(', ')}`,
        path,
      }));
  },
  sql(c, ctx) {
    const funnel = findSegment(ctx.project, c.funnel)!.funnel!;
    const rank = (s: string) => funnel.stages.findIndex((x) => x.name === s) + 1;
    return memberSql(c.funnel, ctx, false, (m) => {
      const col = column(m, funnel.rankField);
      if (c.is) return [`${col} = ${rank(c.is)}`];
      if (c.in) return [`${col} IN (${c.in.map(rank).join(', ')})`];
      if (c.atLeast) return [`${col} >= ${rank(c.atLeast)}`];
      return [`${col} <= ${rank(c.atMost!)}`];
    });
  },
  facts: (c) => ({ segments: [c.funnel] }),
});
