import type { StringLiteral } from './lexer.ts';

// biome-ignore lint/suspicious/noExplicitAny: node-sql-parser's transactsql AST is untyped; every node is checked by `type`.
export type Node = Record<string, any>;

/** What a column holds, as far as comparisons care: text compares through the collation key. */
export type ColumnKind = 'string' | 'number' | 'date' | 'unknown';

/** A table as written in the query: its SQLite name, columns and (when known) each column's kind. */
export type Resolver = (
  name: string,
) => { table: string; columns: string[]; kinds?: ColumnKind[] } | undefined;

/** A FROM item in scope: its alias, output columns and their kinds. */
export interface Source {
  alias: string;
  columns: (string | null)[];
  kinds?: ColumnKind[];
}

/** A translated SELECT: SQLite text plus its output column names (null = unnamed expression). */
export interface Translated {
  sql: string;
  columns: (string | null)[];
}

export interface Ctx {
  resolve: Resolver;
  strings: StringLiteral[];
  /** CTEs visible here, by lower-cased name. */
  ctes: Map<string, { name: string; columns: (string | null)[] }>;
  select: (ast: Node, ctx: Ctx) => Translated;
  /** FROM items visible here, innermost SELECT last (correlated subqueries see their outer ones). */
  scope: Source[][];
  /** Set on the SELECT of `x IN (SELECT …)`: its output column is the collation key. */
  keyOutput?: boolean;
  /** Set on UNION members: output columns are named `__c0`, `__c1`, … for the dedupe around them. */
  positional?: boolean;
}

/** SQLite identifier quoting; the name comes from the AST, never from raw query text. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
