/**
 * Compiles every segment: reference checks, dependency order (segments read other segments' targets,
 * so those refresh first) and cycle detection. Broken segments are reported and left out.
 */
import { type Diagnostic, type Path, sortDiagnostics } from '../definitions/diagnostics.ts';
import { type Project, positionOf } from '../definitions/project.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import { createCatalog } from './catalog.ts';
import { checkSegment } from './check-segment.ts';
import {
  type CompiledSegment,
  compileChecked,
  locateFindings,
  segmentDependencies,
} from './compile-segment.ts';
import { conditionKind } from './conditions/registry.ts';
import { ruleContext } from './context.ts';
import { forEachCondition } from './rules.ts';

export interface CompiledProject {
  segments: CompiledSegment[];
  diagnostics: Diagnostic[];
}

export function compileProject(project: Project): CompiledProject {
  const catalog = createCatalog(project);
  const diagnostics: Diagnostic[] = [];
  const ok = new Map<string, SegmentDef>();
  const deps = new Map<string, string[]>();
  for (const seg of project.segments) {
    const found = locateFindings(project, seg, checkSegment(project, seg, catalog));
    diagnostics.push(...found);
    if (found.some((d) => d.severity === 'error')) continue;
    ok.set(seg.name, seg);
    deps.set(seg.name, segmentDependencies(seg, ruleContext(project, seg, catalog)!));
  }

  const cyclic = findCycles(deps);
  for (const cycle of cyclic) {
    for (let i = 0; i < cycle.length; i++) {
      const seg = ok.get(cycle[i])!;
      const next = cycle[(i + 1) % cycle.length];
      diagnostics.push({
        severity: 'error',
        code: 'segment-cycle',
        message: `segments refer to each other in a cycle: ${[...cycle.slice(i), ...cycle.slice(0, i), cycle[i]].join(' → ')}`,
        ...positionOf(project, seg, referencePath(project, seg, next, catalog)),
      });
    }
  }
  const inCycle = new Set(cyclic.flat());

  const order = topologicalOrder(
    [...ok.keys()].filter((n) => !inCycle.has(n)),
    (n) => (deps.get(n) ?? []).filter((d) => ok.has(d) && !inCycle.has(d)),
  );
  const segments = order.map((n) => compileChecked(project, ok.get(n)!, catalog));
  return { segments, diagnostics: sortDiagnostics(diagnostics) };
}

/** Kahn's algorithm; ties broken by name so the order is stable. */
function topologicalOrder(names: string[], depsOf: (n: string) => string[]): string[] {
  const remaining = new Map(names.map((n) => [n, new Set(depsOf(n).filter((d) => names.includes(d)))]));
  const out: string[] = [];
  while (remaining.size) {
    const ready = [...remaining]
      .filter(([, d]) => d.size === 0)
      .map(([n]) => n)
      .sort();
    if (!ready.length) break;
    for (const n of ready) {
      remaining.delete(n);
      out.push(n);
      for (const d of remaining.values()) d.delete(n);
    }
  }
  return out;
}

/** Each elementary cycle once, as a list of names starting at its smallest name. */
function findCycles(deps: Map<string, string[]>): string[][] {
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

function referencePath(
  project: Project,
  seg: SegmentDef,
  target: string,
  catalog: ReturnType<typeof createCatalog>,
): Path {
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
