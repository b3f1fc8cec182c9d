import type { CompiledSegment } from '../compiler/index.ts';
import type { Diagnostic } from '../definitions/diagnostics.ts';
import { findSegment, positionOf, type Project } from '../definitions/project.ts';
import { refreshGroups } from './refresh-groups.ts';

/**
 * What would fail at deploy, found at validate (issue #13.6): a time zone SFMC cannot run, a segment reading a
 * segment on another schedule, an automation past the step limits.
 */
export function deployDiagnostics(project: Project, segments: CompiledSegment[]): Diagnostic[] {
  return refreshGroups(segments).problems.map((p) => {
    const def = findSegment(project, p.segment);
    const at = def ? positionOf(project, def, p.path) : { file: project.dir, line: 1, column: 1 };
    return { severity: 'error' as const, code: 'deploy', message: p.message, ...at };
  });
}
