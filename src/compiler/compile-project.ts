/**
 * Compiles every segment: reference checks, dependency order (segments read other segments' targets,
 * so those refresh first) and cycle detection. Broken segments are reported and left out.
 */
import { type Diagnostic, sortDiagnostics } from '../definitions/diagnostics.ts';
import type { Project } from '../definitions/project.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import { createCatalog } from './catalog.ts';
import { checkSegment } from './check-segment.ts';
import {
  type CompiledSegment,
  compileChecked,
  locateFindings,
  segmentDependencies,
} from './compile-segment.ts';
import { ruleContext } from './context.ts';
import { compileSqlSegments } from '../sql-segments/compile.ts';
import { cycleDiagnostics, findCycles } from './cycles.ts';

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
  diagnostics.push(...cycleDiagnostics(project, cyclic, (n) => ok.get(n)!, catalog));
  const inCycle = new Set(cyclic.flat());

  const order = topologicalOrder(
    [...ok.keys()].filter((n) => !inCycle.has(n)),
    (n) => (deps.get(n) ?? []).filter((d) => ok.has(d) && !inCycle.has(d)),
  );
  const segments = order.map((n) => compileChecked(project, ok.get(n)!, catalog));
  // SQL segments (src/sql-segments): the second segment kind, after the rule segments they may read.
  const sql = compileSqlSegments(project, catalog);
  return {
    segments: [...segments, ...sql.segments],
    diagnostics: sortDiagnostics([...diagnostics, ...sql.diagnostics]),
  };
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
