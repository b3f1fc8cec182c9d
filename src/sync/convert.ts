import { type DescribeFieldLike, deFieldFor } from './schema-from-describe.ts';
import type { DeRow } from './types.ts';

/**
 * SFMC's system time is "North American Central Standard Time (UTC-6) without adjustments for daylight
 * saving time" (AMPscript SystemDateToLocalDate / LocalDateToSystemDate; SSJS LocalDateToSystemDate:
 * "The system time is Central Standard Time (CST) without adjustment for daylight saving time"). A DE Date
 * holds wall-clock text with no zone, read as that system time — GETDATE() and the data views' dates
 * are in it too — and no SFMC document says an offset in an imported value is honoured. So a Salesforce
 * instant (UTC) is written as its CST wall clock: 6 hours earlier, all year.
 */
const CST_OFFSET_MS = 6 * 3_600_000;

/**
 * A UTC datetime as Salesforce writes it (Bulk `…Z`, REST `…+0000`) on days 01–28, which exist in every
 * month; later days and everything else go through a Date.
 */
const UTC_DATETIME =
  /^(\d{4}-(?:0[1-9]|1[0-2])-)(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3])(:[0-5]\d:[0-5]\d)(?:\.\d+)?(?:Z|\+0000|\+00:00)$/;

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Salesforce datetime (REST `…+0000`, Bulk `…Z`, or any offset) → `YYYY-MM-DD HH:MM:SS` in SFMC's
 * system time (CST, UTC−6), the form a DE Date takes.
 */
export function toDeDateTime(value: string): string {
  // Nearly every value is UTC: shifted in the text instead of a Date round trip per value, unless the
  // shift crosses into the previous month.
  const utc = UTC_DATETIME.exec(value);
  if (utc) {
    const hour = Number(utc[3]);
    if (hour >= 6) return `${utc[1]}${utc[2]} ${two(hour - 6)}${utc[4]}`;
    const day = Number(utc[2]);
    if (day > 1) return `${utc[1]}${two(day - 1)} ${two(hour + 18)}${utc[4]}`;
  }
  const d = new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  if (Number.isNaN(d.getTime())) throw new Error(`not a datetime: ${value}`);
  return new Date(d.getTime() - CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Text longer than its DE field, cut to fit: the field, the original length, the length kept. */
export interface Truncation {
  field: string;
  from: number;
  to: number;
}

/**
 * Cuts `text` to `max` UTF-16 code units (what an SFMC Text(n) counts, like SQL Server's nvarchar(n)),
 * never between the two halves of a surrogate pair.
 */
export function truncateText(text: string, max: number): string {
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/**
 * A converter for one field list: record (REST: JSON-typed; Bulk: all strings, '' for null) → DE row
 * with typed values. Text longer than its DE field is truncated to the field's length and reported
 * through `onTruncate`, so the row still lands. Throws with the field name when a value does not fit
 * its type.
 */
export function createRowConverter(
  fields: DescribeFieldLike[],
): (record: Record<string, unknown>, onTruncate?: (t: Truncation) => void) => DeRow {
  const limits = fields.map((f) => {
    const de = deFieldFor(f);
    return de && (de.type === 'Text' || de.type === 'EmailAddress') ? (de.length ?? 4000) : Infinity;
  });
  return (record, onTruncate) => {
    const row: DeRow = {};
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
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
          // A date has no time of day and no zone: it is the same day in CST.
          row[f.name] = String(raw).slice(0, 10);
          break;
        default: {
          const text = String(raw);
          const max = limits[i];
          if (text.length > max) {
            const cut = truncateText(text, max);
            onTruncate?.({ field: f.name, from: text.length, to: cut.length });
            row[f.name] = cut;
          } else row[f.name] = text;
        }
      }
    }
    return row;
  };
}

/** One record → DE row (see createRowConverter; text too long for its field is truncated). */
export function toDeRow(record: Record<string, unknown>, fields: DescribeFieldLike[]): DeRow {
  return createRowConverter(fields)(record);
}
