import type { DescribeFieldLike } from './schema-from-describe.ts';
import type { DeRow } from './types.ts';

/**
 * A UTC datetime as Salesforce writes it (Bulk `…Z`, REST `…+0000`) on days 01–28, which exist in every
 * month; later days and everything else go through a Date, as before.
 */
const UTC_DATETIME =
  /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8]))T((?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d)(?:\.\d+)?(?:Z|\+0000|\+00:00)$/;

/** Salesforce datetime (REST `…+0000` or Bulk `…Z`) → `YYYY-MM-DD HH:MM:SS` UTC, the form DE imports take. */
export function toDeDateTime(value: string): string {
  // Nearly every value is already UTC: cut it into shape instead of a Date round trip per row.
  const utc = UTC_DATETIME.exec(value);
  if (utc) return `${utc[1]} ${utc[2]}`;
  const d = new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  if (Number.isNaN(d.getTime())) throw new Error(`not a datetime: ${value}`);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Converts one record (REST: JSON-typed; Bulk: all strings, '' for null) into a DE row with typed values.
 * Throws with the field name when a value does not fit its type.
 */
export function toDeRow(record: Record<string, unknown>, fields: DescribeFieldLike[]): DeRow {
  const row: DeRow = {};
  for (const f of fields) {
    const raw = record[f.name];
    if (raw === undefined || raw === null || raw === '') {
      row[f.name] = f.type === 'boolean' ? false : null;
      continue;
    }
    switch (f.type) {
      case 'boolean':
        row[f.name] = raw === true || raw === 'true';
        break;
      case 'int':
      case 'double':
      case 'currency':
      case 'percent': {
        const n = typeof raw === 'number' ? raw : Number(raw);
        if (!Number.isFinite(n)) throw new Error(`${f.name}: not a number: ${String(raw)}`);
        row[f.name] = n;
        break;
      }
      case 'datetime':
        row[f.name] = toDeDateTime(String(raw));
        break;
      case 'date':
        row[f.name] = String(raw).slice(0, 10);
        break;
      default:
        row[f.name] = String(raw);
    }
  }
  return row;
}
