import { type CompiledSegment, compileProject } from '../compiler/index.ts';
import { type Diagnostic, sortDiagnostics } from '../definitions/diagnostics.ts';
import { type LoadOptions, loadProjectWithDiagnostics } from '../definitions/load-project.ts';
import type { Project } from '../definitions/project.ts';
import { deployDiagnostics } from '../deploy/deploy-checks.ts';
import { checkReferences } from './check-references.ts';
import { lintProject } from './lint-project.ts';

export interface ValidationResult {
  project: Project;
  segments: CompiledSegment[];
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

/** Schema, references, lint and compile of a whole definitions directory. Never throws for bad definitions. */
export async function validateProject(dir: string, opts: LoadOptions = {}): Promise<ValidationResult> {
  const { project, diagnostics: loaded } = await loadProjectWithDiagnostics(dir, opts);
  const compiled = compileProject(project);
  const linted = lintProject(project, new Set(compiled.segments.map((s) => s.name)));
  const diagnostics = sortDiagnostics([
    ...loaded,
    ...compiled.diagnostics,
    ...linted,
    ...checkReferences(project),
    ...deployDiagnostics(project, compiled.segments),
  ]);
  return {
    project,
    segments: compiled.segments,
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}
