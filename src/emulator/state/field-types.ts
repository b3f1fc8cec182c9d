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

/** Checks one value against its field and returns the stored form. Messages follow SFMC's row errors. */
export function coerceValue(field: FieldDef, raw: unknown): Coerced {
  const name = field.name;
  if (raw === null || raw === undefined || raw === '') {
    if (field.isRequired || field.isPrimaryKey) {
      if (field.defaultValue !== null && field.defaultValue !== '')
        return coerceValue(field, field.defaultValue);
      return {
        ok: false,
        message: `${name}: The value for column [${name}] is required and cannot be empty.`,
      };
    }
    return { ok: true, value: null };
  }
  const bad = (what: string): Coerced => ({
    ok: false,
    message: `${name}: The value for column [${name}] is not a valid ${what}.`,
  });
  switch (field.fieldType) {
    case 'Number': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isInteger(n) || Math.abs(n) > 2147483647) return bad('number');
      return { ok: true, value: n };
    }
    case 'Decimal': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(n)) return bad('decimal');
      const scale = field.scale ?? 0;
      const intDigits = Math.trunc(Math.abs(n)).toString().length;
      if (field.maxLength && intDigits > field.maxLength - scale) return bad('decimal');
      return { ok: true, value: Number(n.toFixed(scale)) };
    }
    case 'Boolean': {
      const s = String(raw).trim().toLowerCase();
      if (['true', '1', 'y', 'yes'].includes(s)) return { ok: true, value: 1 };
      if (['false', '0', 'n', 'no'].includes(s)) return { ok: true, value: 0 };
      return bad('boolean');
    }
    case 'Date': {
      const d = parseDate(raw);
      return d === undefined ? bad('date') : { ok: true, value: d };
    }
    case 'EmailAddress': {
      const s = String(raw).trim();
      if (!EMAIL.test(s) || s.length > (field.maxLength ?? 254)) {
        return {
          ok: false,
          message: `${name}: The value for column [${name}] is not a valid email address. Parse error [InvalidEmailAddress]`,
        };
      }
      return { ok: true, value: s };
    }
    default: {
      const s = String(raw);
      const max = field.maxLength ?? defaultMaxLength(field.fieldType);
      if (max !== null && s.length > max) {
        return {
          ok: false,
          message: `${name}: The value for column [${name}] is too long. The maximum length is ${max}.`,
        };
      }
      return { ok: true, value: s };
    }
  }
}

/** Accepts ISO dates, 'YYYY-MM-DD[ HH:MM:SS]', 'M/D/YYYY [h:mm:ss AM]' and Date objects; stores UTC text. */
export function parseDate(raw: unknown): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : formatDate(raw);
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
