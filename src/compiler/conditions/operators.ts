/**
 * Field tests shared by every condition that compares a column: `attribute`, the `where` of `event`,
 * URL / link-name matches of email conditions and CRM picklists. One operator per test.
 */
import { z } from 'zod';
import type { Finding } from '../../definitions/diagnostics.ts';
import { type FieldType, nameSchema, positiveDays, scalarSchema } from '../../definitions/schemas/common.ts';
import { joinPredicates, like, literal, paren } from '../sql/escape.ts';
import { windows } from '../windows.ts';

const textValues = z.union([z.string(), z.array(z.string()).min(1)], {
  error: 'expected a text or a list of texts',
});
const orderable = z.union([z.number(), z.string()], { error: 'expected a number or a date' });
const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: 'expected a real calendar date' });

export const OPERATORS = {
  equals: scalarSchema.describe('Is exactly this value (true/false for Boolean fields)'),
  notEquals: scalarSchema.describe('Is not this value; empty fields match too'),
  in: z
    .array(scalarSchema)
    .min(1, { error: 'expected at least one value' })
    .describe('Is one of these values'),
  notIn: z
    .array(scalarSchema)
    .min(1, { error: 'expected at least one value' })
    .describe('Is none of these values; empty fields match too'),
  contains: textValues.describe('Contains the text (any of them, for a list)'),
  notContains: textValues.describe('Contains none of the texts; empty fields match too'),
  beginsWith: textValues.describe('Begins with the text (any of them, for a list)'),
  endsWith: textValues.describe('Ends with the text (any of them, for a list)'),
  gt: orderable.describe('Greater than (later than, for dates)'),
  gte: orderable.describe('Greater than or equal to (on or after, for dates)'),
  lt: orderable.describe('Less than (earlier than, for dates)'),
  lte: orderable.describe('Less than or equal to (on or before, for dates)'),
  between: z
    .tuple([orderable, orderable], { error: 'expected [from, to]' })
    .describe('From the first value to the second, both included'),
  isEmpty: z.literal(true, { error: 'expected isEmpty: true' }).describe('Has no value (or empty text)'),
  isNotEmpty: z
    .literal(true, { error: 'expected isNotEmpty: true' })
    .describe('Has a value (not empty text)'),
  inLastDays: positiveDays.describe('Falls in the last N days, today included'),
  inNextDays: positiveDays.describe('Falls in the next N days, today included'),
  olderThanDays: positiveDays.describe('Is more than N days ago'),
  anniversary: z
    .union([z.enum(['today', 'tomorrow']), z.object({ inDays: z.number().int().min(0).max(366) }).strict()], {
      error: 'expected today, tomorrow or { inDays: N }',
    })
    .describe('Same month and day as today, tomorrow or N days from now, any year (birthdays)'),
  onDate: dateString.describe('Falls on this calendar day (YYYY-MM-DD)'),
} as const;

export type OperatorName = keyof typeof OPERATORS;
export const OPERATOR_NAMES = Object.keys(OPERATORS) as OperatorName[];

type OperatorValues = { [K in OperatorName]?: z.infer<(typeof OPERATORS)[K]> };

const TEXT_OPS: OperatorName[] = ['contains', 'notContains', 'beginsWith', 'endsWith'];
const DATE_OPS: OperatorName[] = ['inLastDays', 'inNextDays', 'olderThanDays', 'anniversary', 'onDate'];
const ORDER_OPS: OperatorName[] = ['gt', 'gte', 'lt', 'lte', 'between'];
const TEXT_TYPES: FieldType[] = ['Text', 'EmailAddress', 'Phone', 'Locale'];

/** Builds a strict object schema: `extra` keys plus the allowed operators, exactly one operator present. */
export function testSchema<S extends z.ZodRawShape>(extra: S, allowed: OperatorName[] = OPERATOR_NAMES) {
  const ops = Object.fromEntries(allowed.map((op) => [op, OPERATORS[op].optional()]));
  return z
    .object({ ...extra, ...ops } as unknown as S & {
      [K in OperatorName]: z.ZodOptional<(typeof OPERATORS)[K]>;
    })
    .strict()
    .superRefine((value, ctx) => {
      const present = allowed.filter((op) => (value as Record<string, unknown>)[op] !== undefined);
      if (present.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message:
            present.length === 0
              ? `expected one operator: ${allowed.join(', ')}`
              : `expected exactly one operator, found ${present.join(' and ')}`,
        });
      }
    });
}

export const fieldTestSchema = testSchema({ field: nameSchema.describe('Field name') });
export type FieldTest = z.infer<typeof fieldTestSchema>;

export const TEXT_MATCH_OPS: OperatorName[] = ['equals', 'in', 'contains', 'beginsWith', 'endsWith'];
export const textMatchSchema = testSchema({}, TEXT_MATCH_OPS);
export type TextMatch = z.infer<typeof textMatchSchema>;

