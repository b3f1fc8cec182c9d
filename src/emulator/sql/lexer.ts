import { KitError } from '../../errors/index.ts';

/**
 * Pre-pass over the raw T-SQL before node-sql-parser sees it. node-sql-parser treats `\` as an escape
 * inside string literals and keeps `''` doubled, while T-SQL has no backslash escapes; so every string
 * literal is swapped for a placeholder and restored from here, exactly as T-SQL reads it.
 * The same pass rejects what a query activity forbids (variables, temp tables) and folds
 * `LIKE '…' ESCAPE 'c'`, which the parser does not accept, into the literal's metadata.
 */
export interface StringLiteral {
  value: string;
  /** Escape character of a `LIKE <this literal> ESCAPE 'c'`. */
  likeEscape?: string;
}

export interface Lexed {
  text: string;
  strings: StringLiteral[];
  /** Identifiers containing `]`, replaced in `text` by `[__kitidN__]`. */
  identifiers: string[];
  /** Why a query activity refuses this text (variables, temp tables), if it does. */
  refused?: string;
}

const PLACEHOLDER = /^__kitstr(\d+)__$/;

const IDENTIFIER = /^__kitid(\d+)__$/;

/** Puts the identifiers the lexer set aside back into the parsed AST, wherever the parser placed them. */
export function restoreIdentifiers<T>(node: T, identifiers: string[]): T {
  if (!identifiers.length) return node;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const m = IDENTIFIER.exec(v);
      return m ? identifiers[Number(m[1])] : v;
    }
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) (v as Record<string, unknown>)[k] = visit(child);
    }
    return v;
  };
  return visit(node) as T;
}

export function placeholderIndex(value: string): number | undefined {
  const m = PLACEHOLDER.exec(value);
  return m ? Number(m[1]) : undefined;
}

export function lexTsql(sql: string): Lexed {
  const strings: StringLiteral[] = [];
  const identifiers: string[] = [];
  let out = '';
  let i = 0;
  // Index into `strings` of the last literal emitted and where it ended in `out`, to fold ESCAPE.
  let lastLiteral = -1;
  let lastLiteralEnd = -1;
  // Variables and temp tables are reported after the statement-kind check, which names the bigger problem.
  let refused: string | undefined;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      out += ' ';
      continue;
    }
    if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw new KitError('SQL_ERROR', 'Missing end comment mark */');
      // Keep the line count so parser errors point at the right line.
      out += sql.slice(i, end).replace(/[^\n]/g, '') || ' ';
      i = end + 2;
      continue;
    }
    if (c === '[' || c === '"') {
      // `]]` inside brackets (and `""` inside double quotes) is one escaped closing character, valid T-SQL:
      // https://learn.microsoft.com/en-us/sql/relational-databases/databases/database-identifiers
      const close = c === '[' ? ']' : '"';
      let j = i + 1;
      let name = '';
      for (;;) {
        if (j >= sql.length)
          throw new KitError(
            'SQL_ERROR',
            `Unclosed quotation mark after the character string '${sql.slice(i + 1, i + 40)}'`,
          );
        if (sql[j] === close) {
          if (sql[j + 1] !== close) break;
          name += close;
          j += 2;
          continue;
        }
        name += sql[j];
        j++;
      }
      // Double-quoted identifiers become bracketed: node-sql-parser's transactsql reads "x" as a string.
      // A name the parser cannot hold between brackets goes to it as a placeholder (restoreIdentifiers).
      if (name.includes(']')) {
        identifiers.push(name);
        out += `[__kitid${identifiers.length - 1}__]`;
      } else out += `[${name}]`;
      i = j + 1;
      continue;
    }
    if (c === "'" || ((c === 'N' || c === 'n') && next === "'" && !/[\w@#$]/.test(sql[i - 1] ?? ''))) {
      let j = c === "'" ? i + 1 : i + 2;
      let value = '';
      for (;;) {
        if (j >= sql.length) {
          throw new KitError(
            'SQL_ERROR',
            `Unclosed quotation mark after the character string '${value.slice(0, 40)}'`,
          );
        }
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j];
        j++;
      }
      const escapeMatch = /^\s+ESCAPE\s*$/i.exec(out.slice(lastLiteralEnd));
      if (lastLiteral >= 0 && escapeMatch) {
        // `<literal> ESCAPE '<c>'`: drop the ESCAPE clause, remember the character on the pattern.
        if (value.length !== 1)
          throw new KitError('SQL_ERROR', 'The escape character of a LIKE must be one character long');
        strings[lastLiteral].likeEscape = value;
        out = out.slice(0, lastLiteralEnd);
        lastLiteral = -1;
      } else {
        strings.push({ value });
        out += `'__kitstr${strings.length - 1}__'`;
        out += value.replace(/[^\n]/g, '');
        lastLiteral = strings.length - 1;
        lastLiteralEnd = out.length;
      }
      i = j + 1;
      continue;
    }
    if (c === '@') {
      const name = /^@@?\w*/.exec(sql.slice(i))![0];
      refused ??= `Variables (${name}) are not allowed in a query activity`;
      out += name.replace(/@/g, 'v');
      i += name.length;
      continue;
    }
    if (c === '#' && /[\w#]/.test(next ?? '') && !/\w/.test(sql[i - 1] ?? '')) {
      const name = /^##?\w*/.exec(sql.slice(i))![0];
      refused ??= `Temporary tables (${name}) are not allowed in a query activity`;
      out += name.replace(/#/g, 't');
      i += name.length;
      continue;
    }
    if (c === '.' && /\d/.test(next ?? '') && !/[\w\])]/.test(sql[i - 1] ?? '')) {
      // `.5` is valid T-SQL; the parser only reads `0.5`.
      out += '0.';
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (/\bESCAPE\b/i.test(out.replace(/\[[^\]]*\]/g, ''))) {
    throw new KitError(
      'UNSUPPORTED_SQL',
      'ESCAPE is only supported by the emulator after a literal LIKE pattern',
    );
  }
  return { text: out, strings, identifiers, refused };
}
