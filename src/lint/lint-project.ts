import { type Catalog, createCatalog } from '../compiler/catalog.ts';
import { locateFindings } from '../compiler/compile-segment.ts';
import { ruleContext } from '../compiler/context.ts';
import type { Diagnostic } from '../definitions/diagnostics.ts';
import { sortDiagnostics } from '../definitions/diagnostics.ts';
import type { Project } from '../definitions/project.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import { conditionSites } from './facts.ts';
import { LINT_RULES } from './rules.ts';

/** Lints one segment whose references are valid; warnings listed in `lint.allow` are dropped. */
export function lintSegment(
  project: Project,
  seg: SegmentDef,
  catalog: Catalog = createCatalog(project),
): Diagnostic[] {
  const ctx = ruleContext(project, seg, catalog);
  if (!ctx) return [];
  const sites = conditionSites(seg, ctx);
  const allow = new Set<string>(seg.lint?.allow ?? []);
  const findings = LINT_RULES.flatMap((r) => r.run({ project, seg, ctx, sites, catalog })).filter(
    (f) => f.severity === 'error' || !allow.has(f.code),
  );
  return locateFindings(project, seg, findings);
}

/** Lints the segments given (by default every segment). */
export function lintProject(project: Project, names?: Set<string>): Diagnostic[] {
  const catalog = createCatalog(project);
  const segs = project.segments.filter((s) => !names || names.has(s.name));
  return sortDiagnostics(segs.flatMap((s) => lintSegment(project, s, catalog)));
}
