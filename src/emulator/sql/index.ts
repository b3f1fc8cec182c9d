import pkg from 'node-sql-parser';
import { KitError } from '../../errors/index.ts';
import type { Ctx, Node, Resolver } from './context.ts';
import { lexTsql, restoreIdentifiers } from './lexer.ts';
import { translateSelect } from './select.ts';

export type { ColumnKind, Resolver } from './context.ts';
export { registerTsqlFunctions } from './runtime.ts';

const { Parser } = pkg;

/** Statements a query activity rejects outright, caught before parsing (the parser cannot read some). */
const FORBIDDEN =
  /(?:^|;)\s*(INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|TRUNCATE|MERGE|EXEC|EXECUTE|DECLARE|SET|BEGIN|COMMIT|ROLLBACK|USE|GRANT|REVOKE|DENY|BULK|PRINT|WHILE|IF)\b/i;

/**
 * Translates one SFMC Query Activity SELECT (T-SQL) into SQLite SQL over the emulator's tables.
 * `resolve` maps a table name as written (brackets and `ENT.` removed) to its SQLite table and columns.
 * The SQL is generated from the parsed AST only; user text reaches it solely as quoted literals.
 */
export function translateQuery(tsql: string, resolve: Resolver): { sql: string; outputColumns: string[] } {
  const lexed = lexTsql(tsql);
  const forbidden = FORBIDDEN.exec(lexed.text);
  if (forbidden) {
    throw new KitError(
      'UNSUPPORTED_SQL',
      `${forbidden[1].toUpperCase()} statements are not allowed in a query activity`,
    );
  }
  if (lexed.refused) throw new KitError('UNSUPPORTED_SQL', lexed.refused);
  const ast = restoreIdentifiers(parse(lexed.text), lexed.identifiers);
  const statements = (Array.isArray(ast) ? ast : [ast]).filter(Boolean);
  if (statements.length !== 1) {
    throw new KitError(
      'UNSUPPORTED_SQL',
      'A query activity runs exactly one SELECT statement; multiple statements are not allowed',
    );
  }
  const ctx: Ctx = { resolve, strings: lexed.strings, ctes: new Map(), select: translateSelect, scope: [] };
  const { sql, columns } = translateSelect(statements[0], ctx);
  const outputColumns = columns.map((name, i) => {
    // The platform inserts from `(<query>) AS querydef`, so every column needs a name.
    if (!name)
      throw new KitError('SQL_ERROR', `No column name was specified for column ${i + 1} of 'querydef'.`);
    return name;
  });
  return { sql, outputColumns };
}

function parse(text: string): Node | Node[] {
  try {
    return new Parser().astify(text, { database: 'transactsql' }) as unknown as Node | Node[];
  } catch (e) {
    const location = (e as { location?: { start?: { line: number; column: number; offset: number } } })
      .location?.start;
    if (!location) throw new KitError('SQL_ERROR', `Incorrect syntax: ${(e as Error).message}`, { cause: e });
    const token = /^\S{1,30}/.exec(text.slice(location.offset))?.[0];
    const near = token ? `near '${token}'` : 'at the end of the query';
    throw new KitError(
      'SQL_ERROR',
      `Incorrect syntax ${near} (line ${location.line}, column ${location.column})`,
      { cause: e },
    );
  }
}
