/**
 * SQL Server date semantics over the emulator's storage format: dates are TEXT 'YYYY-MM-DD HH:MM:SS'
 * in UTC. All arithmetic is on UTC milliseconds so no local time zone leaks in.
 */
export type DatePart =
  | 'year'
  | 'quarter'
  | 'month'
  | 'dayofyear'
  | 'day'
  | 'week'
  | 'weekday'
  | 'hour'
  | 'minute'
  | 'second'
  | 'millisecond';

const PART_ALIASES: Record<string, DatePart> = {
  year: 'year',
  yy: 'year',
  yyyy: 'year',
  quarter: 'quarter',
  qq: 'quarter',
  q: 'quarter',
  month: 'month',
  mm: 'month',
  m: 'month',
  dayofyear: 'dayofyear',
  dy: 'dayofyear',
  y: 'dayofyear',
  day: 'day',
  dd: 'day',
  d: 'day',
  week: 'week',
  wk: 'week',
  ww: 'week',
  weekday: 'weekday',
  dw: 'weekday',
  w: 'weekday',
  hour: 'hour',
  hh: 'hour',
  minute: 'minute',
  mi: 'minute',
  n: 'minute',
  second: 'second',
  ss: 'second',
  s: 'second',
  millisecond: 'millisecond',
  ms: 'millisecond',
};

export function normalizeDatePart(name: string): DatePart | undefined {
  return PART_ALIASES[name.toLowerCase()];
}

const DAY_MS = 86_400_000;
const CONVERSION_FAILED = 'Conversion failed when converting date and/or time from character string.';

/** Parses what SQL Server accepts for a datetime in practice; null stays null, garbage throws like SQL Server. */
export function parseDate(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'bigint') {
    // int → datetime counts days from 1900-01-01.
    return Date.UTC(1900, 0, 1) + Number(value) * DAY_MS;
  }
  const s = String(value).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z)?$/i.exec(
    s,
  );
  if (m) return build(+m[1], +m[2], +m[3], m[4], m[5], m[6], m[7]);
  m = /^(\d{4})(\d{2})(\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return build(+m[1], +m[2], +m[3], m[4], m[5], m[6], undefined);
  m =
    /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(AM|PM)?)?$/i.exec(
      s,
    );
  if (m) {
    let hour = m[4] === undefined ? 0 : +m[4];
    if (m[8]?.toUpperCase() === 'PM' && hour < 12) hour += 12;
    if (m[8]?.toUpperCase() === 'AM' && hour === 12) hour = 0;
    const year = m[3].length === 2 ? 2000 + +m[3] - (+m[3] >= 50 ? 100 : 0) : +m[3];
    return build(year, +m[1], +m[2], String(hour), m[5], m[6], m[7]);
  }
  throw new Error(CONVERSION_FAILED);
}

