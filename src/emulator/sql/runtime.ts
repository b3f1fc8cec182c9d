import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import {
  type DatePart,
  dateAdd,
  dateDiff,
  dateName,
  datePart,
  endOfMonth,
  formatDate,
  formatDateStyle,
  formatDateTime,
  normalizeDatePart,
  parseDate,
} from './dates.ts';
import { collationKey, KEY_FUNCTION } from './collation.ts';
import { likeToRegExp } from './like.ts';

type Value = number | bigint | string | null | Uint8Array;

const isNull = (v: unknown): v is null | undefined => v === null || v === undefined;
/** Integers go back as BigInt so SQLite stores them as INTEGER, not REAL. */
const int = (n: number): bigint => BigInt(Math.trunc(n));
const text = (v: Value): string => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v));

function part(name: Value): DatePart {
  const p = normalizeDatePart(String(name));
  if (!p) throw new Error(`'${String(name)}' is not a recognized datepart option.`);
  return p;
}

const DAY_FIRST_STYLES = new Set([3, 103, 4, 104, 5, 105]);

function parseWithStyle(v: Value, style: Value): number | null {
  if (isNull(v)) return null;
  if (!isNull(style) && DAY_FIRST_STYLES.has(Number(style))) {
    const m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})(.*)$/.exec(text(v).trim());
    if (m) return parseDate(`${m[3]}/${m[1]}/${m[4]}${m[5]}`);
  }
  return parseDate(v as number | string);
}

function looksLikeDate(v: Value): boolean {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(v.trim());
}

function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const n = Number(text(v).trim());
  if (text(v).trim() === '' || Number.isNaN(n)) {
    throw new Error(`Conversion failed when converting the varchar value '${text(v)}' to data type int.`);
  }
  return n;
}

function formatValue(v: Value, fmt: string): string {
  if (typeof v === 'string' && looksLikeDate(v)) {
    const d = new Date(parseDate(v)!);
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    const tokens: Record<string, () => string> = {
      yyyy: () => p(d.getUTCFullYear(), 4),
      yy: () => p(d.getUTCFullYear() % 100),
      MMMM: () => dateName('month', d.getTime()),
      MMM: () => dateName('month', d.getTime()).slice(0, 3),
      MM: () => p(d.getUTCMonth() + 1),
      M: () => String(d.getUTCMonth() + 1),
      dddd: () => dateName('weekday', d.getTime()),
      ddd: () => dateName('weekday', d.getTime()).slice(0, 3),
      dd: () => p(d.getUTCDate()),
      d: () => String(d.getUTCDate()),
      HH: () => p(d.getUTCHours()),
      H: () => String(d.getUTCHours()),
      hh: () => p(d.getUTCHours() % 12 || 12),
      h: () => String(d.getUTCHours() % 12 || 12),
      mm: () => p(d.getUTCMinutes()),
      ss: () => p(d.getUTCSeconds()),
      tt: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    };
    return fmt.replace(/yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|ss|tt/g, (t) => tokens[t]());
  }
  const n = toNumber(v);
  const m = /^([NnFfPp])(\d*)$/.exec(fmt);
  if (m) {
    const digits = m[2] === '' ? 2 : Number(m[2]);
    const kind = m[1].toUpperCase();
    const value = kind === 'P' ? n * 100 : n;
    const s = value.toLocaleString('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: kind === 'N' || kind === 'P',
    });
    return kind === 'P' ? `${s}%` : s;
  }
  throw new Error(`FORMAT pattern '${fmt}' is not supported by the emulator`);
}

/** CST is UTC-6 all year in SFMC. */
export const CST_OFFSET_MS = 6 * 3600_000;

/**
 * Registers the T-SQL functions SQLite lacks (or has with different semantics). `now` (a real instant) is
 * injected so GETDATE() is deterministic in tests; GETDATE() gives it as SFMC's CST wall clock.
 */
