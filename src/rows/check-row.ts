import type { Field, Row } from '../client/index.ts';

/**
 * Checks one row read from a file against the data extension's fields before it is sent, so a bad row is
 * rejected with its own reason instead of failing a whole async batch (SFMC's async results name no row).
 * The checks are the ones SFMC applies on write: required and primary-key fields present, text within
 * MaxLength, numbers, decimals, booleans, dates and e-mail addresses well formed. Anything SFMC still
 * refuses comes back from the batch and is written to the rejects file too.
 */
export type Checked = { ok: true; row: Row } | { ok: false; reason: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BOOLEAN = new Set(['true', 'false', '1', '0', 'y', 'n', 'yes', 'no']);
// ISO and the US form SFMC itself writes in rowset reads ("1/31/2024 12:00:00 AM").
const DATE =
  /^(\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}\/\d{1,2}\/\d{4}(\s+\d{1,2}:\d{2}(:\d{2})?\s*([AP]M)?)?)$/i;

function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  return text.includes('/') || !Number.isNaN(Date.parse(text.length === 10 ? text : text.replace(' ', 'T')));
}

const DEFAULT_LENGTH: Partial<Record<Field['type'], number>> = {
  Text: 50,
  EmailAddress: 254,
  Phone: 50,
  Locale: 5,
};

function valueProblem(field: Field, text: string): string | undefined {
  switch (field.type) {
    case 'Number':
      return /^-?\d+$/.test(text.trim()) && Math.abs(Number(text)) <= 2147483647
        ? undefined
        : 'not a whole number';
    case 'Decimal':
      return Number.isFinite(Number(text.trim())) && text.trim() !== '' ? undefined : 'not a decimal number';
    case 'Boolean':
      return BOOLEAN.has(text.trim().toLowerCase()) ? undefined : 'not a boolean (true/false, 1/0, yes/no)';
    case 'Date':
      return isDate(text.trim()) ? undefined : 'not a date';
    case 'EmailAddress':
      if (!EMAIL.test(text.trim())) return 'not an e-mail address';
      break;
    default:
      break;
  }
  const max = field.length ?? DEFAULT_LENGTH[field.type];
  if (max !== undefined && text.length > max)
    return `${text.length} characters, longer than its MaxLength ${max}`;
  return undefined;
}

export interface RowChecker {
  check(values: Record<string, unknown>): Checked;
}

/** Field names match case-insensitively (SFMC's rule); rows are sent with the DE's own spelling. */
export function createRowChecker(fields: Field[]): RowChecker {
  const byLower = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  const mandatory = fields.filter((f) => (f.isPrimaryKey || f.isRequired) && !f.defaultValue);
  return {
    check(values) {
      const row: Row = {};
      for (const [name, raw] of Object.entries(values)) {
        const field = byLower.get(name.toLowerCase());
        if (!field) return { ok: false, reason: `column "${name}" is not a field of the data extension` };
        if (raw === null || raw === undefined || raw === '') continue;
        if (typeof raw === 'object')
          return { ok: false, reason: `${field.name}: a nested value is not a field value` };
        const text = String(raw);
        const problem = valueProblem(field, text);
        if (problem) return { ok: false, reason: `${field.name}: "${clip(text)}" is ${problem}` };
        row[field.name] = typeof raw === 'number' || typeof raw === 'boolean' ? raw : text;
      }
      for (const f of mandatory) {
        if (row[f.name] === undefined)
          return {
            ok: false,
            reason: `${f.name}: ${f.isPrimaryKey ? 'primary key' : 'required'} field is empty`,
          };
      }
      return { ok: true, row };
    },
  };
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
