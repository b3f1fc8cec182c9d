import { formatDateTime, parseDate } from './dates.ts';

/**
 * SQL Server converts a string literal compared with a datetime to a datetime, so
 * `EventDate <= '2024-06-30'` means "up to midnight". Dates are stored as TEXT 'YYYY-MM-DD HH:MM:SS',
 * where a plain text comparison with '2024-06-30' would be off at the boundary. For each operator we
 * pick the literal's form that gives SQL Server's answer both for stored datetimes and for text
 * columns holding the literal's own short form.
 */
export interface DateLiteral {
  asWritten: string;
  canonical: string;
}

const DATE_LIKE = /^(\d{4}-\d{2}-\d{2}(?: \d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}\/\d{1,2}\/\d{4})$/;

export function dateLiteral(text: string): DateLiteral | undefined {
  if (!DATE_LIKE.test(text)) return undefined;
  let canonical: string;
  try {
    canonical = formatDateTime(parseDate(text)!);
  } catch {
    return undefined;
  }
  return canonical === text ? undefined : { asWritten: text, canonical };
}

/** Operands (SQLite literals) to compare a column against, for `column <op> literal`. */
export function dateComparison(op: string, lit: DateLiteral, quote: (s: string) => string): string {
  const written = quote(lit.asWritten);
  const canonical = quote(lit.canonical);
  // A short ISO form is a prefix of its canonical form, so it sorts just before it.
  const prefix = lit.canonical.startsWith(lit.asWritten);
  switch (op) {
    case '=':
      return prefix ? `IN (${written}, ${canonical})` : `= ${canonical}`;
    case '<>':
      return prefix ? `NOT IN (${written}, ${canonical})` : `<> ${canonical}`;
    case '<':
    case '>=':
      return `${op} ${prefix ? written : canonical}`;
    default:
      return `${op} ${canonical}`;
  }
}

export const FLIPPED: Record<string, string> = {
  '=': '=',
  '<>': '<>',
  '<': '>',
  '>': '<',
  '<=': '>=',
  '>=': '<=',
};
