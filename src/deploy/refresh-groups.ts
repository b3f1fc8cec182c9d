import type { CompiledSegment } from '../compiler/index.ts';
import type { ScheduleModel } from './model.ts';
import { scheduleKey, scheduleModel, timezoneProblem } from './schedule.ts';

/**
 * Limits of one automation. SFMC documents none publicly that we could find (searched the SFMC help and the
 * sfmc-devtools source and issues); these are deliberately conservative, so a deploy never builds an automation
 * Automation Studio's canvas would not show. An automation past them is refused at validate (see README
 * "Known limits").
 */
export const MAX_ACTIVITIES_PER_STEP = 20;
export const MAX_STEPS = 50;

export interface RefreshGroup {
  /** scheduleKey of the shared schedule. */
  id: string;
  /** Readable part for the automation key and name, e.g. `daily_0600_UTC`. */
  slug: string;
  label: string;
  schedule: ScheduleModel;
  /** Segment names by dependency level: level 0 reads no other segment of the group. */
  levels: string[][];
}

export interface RefreshProblem {
  segment: string;
  /** Where in the segment definition (for the diagnostic position). */
  path: (string | number)[];
  message: string;
}

const describe = (s: CompiledSegment['schedule']) =>
  s
    ? `${s.frequency}${s.interval && s.interval > 1 ? ` every ${s.interval}` : ''} at ${s.time ?? '00:00'} ${s.timezone ?? 'UTC'}${s.daysOfWeek?.length ? ` on ${s.daysOfWeek.join(', ')}` : ''}`
    : 'once at deploy';

/**
 * One automation per distinct schedule. Segments read by a segment refresh in an earlier step of the same
 * automation, so a reader always sees a finished target (query activities run READ UNCOMMITTED and an Overwrite
 * is not atomic: a reader in the same step or another automation sees a half-written or empty target).
 */
export function refreshGroups(segments: CompiledSegment[]): {
  groups: RefreshGroup[];
  problems: RefreshProblem[];
} {
  const problems: RefreshProblem[] = [];
  const byName = new Map(segments.map((s) => [s.name, s]));
  const groupOf = new Map<string, string>();
  const groups = new Map<string, RefreshGroup>();
  for (const seg of segments) {
    if (!seg.schedule) continue;
    const zoneProblem = timezoneProblem(seg.schedule.timezone ?? 'UTC');
    if (zoneProblem) {
      problems.push({ segment: seg.name, path: ['schedule', 'timezone'], message: zoneProblem });
      continue;
    }
    const schedule = scheduleModel(seg.schedule);
    const id = scheduleKey(schedule);
    groupOf.set(seg.name, id);
    if (!groups.has(id)) {
      const s = seg.schedule;
      const slug = [
        s.frequency,
        s.interval && s.interval > 1 ? String(s.interval) : '',
        (s.time ?? '00:00').replace(':', ''),
        (s.timezone ?? 'UTC').replace(/[^A-Za-z0-9]+/g, '-'),
        s.daysOfWeek?.map((d) => d.slice(0, 2)).join('') ?? '',
      ]
        .filter(Boolean)
        .join('_');
      groups.set(id, { id, slug, label: describe(s), schedule, levels: [] });
    }
  }
  // Levels inside a group; a read across groups is a problem (the reader would see a target mid-refresh, or a stale one).
  const level = new Map<string, number>();
  const levelOf = (name: string, seen = new Set<string>()): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    if (seen.has(name)) return 0; // cycles are the compiler's error
    seen.add(name);
    const seg = byName.get(name)!;
    let l = 0;
    for (const dep of seg.dependsOn) {
      if (groupOf.get(dep) === groupOf.get(name)) l = Math.max(l, levelOf(dep, seen) + 1);
    }
    level.set(name, l);
    return l;
  };
  for (const seg of segments) {
    const g = groupOf.get(seg.name);
    if (!g) continue;
    for (const dep of seg.dependsOn) {
      const d = byName.get(dep);
      if (!d?.schedule) continue; // a static segment is computed once: reading it is safe
      const dg = groupOf.get(dep);
      if (dg && dg !== g) {
        problems.push({
          segment: seg.name,
          path: ['schedule'],
          message: `segment ${seg.name} (${describe(seg.schedule)}) reads segment ${dep}, which refreshes on another schedule (${describe(d.schedule)}): it would read ${dep}'s target while it is overwritten, or stale; give both the same schedule so ${dep} refreshes in an earlier step of the same automation`,
        });
      }
    }
    const group = groups.get(g)!;
    const l = levelOf(seg.name);
    while (group.levels.length <= l) group.levels.push([]);
    group.levels[l].push(seg.name);
  }
  for (const group of groups.values()) {
    for (const names of group.levels) names.sort();
    const steps = group.levels.reduce((n, names) => n + Math.ceil(names.length / MAX_ACTIVITIES_PER_STEP), 0);
    if (steps > MAX_STEPS) {
      problems.push({
        segment: group.levels[0][0],
        path: ['schedule'],
        message: `the segments refreshing ${group.label} need ${steps} automation steps (at most ${MAX_ACTIVITIES_PER_STEP} activities per step); sfmc-kit builds at most ${MAX_STEPS}: split them over more schedules`,
      });
    }
  }
  return { groups: [...groups.values()].sort((a, b) => a.slug.localeCompare(b.slug)), problems };
}

/** Steps of a group's automation: each dependency level, cut into steps of at most MAX_ACTIVITIES_PER_STEP. */
export function groupSteps<T>(group: RefreshGroup, ref: (segment: string) => T): T[][] {
  const steps: T[][] = [];
  for (const names of group.levels) {
    for (let i = 0; i < names.length; i += MAX_ACTIVITIES_PER_STEP)
      steps.push(names.slice(i, i + MAX_ACTIVITIES_PER_STEP).map(ref));
  }
  return steps;
}
