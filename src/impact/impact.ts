import { targetOf } from '../compiler/index.ts';
import { findSegment, type Project } from '../definitions/project.ts';
import { sqlTargetName } from '../definitions/schemas/sql-segment.ts';
import type { Use } from './uses.ts';

export interface ImpactEntry extends Use {
  /** Segments the impact travels through, from the changed object to this use; empty when direct. */
  via: string[];
}

export interface Impact {
  table: string;
  field?: string;
  entries: ImpactEntry[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const isSegment = (u: Use) =>
  u.consumer.kind === 'segment' || u.consumer.kind === 'sql-segment' || u.consumer.kind === 'filter';

/**
 * What uses `table` (or `table.field`): direct uses, then everything reading the target of each segment
 * affected, transitively (a segment whose input changes changes its members). A test is affected when
 * its fixtures hold the table or field, or when the segment it tests is affected.
 */
export function impactOf(project: Project, uses: Use[], table: string, field?: string): Impact {
  const entries: ImpactEntry[] = [];
  const listed = new Set<string>();
  const push = (u: Use, via: string[]) => {
    const k = `${u.consumer.kind}\u0000${u.consumer.name}\u0000${u.file}:${u.line}\u0000${u.what}\u0000${u.field ?? ''}`;
    if (listed.has(k)) return;
    listed.add(k);
    entries.push({ ...u, via });
  };
  const matches = (u: Use) =>
    same(u.table, table) && (field === undefined || (u.field !== undefined && same(u.field, field)));

  // segment → the chain of segments the change came through
  const affected = new Map<string, string[]>();
  for (const u of uses.filter(matches)) {
    push(u, []);
    // A segment that writes the table (its target) produces it; only readers are affected.
    if (u.access === 'reads' && isSegment(u) && !affected.has(u.consumer.name))
      affected.set(u.consumer.name, []);
  }
  const queue = [...affected.keys()];
  while (queue.length) {
    const name = queue.shift()!;
    const via = [...affected.get(name)!, name];
    const seg = findSegment(project, name);
    const sqlSeg = project.sqlSegments?.find((x) => x.name === name);
    const targetName = seg ? targetOf(project, seg)?.de.name : sqlSeg ? sqlTargetName(sqlSeg) : undefined;
    if (!targetName) continue;
    const target = { de: { name: targetName } };
    for (const u of uses) {
      if (u.access !== 'reads' || u.field !== undefined || !same(u.table, target.de.name)) continue;
      if (u.consumer.name === name) continue;
      push(u, via);
      if (isSegment(u) && !affected.has(u.consumer.name)) {
        affected.set(u.consumer.name, via);
        queue.push(u.consumer.name);
      }
    }
  }
  // Tests of affected segments (their expectations may no longer hold).
  // One line per test file; a test already listed for its own fixtures is not listed again.
  const tested = new Set(entries.filter((e) => e.consumer.kind === 'test').map((e) => e.file));
  for (const u of uses) {
    if (u.consumer.kind !== 'test' || u.field !== undefined) continue;
    const via = affected.get(u.consumer.name);
    if (!via || tested.has(u.file)) continue;
    tested.add(u.file);
    push({ ...u, what: `tests segment ${u.consumer.name}`, access: 'reads' }, [...via, u.consumer.name]);
  }
  return { table, field, entries };
}