export function registerTsqlFunctions(db: DatabaseSync, opts: { now: () => Date }): void {
  const det = { deterministic: true };
  // Conversions also get a `_try` twin for TRY_CAST / TRY_CONVERT: NULL instead of an error.
  const conversion = (name: string, fn: (v: Value, style: Value) => Value | bigint) => {
    db.function(name, det, fn);
    db.function(`${name}_try`, { ...det, varargs: true }, (...args: Value[]) => {
      try {
        return fn(args[0], args[1] ?? null);
      } catch {
        return null;
      }
    });
  };
  db.function(KEY_FUNCTION, det, (v: Value) => collationKey(v));
  // SFMC's clock: GETDATE() is Central Standard Time all year (UTC-6, no daylight saving time), as the data
  // views' dates are. "Dates and times are stored in Central Standard Time. Daylight Savings Time isn't
  // observed." (help.salesforce.com, Data View: Open / Unsubscribe / Complaint). GETUTCDATE() stays UTC.
  db.function('tsql_now', () => formatDateTime(opts.now().getTime() - CST_OFFSET_MS));
  db.function('tsql_utcnow', () => formatDateTime(opts.now().getTime()));
  db.function('tsql_dateadd', det, (p: Value, n: Value, d: Value) => {
    if (isNull(n) || isNull(d)) return null;
    return formatDateTime(dateAdd(part(p), toNumber(n), parseDate(d)!));
  });
  db.function('tsql_datediff', det, (p: Value, a: Value, b: Value) => {
    if (isNull(a) || isNull(b)) return null;
    return int(dateDiff(part(p), parseDate(a)!, parseDate(b)!));
  });
  db.function('tsql_datepart', det, (p: Value, d: Value) =>
    isNull(d) ? null : int(datePart(part(p), parseDate(d)!)),
  );
  db.function('tsql_datename', det, (p: Value, d: Value) =>
    isNull(d) ? null : dateName(part(p), parseDate(d)!),
  );
  db.function('tsql_eomonth', det, (d: Value, n: Value) =>
    isNull(d) ? null : endOfMonth(parseDate(d)!, isNull(n) ? 0 : toNumber(n)),
  );
  conversion('tsql_to_datetime', (v: Value, style: Value) => {
    const t = parseWithStyle(v, style);
    return t === null ? null : formatDateTime(t);
  });
  conversion('tsql_to_date', (v: Value, style: Value) => {
    const t = parseWithStyle(v, style);
    return t === null ? null : formatDate(t);
  });
  conversion('tsql_to_text', (v: Value, style: Value) => {
    if (isNull(v)) return null;
    if (!isNull(style) && looksLikeDate(v)) return formatDateStyle(parseDate(v)!, toNumber(style));
    return text(v);
  });
  conversion('tsql_to_int', (v: Value) => (isNull(v) ? null : int(toNumber(v))));
  conversion('tsql_to_bit', (v: Value) => {
    if (isNull(v)) return null;
    if (typeof v === 'string') {
      const s = v.trim().toLowerCase();
      if (s === 'true') return 1n;
      if (s === 'false') return 0n;
    }
    return toNumber(v) === 0 ? 0n : 1n;
  });
  db.function('tsql_isnumeric', det, (v: Value) =>
    !isNull(v) && text(v).trim() !== '' && !Number.isNaN(Number(text(v).trim())) ? 1n : 0n,
  );
  db.function('tsql_isdate', det, (v: Value) => {
    if (isNull(v) || typeof v !== 'string') return 0n;
    try {
      parseDate(v);
      return 1n;
    } catch {
      return 0n;
    }
  });
  db.function('tsql_like', det, (v: Value, pattern: Value, escapeChar: Value) => {
    if (isNull(v) || isNull(pattern)) return null;
    return likeToRegExp(text(pattern), isNull(escapeChar) ? null : text(escapeChar)).test(text(v)) ? 1n : 0n;
  });
  db.function('tsql_patindex', det, (pattern: Value, v: Value) => {
    if (isNull(v) || isNull(pattern)) return null;
    // PATINDEX patterns are written with surrounding % — strip them and search unanchored.
    const inner = text(pattern).replace(/^%/, '').replace(/%$/, '');
    const anchoredStart = !text(pattern).startsWith('%');
    const m = likeToRegExp(inner, null, false).exec(text(v));
    if (!m || (anchoredStart && m.index !== 0)) return 0n;
    return int([...text(v).slice(0, m.index)].length + 1);
  });
  db.function('tsql_charindex', det, (sub: Value, s: Value, start: Value) => {
    if (isNull(sub) || isNull(s)) return null;
    const needle = text(sub).toLowerCase();
    if (needle === '') return 0n;
    const from = isNull(start) ? 0 : Math.max(toNumber(start) - 1, 0);
    const at = text(s).toLowerCase().indexOf(needle, from);
    return int(at + 1);
  });
  db.function('tsql_left', det, (s: Value, n: Value) =>
    isNull(s) || isNull(n) ? null : [...text(s)].slice(0, Math.max(toNumber(n), 0)).join(''),
  );
  db.function('tsql_right', det, (s: Value, n: Value) => {
    if (isNull(s) || isNull(n)) return null;
    const k = Math.max(toNumber(n), 0);
    return k === 0 ? '' : [...text(s)].slice(-k).join('');
  });
  db.function('tsql_upper', det, (s: Value) => (isNull(s) ? null : text(s).toUpperCase()));
  db.function('tsql_lower', det, (s: Value) => (isNull(s) ? null : text(s).toLowerCase()));
  db.function('tsql_replace', det, (s: Value, find: Value, repl: Value) => {
    if (isNull(s) || isNull(find) || isNull(repl)) return null;
    if (text(find) === '') return text(s);
    // Case-insensitive like SQL Server's default collation.
    const re = new RegExp(text(find).replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'), 'giu');
    return text(s).replace(re, () => text(repl));
  });
  db.function('tsql_add', det, (a: Value, b: Value) => {
    if (isNull(a) || isNull(b)) return null;
    // `+` on two strings concatenates; anything numeric makes it arithmetic, as in T-SQL.
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    const sum = toNumber(a) + toNumber(b);
    return Number.isInteger(sum) ? int(sum) : sum;
  });
  db.function('tsql_round', det, (x: Value, n: Value) => {
    if (isNull(x)) return null;
    const f = 10 ** (isNull(n) ? 0 : toNumber(n));
    const v = toNumber(x);
    return (Math.sign(v) * Math.round(Math.abs(v) * f)) / f;
  });
  db.function('tsql_newid', () => randomUUID().toUpperCase());
  db.function('tsql_format', det, (v: Value, fmt: Value) =>
    isNull(v) || isNull(fmt) ? null : formatValue(v, text(fmt)),
  );
  db.function('tsql_replicate', det, (s: Value, n: Value) =>
    isNull(s) || isNull(n) ? null : toNumber(n) < 0 ? null : text(s).repeat(toNumber(n)),
  );
  db.function('tsql_reverse', det, (s: Value) => (isNull(s) ? null : [...text(s)].reverse().join('')));
  db.function('tsql_space', det, (n: Value) => (isNull(n) ? null : ' '.repeat(Math.max(toNumber(n), 0))));
  db.function('tsql_stuff', det, (s: Value, start: Value, len: Value, repl: Value) => {
    if (isNull(s) || isNull(start) || isNull(len)) return null;
    const chars = [...text(s)];
    const at = toNumber(start);
    if (at < 1 || at > chars.length) return null;
    chars.splice(at - 1, toNumber(len), isNull(repl) ? '' : text(repl));
    return chars.join('');
  });
}
