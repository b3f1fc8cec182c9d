/**
 * Cycles between segments (a reads b's target, b reads a's): neither can refresh first, so neither compiles.
 * Shared by compileProject (every segment) and compileSegment (the segments one segment reaches).
 */
import type { Diagnostic, Path } from '../definitions/diagnostics.ts';
import { type Project, positionOf } from '../definitions/project.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import type { Catalog } from './catalog.ts';
import { conditionKind } from './conditions/registry.ts';
import { ruleContext } from './context.ts';
import { forEachCondition } from './rules.ts';

/** Each elementary cycle once, as a list of names starting at its smallest name. */
export function findCycles(deps: Map<string, string[]>): string[][] {
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'visiting');
    stack.push(n);
    for (const d of deps.get(n) ?? []) {
      if (!deps.has(d)) continue;
      if (state.get(d) === 'visiting') {
        const cycle = stack.slice(stack.indexOf(d));
        const start = cycle.indexOf([...cycle].sort()[0]);
        const norm = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(norm.join('>'), norm);
      } else if (!state.has(d)) {
        visit(d);
      }
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...deps.keys()].sort()) if (!state.has(n)) visit(n);
  return [...cycles.values()];
}

/** One error per member of each cycle (or for member `only`), placed on its reference to the next one. */
export function cycleDiagnostics(
  project: Project,
  cycles: string[][],
  byName: (name: string) => SegmentDef,
  catalog: Catalog,
  only?: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const cycle of cycles) {
    for (let i = 0; i < cycle.length; i++) {
      if (only !== undefined && cycle[i] !== only) continue;
      const seg = byName(cycle[i]);
      const next = cycle[(i + 1) % cycle.length];
      out.push({
        severity: 'error',
        code: 'segment-cycle',
        message: `segments refer to each other in a cycle: ${[...cycle.slice(i), ...cycle.slice(0, i), cycle[i]].join(' → ')}`,
        ...positionOf(project, seg, referencePath(project, seg, next, catalog)),
      });
    }
  }
  return out;
}

/** Where in `seg` the reference to segment `target` is written (the name line when not found). */
function referencePath(project: Project, seg: SegmentDef, target: string, catalog: Catalog): Path {
  const ctx = ruleContext(project, seg, catalog)!;
  let found: Path = ['name'];
  const visit = (root: SegmentDef['rules'], base: Path) =>
    root &&
    forEachCondition(root, base, (name, value, path) => {
      if (found[0] === 'name' && conditionKind(name)!.facts(value, ctx).segments?.includes(target))
        found = [...path, name];
    });
  visit(seg.rules, ['rules']);
  for (const [i, s] of (seg.funnel?.stages ?? []).entries()) visit(s.rules, ['funnel', 'stages', i, 'rules']);
  return found;
}
