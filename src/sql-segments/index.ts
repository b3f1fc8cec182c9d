export { checkSql, type SqlCheck, type SqlFinding, type SqlTarget } from './check-sql.ts';
export { type CompiledSqlSegment, compileSqlSegments } from './compile.ts';
export { sqlFindingAt } from './locate.ts';
export { validateSqlRemotely } from './validate-remote.ts';
