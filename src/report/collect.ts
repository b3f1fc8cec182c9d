/**
 * Gathers what the report shows: compiled segments, member sets read through an injected reader,
 * pairwise overlaps and funnel stage counts. No I/O of its own, so tests feed known member sets.
 */
import type { CompiledProject, CompiledSegment } from '../compiler/index.ts';
import { nodeKind, type RuleNode } from '../compiler/rules.ts';
import type { Project } from '../definitions/project.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import type { ReportData, ReportFunnel, ReportSegment } from './types.ts';

export type MemberReader = (targetKey: string) => AsyncIterable<string> | Promise<string[]>;

export interface CollectInput {
  project: Project;
  compiled: CompiledProject;
  /** Audience keys of the rows in a segment's target data extension. */
  readMembers: MemberReader;
  /** When the segment (by target key) last ran, as an ISO time. */
  lastRun?: (targetKey: string) => string | undefined | Promise<string | undefined>;
  now?: () => Date;
}

export async function collectReportData(input: CollectInput): Promise<ReportData> {
  const { project, compiled } = input;
  const members = new Map<string, Set<string>>();
  const segments: ReportSegment[] = [];
  for (const c of compiled.segments) {
    const def = project.segments.find((s) => s.name === c.name)!;
    const base = describeSegment(def, c);
    try {
      const set = await readAll(input.readMembers(c.targetKey));
      members.set(c.name, set);
      segments.push({ ...base, size: set.size });
    } catch (error) {
      segments.push({ ...base, size: null, error: (error as Error).message });
    }
    const last = await input.lastRun?.(c.targetKey);
    if (last) segments[segments.length - 1].lastRun = last;
  }
  const names = segments.map((s) => s.name);
  const shared = names.map((a) =>
    names.map((b) => {
      const sa = members.get(a);
      const sb = members.get(b);
      return sa && sb ? intersectionSize(sa, sb) : null;
    }),
  );
  return {
    project: project.config.name,
    ...(project.env ? { env: project.env } : {}),
    generatedAt: (input.now?.() ?? new Date()).toISOString(),
    segments,
    overlaps: { segments: names, shared },
    funnels: funnelsOf(project, segments),
  };
}

function describeSegment(def: SegmentDef, c: CompiledSegment): Omit<ReportSegment, 'size'> {
  const s = c.schedule;
  const schedule = s
    ? `${s.frequency}${s.interval > 1 ? ` (every ${s.interval})` : ''}${s.time ? ` at ${s.time} ${s.timezone}` : ''}`
    : undefined;
  return {
    name: c.name,
    ...(def.label ? { label: def.label } : {}),
    ...(def.description ? { description: def.description } : {}),
    membership: def.membership,
    ...(schedule ? { schedule } : {}),
    form: c.form,
    reason: c.reason,
    rules: c.summary,
    sql: c.sql,
    ...(c.filter ? { filterXml: c.filter.xml } : {}),
    targetName: c.target.name,
    targetKey: c.targetKey,
  };
}

async function readAll(source: AsyncIterable<string> | Promise<string[]>): Promise<Set<string>> {
  const set = new Set<string>();
  if (Symbol.asyncIterator in source) {
    for await (const key of source) set.add(key);
  } else {
    for (const key of await source) set.add(key);
  }
  return set;
}

function intersectionSize(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const k of small) if (large.has(k)) n++;
  return n;
}

/**
 * A funnel's stage counts come from its stage segments: those whose rules require
 * `funnelStage: { funnel, is: <stage> }` at the top level (alone or inside the top `all:`).
 */
function funnelsOf(project: Project, segments: ReportSegment[]): ReportFunnel[] {
  const sizeOf = new Map(segments.map((s) => [s.name, s.size]));
  return project.segments
    .filter((s) => s.funnel)
    .map((f) => ({
      name: f.name,
      ...(f.label ? { label: f.label } : {}),
      stages: f.funnel!.stages.map((stage) => {
        const seg = project.segments.find(
          (s) => s.rules && sizeOf.has(s.name) && requiredStage(s.rules, f.name) === stage.name,
        );
        return {
          name: stage.name,
          ...(stage.description ? { description: stage.description } : {}),
          ...(seg ? { segment: seg.name } : {}),
          count: seg ? (sizeOf.get(seg.name) ?? null) : null,
        };
      }),
    }));
}

function requiredStage(rules: RuleNode, funnel: string): string | undefined {
  const { kind, value } = nodeKind(rules);
  const leaves = kind === 'all' ? (value as RuleNode[]) : kind === 'condition' ? [rules] : [];
  for (const leaf of leaves) {
    const n = nodeKind(leaf);
    if (n.kind !== 'condition' || n.name !== 'funnelStage') continue;
    const v = n.value as { funnel: string; is?: string };
    if (v.funnel === funnel && v.is) return v.is;
  }
  return undefined;
}
