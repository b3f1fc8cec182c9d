/**
 * SQL Server's text comparison as SFMC runs it, for a SQLite engine that cannot register collations
 * (node:sqlite has no collation API): every comparison of text goes through a collation key.
 *
 * - Case-insensitive, accent-sensitive: SFMC's databases use SQL Server's default `..._CI_AS` collation
 *   ('Gold' = 'gold', 'é' <> 'e'). https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
 * - Trailing spaces do not count in `=`, `<>`, `IN`, joins, `GROUP BY` and `DISTINCT`: SQL Server pads the
 *   shorter string with spaces before comparing (ANSI/ISO SQL-92, section 8.2). `LIKE` keeps the pattern's
 *   trailing spaces and ignores the value's (expressions.ts, like()).
 *   Microsoft KB 316626 "How SQL Server compares strings with trailing spaces",
 *   https://learn.microsoft.com/en-us/troubleshoot/sql/database-design/sql-server-compare-strings-with-trailing-spaces
 *   and https://learn.microsoft.com/en-us/sql/t-sql/statements/set-ansi-padding-transact-sql
 *
 * The key is deterministic, so SQLite indexes on `tsql_key(column)` serve the comparisons (state/join-indexes.ts).
 */
export const KEY_FUNCTION = 'tsql_key';

/** Only U+0020 pads; a tab or a no-break space at the end is a character like any other. */
const TRAILING_SPACES = / +$/;

export function collationKey<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return value.replace(TRAILING_SPACES, '').toLowerCase();
}

/** `tsql_key(<sql>)`: the collation key of a SQLite expression. */
export function keyed(sql: string): string {
  return `${KEY_FUNCTION}(${sql})`;
}