export function operatorOf(test: OperatorValues): OperatorName {
  return OPERATOR_NAMES.find((op) => test[op] !== undefined)!;
}

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

function isDateLike(v: unknown): boolean {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(v);
}

/** Type checks of operator against field type and of values against the field. */
export function checkTest(test: OperatorValues, type: FieldType, field: string): Finding[] {
  const op = operatorOf(test);
  const at = [op];
  const bad = (message: string): Finding[] => [
    { severity: 'error', code: 'operator-type', message, path: at },
  ];
  if (TEXT_OPS.includes(op) && !TEXT_TYPES.includes(type)) {
    return bad(`${op} needs a text field; ${field} is ${type}`);
  }
  if (DATE_OPS.includes(op) && type !== 'Date') return bad(`${op} needs a Date field; ${field} is ${type}`);
  if (ORDER_OPS.includes(op) && !['Number', 'Decimal', 'Date'].includes(type)) {
    return bad(`${op} needs a Number, Decimal or Date field; ${field} is ${type}`);
  }
  const values: unknown[] =
    op === 'between' || op === 'in' || op === 'notIn'
      ? (test[op] as unknown[])
      : ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte'].includes(op)
        ? [test[op]]
        : [];
  for (const v of values) {
    if ((type === 'Number' || type === 'Decimal') && typeof v !== 'number') {
      return bad(`${field} is ${type}; expected a number, got ${JSON.stringify(v)}`);
    }
    if (type === 'Number' && typeof v === 'number' && !Number.isInteger(v)) {
      return bad(`${field} is Number (whole numbers); expected a whole number, got ${v}`);
    }
    if (type === 'Boolean' && typeof v !== 'boolean') {
      return bad(`${field} is Boolean; expected true or false, got ${JSON.stringify(v)}`);
    }
    if (type === 'Date' && !isDateLike(v)) {
      return bad(`${field} is Date; expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got ${JSON.stringify(v)}`);
    }
    if (TEXT_TYPES.includes(type) && typeof v !== 'string') {
      return bad(`${field} is ${type}; expected a text value (quote it), got ${JSON.stringify(v)}`);
    }
  }
  if (type === 'Boolean' && !['equals', 'notEquals', 'isEmpty', 'isNotEmpty'].includes(op)) {
    return bad(`${op} does not apply to Boolean ${field}; use equals: true/false`);
  }
  return [];
}

function anniversaryOffset(v: NonNullable<OperatorValues['anniversary']>): number {
  return v === 'today' ? 0 : v === 'tomorrow' ? 1 : v.inDays;
}

/** The SQL predicate of one test over `col` (an already-qualified column). */
export function compileTest(col: string, type: FieldType, test: OperatorValues): string {
  const op = operatorOf(test);
  const textual = TEXT_TYPES.includes(type);
  const v = test[op] as never;
  const anyOf = (values: string[], before: '%' | '', after: '%' | '') => {
    const parts = values.map((s) => like(col, before, s, after));
    return parts.length === 1 ? parts[0] : paren(joinPredicates(parts, 'OR'));
  };
  switch (op) {
    case 'equals':
      return `${col} = ${literal(v)}`;
    case 'notEquals':
      return `(${col} <> ${literal(v)} OR ${col} IS NULL)`;
    case 'in':
      return `${col} IN (${(v as unknown as string[]).map((x) => literal(x)).join(', ')})`;
    case 'notIn':
      return `(${col} NOT IN (${(v as unknown as string[]).map((x) => literal(x)).join(', ')}) OR ${col} IS NULL)`;
    case 'contains':
      return anyOf(list(v as string | string[]), '%', '%');
    case 'beginsWith':
      return anyOf(list(v as string | string[]), '', '%');
    case 'endsWith':
      return anyOf(list(v as string | string[]), '%', '');
    case 'notContains': {
      const values = list(v as string | string[]);
      // NULL contains nothing, so it passes "does not contain".
      if (values.length === 1) return `(${col} IS NULL OR ${like(col, '%', values[0], '%', true)})`;
      return `(${col} IS NULL OR (${values.map((s) => like(col, '%', s, '%', true)).join(' AND ')}))`;
    }
    case 'gt':
      // A date-only bound on a Date (date-time) field is a whole day: "after June 30" starts July 1.
      return isDay(type, v) ? `${col} >= ${literal(nextDay(v))}` : `${col} > ${literal(v)}`;
    case 'gte':
      return `${col} >= ${literal(v)}`;
    case 'lt':
      return `${col} < ${literal(v)}`;
    case 'lte':
      // "On or before June 30" includes all of June 30: half-open, before July 1.
      return isDay(type, v) ? `${col} < ${literal(nextDay(v))}` : `${col} <= ${literal(v)}`;
    case 'between': {
      const [from, to] = v as unknown as [string | number, string | number];
      if (isDay(type, to)) return `(${col} >= ${literal(from)} AND ${col} < ${literal(nextDay(to))})`;
      return `(${col} BETWEEN ${literal(from)} AND ${literal(to)})`;
    }
    case 'isEmpty':
      return textual ? `(${col} IS NULL OR ${col} = '')` : `${col} IS NULL`;
    case 'isNotEmpty':
      return textual ? `(${col} IS NOT NULL AND ${col} <> '')` : `${col} IS NOT NULL`;
    case 'inLastDays':
      return windows.inLastDays(col, v);
    case 'inNextDays':
      return windows.inNextDays(col, v);
    case 'olderThanDays':
      return windows.olderThanDays(col, v);
    case 'anniversary': {
      const n = anniversaryOffset(v);
      const day = n === 0 ? 'GETDATE()' : `DATEADD(DAY, ${n}, GETDATE())`;
      return `(MONTH(${col}) = MONTH(${day}) AND DAY(${col}) = DAY(${day}))`;
    }
    case 'onDate':
      // A half-open range rather than CAST(col AS DATE): the same day, and an index on col still serves it.
      return `(${col} >= ${literal(v)} AND ${col} < ${literal(nextDay(v as string))})`;
  }
}

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date-only value (YYYY-MM-DD) compared with a Date field, which holds a date and a time in SFMC. */
function isDay(type: FieldType, v: unknown): v is string {
  return type === 'Date' && typeof v === 'string' && DAY_ONLY.test(v);
}

