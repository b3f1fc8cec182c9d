/**
 * The only way user text enters generated SQL: bracketed identifiers and quoted literals.
 * T-SQL doubles `]` inside brackets and `'` inside strings; N'' keeps non-ASCII text intact.
 */
import { KitError } from '../../errors/index.ts';

export function ident(name: string): string {
  return `[${name.replaceAll(']', ']]')}]`;
}

/** `alias.[Field]` */
export function column(alias: string, field: string): string {
  return `${alias}.${ident(field)}`;
}

export function stringLiteral(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check is the point.
  const unicode = /[^\x00-\x7f]/.test(value);
  return `${unicode ? 'N' : ''}'${value.replaceAll("'", "''")}'`;
}

export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new KitError('DEFINITION_INVALID', `not a finite number: ${value}`);
    return String(value);
  }
  return stringLiteral(value);
}

const LIKE_ESCAPE = '!';

/** A LIKE predicate matching `value` literally inside `before`/`after` wildcards. */
export function like(expr: string, before: '%' | '', value: string, after: '%' | '', negate = false): string {
  const escaped = value.replace(/[!%_[]/g, (c) => `${LIKE_ESCAPE}${c}`);
  const clause = escaped === value ? '' : ` ESCAPE '${LIKE_ESCAPE}'`;
  return `${expr} ${negate ? 'NOT LIKE' : 'LIKE'} ${stringLiteral(`${before}${escaped}${after}`)}${clause}`;
}

/**
 * Indents every line of generated SQL, except lines that continue a string literal or bracketed name:
 * a newline inside a value is data and must stay byte-for-byte.
 */
export function indent(text: string, by = '  '): string {
  let out = '';
  let quote: "'" | ']' | null = null;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (lineStart && quote === null && c !== '\n') out += by;
    lineStart = false;
    out += c;
    if (quote) {
      if (c === quote) {
        if (text[i + 1] === quote) out += text[++i];
        else quote = null;
      }
    } else if (c === "'") quote = "'";
    else if (c === '[') quote = ']';
    if (c === '\n') lineStart = true;
  }
  return out;
}

/** `EXISTS (\n  <sub>\n)` with the subquery indented. */
export function exists(sub: string, negate = false): string {
  return `${negate ? 'NOT EXISTS' : 'EXISTS'} (\n${indent(sub)}\n)`;
}

/** Joins predicates with AND/OR, one per line; callers wrap in parentheses where precedence needs it. */
export function joinPredicates(parts: string[], op: 'AND' | 'OR'): string {
  return parts.join(`\n${op} `);
}

export function paren(text: string): string {
  return text.includes('\n') ? `(\n${indent(text)}\n)` : `(${text})`;
}

export function daysAgo(days: number): string {
  return `DATEADD(DAY, ${-days}, GETDATE())`;
}

export const TODAY = 'CAST(GETDATE() AS DATE)';
