import type { SfField } from './objects.ts';
import type { SqlValue } from './values.ts';

const DELIMITERS: Record<string, string> = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
};

export function csvDelimiter(name: string | undefined): string {
  return DELIMITERS[name ?? 'COMMA'] ?? ',';
}

/** RFC 4180 cell quoting, as Bulk API 2.0 writes it, with the "needs quotes" test compiled once per page. */
function cellQuoter(delimiter: string): (value: string) => string {
  const special = new RegExp(`["\\r\\n]|${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  return (value) => {
    if (value === '') return '';
    return special.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
}

/** One column's CSV text (nulls empty, booleans true/false, datetimes `…Z`), the type branch taken once per page. */
function columnWriter(field: SfField, quote: (value: string) => string): (value: SqlValue) => string {
  if (field.type === 'boolean') {
    const [yes, no] = [quote('true'), quote('false')];
    return (v) => (v === 1 ? yes : no);
  }
  return (v) => (v === null || v === undefined ? '' : quote(typeof v === 'string' ? v : String(v)));
}

/** A Bulk API 2.0 results page: header line, then one line per row (values in `fields` order). */
export function csvText(
  fields: SfField[],
  rows: SqlValue[][],
  delimiter: string,
  lineEnding: string,
): string {
  const quote = cellQuoter(delimiter);
  const columns = fields.map((f) => columnWriter(f, quote));
  // One flat join at the end: appending 50,000 lines to one string builds a rope the GC then has to walk.
  const lines: string[] = new Array(rows.length + 1);
  lines[0] = fields.map((f) => quote(f.name)).join(delimiter);
  const cells: string[] = new Array(columns.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let i = 0; i < columns.length; i++) cells[i] = columns[i](row[i]);
    lines[r + 1] = cells.join(delimiter);
  }
  return lines.join(lineEnding) + lineEnding;
}
