import type { StringLiteral } from './lexer.ts';

// biome-ignore lint/suspicious/noExplicitAny: node-sql-parser's transactsql AST is untyped; every node is checked by `type`.
export type Node = Record<string, any>;

export type Resolver = (name: string) => { table: string; columns: string[] } | undefined;

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
}

/** SQLite identifier quoting; the name comes from the AST, never from raw query text. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
