/**
 * Shared shape of "did something at least N times within N days" over a table of events keyed by
 * subscriber: the email data views and event data extensions. Compiles to EXISTS, or a COUNT for N > 1.
 */
import { z } from 'zod';
import type { Finding, Path } from '../../definitions/diagnostics.ts';
import { countSchema, nameSchema, positiveDays } from '../../definitions/schemas/common.ts';
import { column, ident, indent, joinPredicates } from '../sql/escape.ts';
import { DATE, plural, requireFields } from './helpers.ts';
import { withinDays } from './operators.ts';
import type { RuleContext, SqlContext, TableInfo } from './types.ts';

export const activityShape = {
  atLeast: countSchema.default(1).describe('Minimum number of events'),
  withinDays: positiveDays.optional().describe('Only events in the last N days'),
  from: nameSchema
    .optional()
    .describe('Read an archive data extension with the same columns instead of the data view'),
};

export const activityOptions = z.object(activityShape);

export interface ActivityQuery {
  table: string;
  keyField: string;
  dateField: string;
  atLeast: number;
  withinDays?: number;
  /** Extra predicates given the event alias (and a join alias maker). */
  where?: (alias: string) => string[];
  /** INNER JOINs given the event alias; each returns its join line and alias. */
  joins?: (alias: string, ctx: SqlContext) => string[];
  aliasPrefix: string;
}

export function activitySql(q: ActivityQuery, ctx: SqlContext): string {
  const e = ctx.alias(q.aliasPrefix);
  const conditions = [`${column(e, q.keyField)} = ${column(ctx.outer, ctx.audienceKey)}`];
  if (q.withinDays !== undefined) conditions.push(withinDays(column(e, q.dateField), q.withinDays));
  conditions.push(...(q.where?.(e) ?? []));
  const joins = q.joins?.(e, ctx) ?? [];
  const from = [`FROM ${ctx.tableRef(q.table)} AS ${e}`, ...joins].join('\n');
  const where = `WHERE\n${indent(joinPredicates(conditions, 'AND'))}`;
  if (q.atLeast <= 1) return `EXISTS (\n${indent(`SELECT 1\n${from}\n${where}`)}\n)`;
  return `(\n${indent(`SELECT COUNT(*)\n${from}\n${where}`)}\n) >= ${q.atLeast}`;
}

/** Checks the event table and its key/date columns (plus `extra` fields) exist. */
export function checkActivityTable(
  ctx: RuleContext,
  table: string,
  tablePath: Path,
  keyField: string,
  dateField: string,
  extra: { name: string; path: Path }[] = [],
): { findings: Finding[]; table?: TableInfo } {
  const r = requireFields(ctx, table, tablePath, [
    { name: keyField, path: tablePath },
    { name: dateField, path: tablePath, types: DATE },
    ...extra,
  ]);
  return { findings: r.findings, table: r.table };
}

export function countWords(atLeast: number, withinDaysN?: number): string {
  const times = atLeast > 1 ? ` at least ${plural(atLeast, 'time')}` : '';
  const window = withinDaysN ? ` in the last ${plural(withinDaysN, 'day')}` : '';
  return `${times}${window}`;
}
