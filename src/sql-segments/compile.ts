import { type Catalog, createCatalog } from '../compiler/catalog.ts';
import type { CompiledSegment } from '../compiler/compile-segment.ts';
import { targetOf } from '../compiler/target.ts';
import type { TableInfo } from '../compiler/conditions/types.ts';
import type { Diagnostic } from '../definitions/diagnostics.ts';
import { dataExtensionKey, findDataExtension, positionOf, type Project } from '../definitions/project.ts';
import { type SqlSegmentDef, sqlTargetName } from '../definitions/schemas/sql-segment.ts';
import { checkSql } from './check-sql.ts';
import { sqlFindingAt } from './locate.ts';

/** A compiled SQL segment: the shared shape, plus its query activity key when it is not the target's. */
export interface CompiledSqlSegment extends CompiledSegment {
  kind: 'sql';
  activityKey?: string;
  /** Tables the SQL reads (dependencies, impact). */
  reads: string[];
  columns: Array<{ table: string; column: string }>;
}

/**
 * Checks and compiles every SQL segment (the second segment kind). A segment's SQL may read rule
 * segments' targets, derived ones included, so those are tables here too; it depends on the segments
 * whose targets it reads. Segments with errors are reported and left out, like rule segments.
 */
export function compileSqlSegments(
  project: Project,
  catalog: Catalog = createCatalog(project),
): { segments: CompiledSqlSegment[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const segments: CompiledSqlSegment[] = [];
  const defs = project.sqlSegments ?? [];
  // Target table name → segment writing it.
  const producers = new Map<string, string>();
  const derived = new Map<string, TableInfo>();
  for (const seg of project.segments) {
    const t = targetOf(project, seg);
    if (!t) continue;
    producers.set(t.de.name.toLowerCase(), seg.name);
    if (t.derived)
      derived.set(t.de.name.toLowerCase(), {
        name: t.de.name,
        kind: 'dataExtension',
        fields: t.de.fields.map((f) => ({ name: f.name, type: f.type })),
      });
  }
  for (const s of defs) producers.set(sqlTargetName(s).toLowerCase(), s.name);
  const table = (name: string) => {
    const bare = name.replace(/^ENT\./i, '');
    return catalog.table(bare) ?? derived.get(bare.toLowerCase());
  };

  for (const seg of defs) {
    const problems: Diagnostic[] = [];
    const targetDe = findDataExtension(project, sqlTargetName(seg));
    if (!targetDe) {
      problems.push({
        severity: 'error',
        code: 'unknown-data-extension',
        message: `target "${sqlTargetName(seg)}" is not a declared data extension (a SQL segment writes into a declared one)`,
        ...positionOf(project, seg, ['target']),
      });
    }
    if (seg.membership !== 'static' && !seg.schedule) {
      problems.push({
        severity: 'error',
        code: 'schema',
        message: `a ${seg.membership} segment refreshes on a schedule; expected schedule: { frequency, time }`,
        ...positionOf(project, seg, ['membership']),
      });
    }
    if (seg.membership === 'static' && seg.schedule) {
      problems.push({
        severity: 'error',
        code: 'schema',
        message: 'a static segment is computed once at deploy; remove schedule or use additive/dynamic',
        ...positionOf(project, seg, ['schedule']),
      });
    }
    const check = checkSql(
      seg.sql,
      table,
      targetDe && {
        name: targetDe.name,
        fields: targetDe.fields.map((f) => ({
          name: f.name,
          primaryKey: f.primaryKey,
          required: f.required ?? f.primaryKey,
          hasDefault: f.default !== undefined,
        })),
      },
    );
    problems.push(...check.findings.map((f) => sqlFindingAt(project, seg, f)));
    diagnostics.push(...problems);
    if (!targetDe || problems.some((d) => d.severity === 'error')) continue;
    const targetKey = dataExtensionKey(project, targetDe);
    const dependsOn = [
      ...new Set(
        check.tables
          .map((t) => producers.get(t.toLowerCase()))
          .filter((n): n is string => !!n && n !== seg.name),
      ),
    ].sort();
    const hasKey = targetDe.fields.some((f) => f.primaryKey);
    segments.push({
      kind: 'sql',
      name: seg.name,
      form: 'query',
      reason: 'hand-written SQL',
      sql: seg.sql.trim(),
      target: targetDe,
      targetKey,
      updateType: seg.membership === 'additive' ? (hasKey ? 'Update' : 'Append') : 'Overwrite',
      ...(seg.membership === 'static' ? {} : { schedule: seg.schedule }),
      dependsOn,
      summary: seg.description ?? `SQL over ${check.tables.join(', ') || 'no table'}`,
      ...(typeof seg.target === 'object' && seg.target.key && seg.target.key !== targetKey
        ? { activityKey: seg.target.key }
        : {}),
      reads: check.tables,
      columns: check.columns,
    });
  }
  return { segments, diagnostics };
}
