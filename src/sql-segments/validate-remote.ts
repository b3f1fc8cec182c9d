import type { QueriesResource } from '../client/index.ts';
import type { Diagnostic } from '../definitions/diagnostics.ts';
import { positionOf, type Project } from '../definitions/project.ts';

/**
 * `validate --remote`: each SQL segment's SQL through SFMC's query validate endpoint
 * (POST /automation/v1/queries/actions/validate/), which answers with SFMC's own parser's verdict.
 * Its messages carry no position we can map, so they point at the segment's `sql:`.
 */
export async function validateSqlRemotely(
  project: Project,
  queries: Pick<QueriesResource, 'validate'>,
): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const seg of project.sqlSegments ?? []) {
    const r = await queries.validate(seg.sql);
    const at = positionOf(project, seg, ['sql']);
    for (const message of r.valid && !r.errors.length
      ? []
      : r.errors.length
        ? r.errors
        : ['SFMC refused the SQL'])
      out.push({ severity: 'error', code: 'sql-remote', message: `SFMC: ${message}`, ...at });
    for (const message of r.warnings)
      out.push({ severity: 'warning', code: 'sql-remote', message: `SFMC: ${message}`, ...at });
  }
  return out;
}
