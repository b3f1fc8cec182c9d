import type { SfField } from './objects.ts';

/**
 * Values are stored as SQLite scalars: text, numbers, booleans as 0/1, datetimes as
 * `YYYY-MM-DDTHH:MM:SS.sssZ` (sortable text) and dates as `YYYY-MM-DD`.
 */
export type SqlValue = string | number | null;

export function normalizeDateTime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(String(value).replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  if (Number.isNaN(d.getTime())) throw new Error(`invalid datetime: ${String(value)}`);
  return d.toISOString();
}

export function toStored(field: SfField, value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'boolean':
      return value === true || value === 1 || value === 'true' ? 1 : 0;
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      if (value === '') return null;
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`${field.name}: not a number: ${String(value)}`);
      return n;
    }
    case 'datetime':
      return normalizeDateTime(value);
    case 'date': {
      if (value === '') return null;
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      const text = String(value);
      if (!/^\d{4}-\d\d-\d\d/.test(text)) throw new Error(`${field.name}: not a date: ${text}`);
      return text.slice(0, 10);
    }
    default:
      return String(value);
  }
}

/** The JSON value the REST API returns (datetimes as `2024-01-01T00:00:00.000+0000`). */
export function toRestValue(field: SfField, value: SqlValue): unknown {
  if (value === null || value === undefined) return field.type === 'boolean' ? false : null;
  switch (field.type) {
    case 'boolean':
      return value === 1;
    case 'datetime':
      return String(value).replace('Z', '+0000');
    default:
      return value;
  }
}
