/** SFMC data extension field types and how a value of each is checked and stored in SQLite. */
export const FIELD_TYPES = [
  'Text',
  'Number',
  'Date',
  'Boolean',
  'EmailAddress',
  'Phone',
  'Decimal',
  'Locale',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldDef {
  objectId: string;
  name: string;
  fieldType: FieldType;
  maxLength: number | null;
  scale: number;
  isRequired: boolean;
  isPrimaryKey: boolean;
  defaultValue: string | null;
  ordinal: number;
}

export function sqliteType(type: FieldType): string {
  if (type === 'Number' || type === 'Boolean') return 'INTEGER';
  if (type === 'Decimal') return 'REAL';
  if (type === 'Date') return 'TEXT';
  return 'TEXT COLLATE NOCASE';
}

export function defaultMaxLength(type: FieldType): number | null {
  if (type === 'Text') return 50;
  if (type === 'EmailAddress') return 254;
  if (type === 'Phone') return 50;
  if (type === 'Locale') return 5;
  if (type === 'Decimal') return 18;
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Coerced = { ok: true; value: string | number | null } | { ok: false; message: string };

/** What `storedValue` returns for a value its field refuses; `invalidMessage` says why. */
export const INVALID: unique symbol = Symbol('invalid');
export type Stored = string | number | null | typeof INVALID;

const isEmpty = (raw: unknown) => raw === null || raw === undefined || raw === '';
const hasDefault = (field: FieldDef) => field.defaultValue !== null && field.defaultValue !== '';

/** Checks one value against its field and returns the stored form. Messages follow SFMC's row errors. */
export function coerceValue(field: FieldDef, raw: unknown): Coerced {
  const value = storedValue(field, raw);
  return value === INVALID ? { ok: false, message: invalidMessage(field, raw) } : { ok: true, value };
}

/**
 * The stored form of one value, or INVALID. Returns no result object because the row write loop calls
 * it for every cell; `coerceValue` wraps it and adds the message.
 */
export function storedValue(field: FieldDef, raw: unknown): Stored {
  if (isEmpty(raw)) {
    if (!field.isRequired && !field.isPrimaryKey) return null;
    return hasDefault(field) ? storedValue(field, field.defaultValue) : INVALID;
  }
  switch (field.fieldType) {
    case 'Number': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      return !Number.isInteger(n) || Math.abs(n) > 2147483647 ? INVALID : n;
    }
    case 'Decimal':
      return decimalValue(field, raw);
    case 'Boolean':
      return booleanValue(raw);
    case 'Date':
      return parseDate(raw) ?? INVALID;
    case 'EmailAddress': {
      const s = String(raw).trim();
      return !EMAIL.test(s) || s.length > (field.maxLength ?? 254) ? INVALID : s;
    }
    default: {
      const s = typeof raw === 'string' ? raw : String(raw);
      const max = field.maxLength ?? defaultMaxLength(field.fieldType);
      return max !== null && s.length > max ? INVALID : s;
    }
  }
}

/** SFMC's row error for a value `storedValue` refused. */
export function invalidMessage(field: FieldDef, raw: unknown): string {
  const name = field.name;
  if (isEmpty(raw)) {
    if (hasDefault(field)) return invalidMessage(field, field.defaultValue);
    return `${name}: The value for column [${name}] is required and cannot be empty.`;
  }
  const bad = (what: string) => `${name}: The value for column [${name}] is not a valid ${what}.`;
  switch (field.fieldType) {
    case 'Number':
      return bad('number');
    case 'Decimal':
      return bad('decimal');
    case 'Boolean':
      return bad('boolean');
    case 'Date':
      return bad('date');
    case 'EmailAddress':
      return `${name}: The value for column [${name}] is not a valid email address. Parse error [InvalidEmailAddress]`;
    default:
      return `${name}: The value for column [${name}] is too long. The maximum length is ${field.maxLength ?? defaultMaxLength(field.fieldType)}.`;
  }
}

function decimalValue(field: FieldDef, raw: unknown): Stored {
  const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isFinite(n)) return INVALID;
  const scale = field.scale ?? 0;
  const intDigits = Math.trunc(Math.abs(n)).toString().length;
  if (field.maxLength && intDigits > field.maxLength - scale) return INVALID;
  // A safe integer already has its rounded form, so skip toFixed's string round trip; -0 (stored as 0)
  // and scales toFixed refuses still take it.
  if (Number.isSafeInteger(n) && !Object.is(n, -0) && Number.isInteger(scale) && scale >= 0 && scale <= 100)
    return n;
  return Number(n.toFixed(scale));
}

function booleanValue(raw: unknown): Stored {
  if (raw === true) return 1;
  if (raw === false) return 0;
  const s = String(raw).trim().toLowerCase();
  if (s === 'true' || s === '1' || s === 'y' || s === 'yes') return 1;
  if (s === 'false' || s === '0' || s === 'n' || s === 'no') return 0;
  return INVALID;
}

// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS[.sss]` and `YYYY-MM-DDTHH:MM:SS[.sss][Z]`: the forms syncs send.
const CANONICAL_DATE =
  /^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2}(?:\.\d{3})?|T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The decimal number in s[from, from + length), which the caller has checked is all digits. */
function digits(s: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/**
 * The stored text for a value already in a canonical form naming a real calendar instant, without going
 * through Date; undefined sends it to the general parser (which also rolls Feb 30 over to Mar 2, etc.).
 */
function canonicalDate(s: string): string | undefined {
  if (!CANONICAL_DATE.test(s)) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0)) return undefined;
  // A bare date goes through V8's legacy parser, which reads years below 100 as 19xx/20xx.
  if (s.length === 10) return year >= 100 ? `${s} 00:00:00` : undefined;
  if (digits(s, 11, 2) > 23 || digits(s, 14, 2) > 59 || digits(s, 17, 2) > 59) return undefined;
  if (s.length === 19 && s[10] === ' ') return s;
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

/** Accepts ISO dates, 'YYYY-MM-DD[ HH:MM:SS]', 'M/D/YYYY [h:mm:ss AM]' and Date objects; stores UTC text. */
export function parseDate(raw: unknown): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : formatDate(raw);
  if (typeof raw === 'string') {
    const fast = canonicalDate(raw);
    if (fast !== undefined) return fast;
  }
  const s = String(raw).trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i.exec(s);
  if (us) {
    let hour = Number(us[4] ?? 0);
    if (us[7]?.toUpperCase() === 'PM' && hour < 12) hour += 12;
    if (us[7]?.toUpperCase() === 'AM' && hour === 12) hour = 0;
    const d = new Date(
      Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2]), hour, Number(us[5] ?? 0), Number(us[6] ?? 0)),
    );
    return formatDate(d);
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(s);
  const d = new Date(hasZone ? s : `${s.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? undefined : formatDate(d);
}

export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