/** The calendar day after a YYYY-MM-DD date (month and year ends, Feb 29 included). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A window predicate over an event date column: within the last N days (24 h each). */
export function withinDays(col: string, days: number): string {
  return windows.withinDays(col, days);
}

const WORDS: Record<OperatorName, string> = {
  equals: 'is',
  notEquals: 'is not',
  in: 'is one of',
  notIn: 'is none of',
  contains: 'contains',
  notContains: 'does not contain',
  beginsWith: 'begins with',
  endsWith: 'ends with',
  gt: 'is greater than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  between: 'is between',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  inLastDays: 'is in the last',
  inNextDays: 'is in the next',
  olderThanDays: 'is more than',
  anniversary: 'has its anniversary',
  onDate: 'is on',
};

export function describeTest(label: string, test: OperatorValues): string {
  const op = operatorOf(test);
  const v = test[op] as unknown;
  const show = (x: unknown) =>
    Array.isArray(x) ? x.map((y) => JSON.stringify(y)).join(' or ') : JSON.stringify(x);
  switch (op) {
    case 'isEmpty':
    case 'isNotEmpty':
      return `${label} ${WORDS[op]}`;
    case 'between': {
      const [a, b] = v as [unknown, unknown];
      return `${label} is between ${JSON.stringify(a)} and ${JSON.stringify(b)}`;
    }
    case 'inLastDays':
    case 'inNextDays':
      return `${label} ${WORDS[op]} ${v} days`;
    case 'olderThanDays':
      return `${label} is more than ${v} days ago`;
    case 'anniversary':
      return `${label} has its anniversary ${typeof v === 'string' ? v : `in ${(v as { inDays: number }).inDays} days`}`;
    default:
      return `${label} ${WORDS[op]} ${show(v)}`;
  }
}

/** Filter Definition operator for a test, or why there is none. */
export function filterOperator(
  test: OperatorValues,
  type: FieldType,
): { operator: string; values: string[] } | { reason: string } {
  const op = operatorOf(test);
  const v = test[op] as unknown;
  const str = (x: unknown) => (typeof x === 'boolean' ? (x ? 'true' : 'false') : String(x));
  const simple: Partial<Record<OperatorName, string>> = {
    equals: type === 'Boolean' ? 'Is' : 'Equal',
    notEquals: 'NotEqual',
    gt: 'GreaterThan',
    lt: 'LessThan',
    contains: 'Contains',
    notContains: 'NotContains',
    beginsWith: 'BeginsWith',
    endsWith: 'EndsWith',
  };
  if (op === 'gt' && isDay(type, v))
    return {
      reason: 'a date-only gt on a Date field means from the next day on, which the query states exactly',
    };
  if (op === 'in') return { operator: 'Equal', values: (v as unknown[]).map(str) };
  if (op === 'isEmpty') return { operator: 'IsEmpty', values: [] };
  if (op === 'isNotEmpty') return { operator: 'IsNotEmpty', values: [] };
  const mapped = simple[op];
  if (!mapped) return { reason: `operator ${op} has no Filter Definition equivalent` };
  if (Array.isArray(v)) {
    if (op === 'notContains') return { reason: 'notContains with several values needs AND of negations' };
    return { operator: mapped, values: v.map(str) };
  }
  return { operator: mapped, values: [str(v)] };
}
