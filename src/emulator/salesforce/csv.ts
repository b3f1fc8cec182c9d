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

/** RFC 4180 cell quoting, as Bulk API 2.0 writes it. */
export function csvCell(value: string, delimiter: string): string {
  if (value === '') return '';
  return value.includes('"') || value.includes(delimiter) || /[\r\n]/.test(value)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}