function build(y: number, mo: number, d: number, h?: string, mi?: string, s?: string, frac?: string): number {
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const t = Date.UTC(y, mo - 1, d, h ? +h : 0, mi ? +mi : 0, s ? +s : 0, ms);
  const check = new Date(t);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new Error(CONVERSION_FAILED);
  }
  if ((h && +h > 23) || (mi && +mi > 59) || (s && +s > 59)) throw new Error(CONVERSION_FAILED);
  return t;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatDateTime(t: number): string {
  const d = new Date(t);
  return `${formatDate(t)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function formatDate(t: number): string {
  const d = new Date(t);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function addMonths(t: number, months: number): number {
  const d = new Date(t);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  // SQL Server clamps to the last day of the target month (Jan 31 + 1 month = Feb 28/29).
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

export function dateAdd(part: DatePart, n: number, t: number): number {
  const k = Math.trunc(n);
  switch (part) {
    case 'year':
      return addMonths(t, k * 12);
    case 'quarter':
      return addMonths(t, k * 3);
    case 'month':
      return addMonths(t, k);
    case 'dayofyear':
    case 'day':
    case 'weekday':
      return t + k * DAY_MS;
    case 'week':
      return t + k * 7 * DAY_MS;
    case 'hour':
      return t + k * 3_600_000;
    case 'minute':
      return t + k * 60_000;
    case 'second':
      return t + k * 1000;
    case 'millisecond':
      return t + k;
  }
}

const dayNumber = (t: number) => Math.floor(t / DAY_MS);

/** DATEDIFF counts boundaries crossed, not elapsed time: 23:59 → 00:01 is one day. */
export function dateDiff(part: DatePart, a: number, b: number): number {
  const da = new Date(a);
  const db = new Date(b);
  const months = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
  switch (part) {
    case 'year':
      return db.getUTCFullYear() - da.getUTCFullYear();
    case 'quarter':
      return Math.floor(months(db) / 3) - Math.floor(months(da) / 3);
    case 'month':
      return months(db) - months(da);
    case 'dayofyear':
    case 'day':
    case 'weekday':
      return dayNumber(b) - dayNumber(a);
    case 'week':
      // Week boundaries are Sundays regardless of DATEFIRST; 1970-01-04 was a Sunday.
      return Math.floor((dayNumber(b) + 4) / 7) - Math.floor((dayNumber(a) + 4) / 7);
    case 'hour':
      return Math.floor(b / 3_600_000) - Math.floor(a / 3_600_000);
    case 'minute':
      return Math.floor(b / 60_000) - Math.floor(a / 60_000);
    case 'second':
      return Math.floor(b / 1000) - Math.floor(a / 1000);
    case 'millisecond':
      return b - a;
  }
}

/** DATEPART with SQL Server's defaults (us_english: DATEFIRST 7, week 1 holds 1 January). */
export function datePart(part: DatePart, t: number): number {
  const d = new Date(t);
  switch (part) {
    case 'year':
      return d.getUTCFullYear();
    case 'quarter':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'month':
      return d.getUTCMonth() + 1;
    case 'dayofyear':
      return dayNumber(t) - dayNumber(Date.UTC(d.getUTCFullYear(), 0, 1)) + 1;
    case 'day':
      return d.getUTCDate();
    case 'week': {
      const jan1 = new Date(Date.UTC(d.getUTCFullYear(), 0, 1)).getUTCDay();
      return Math.floor((datePart('dayofyear', t) - 1 + jan1) / 7) + 1;
    }
    case 'weekday':
      return d.getUTCDay() + 1;
    case 'hour':
      return d.getUTCHours();
    case 'minute':
      return d.getUTCMinutes();
    case 'second':
      return d.getUTCSeconds();
    case 'millisecond':
      return d.getUTCMilliseconds();
  }
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function dateName(part: DatePart, t: number): string {
  const d = new Date(t);
  if (part === 'month') return MONTHS[d.getUTCMonth()];
  if (part === 'weekday') return WEEKDAYS[d.getUTCDay()];
  return String(datePart(part, t));
}

export function endOfMonth(t: number, monthsToAdd: number): string {
  const shifted = addMonths(t, monthsToAdd);
  const d = new Date(shifted);
  return formatDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
}

/** CONVERT(varchar, datetime, style) for the styles people use in SFMC. */
export function formatDateStyle(t: number, style: number): string {
  const d = new Date(t);
  const yyyy = pad(d.getUTCFullYear(), 4);
  const yy = yyyy.slice(2);
  const mm = pad(d.getUTCMonth() + 1);
  const dd = pad(d.getUTCDate());
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const millis = pad(d.getUTCMilliseconds(), 3);
  const mon = MONTHS[d.getUTCMonth()].slice(0, 3);
  const h12 = d.getUTCHours() % 12 || 12;
  const ampm = d.getUTCHours() < 12 ? 'AM' : 'PM';
  switch (style) {
    case 0:
    case 100:
      return `${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${yyyy} ${String(h12).padStart(2, ' ')}:${pad(d.getUTCMinutes())}${ampm}`;
    case 1:
      return `${mm}/${dd}/${yy}`;
    case 101:
      return `${mm}/${dd}/${yyyy}`;
    case 2:
      return `${yy}.${mm}.${dd}`;
    case 102:
      return `${yyyy}.${mm}.${dd}`;
    case 3:
      return `${dd}/${mm}/${yy}`;
    case 103:
      return `${dd}/${mm}/${yyyy}`;
    case 4:
      return `${dd}.${mm}.${yy}`;
    case 104:
      return `${dd}.${mm}.${yyyy}`;
    case 5:
      return `${dd}-${mm}-${yy}`;
    case 105:
      return `${dd}-${mm}-${yyyy}`;
    case 106:
      return `${dd} ${mon} ${yyyy}`;
    case 107:
      return `${mon} ${dd}, ${yyyy}`;
    case 8:
    case 108:
      return time;
    case 10:
      return `${mm}-${dd}-${yy}`;
    case 110:
      return `${mm}-${dd}-${yyyy}`;
    case 11:
      return `${yy}/${mm}/${dd}`;
    case 111:
      return `${yyyy}/${mm}/${dd}`;
    case 12:
      return `${yy}${mm}${dd}`;
    case 112:
      return `${yyyy}${mm}${dd}`;
    case 20:
    case 120:
      return `${yyyy}-${mm}-${dd} ${time}`;
    case 21:
    case 121:
      return `${yyyy}-${mm}-${dd} ${time}.${millis}`;
    case 23:
      return `${yyyy}-${mm}-${dd}`;
    case 126:
    case 127:
      return `${yyyy}-${mm}-${dd}T${time}${d.getUTCMilliseconds() ? `.${millis}` : ''}`;
    default:
      throw new Error(
        `${style} is not a valid style number when converting from datetime to a character string.`,
      );
  }
}
