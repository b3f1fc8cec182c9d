/**
 * CRM objects synced into data extensions (project `crm:` mapping). The audience key is the Salesforce
 * record Id (Lead Id or Contact Id, as Marketing Cloud Connect keys subscribers); opportunities reach a
 * contact through its AccountId.
 */
import { z } from 'zod';
import type { Finding, Path } from '../../definitions/diagnostics.ts';
import type { FieldType } from '../../definitions/schemas/common.ts';
import { column, ident, indent, joinPredicates } from '../sql/escape.ts';
import { requireFields } from './helpers.ts';
import type { RuleContext, SqlContext, TableInfo } from './types.ts';

export type CrmObject = 'lead' | 'contact' | 'opportunity' | 'account' | 'user';

/** The sync's `deletes: flag` keeps a record deleted in Salesforce with IsDeleted = true (src/sync/run-sync.ts). */
export const DELETED_FLAG = 'IsDeleted';

export const includeDeletedShape = {
  includeDeleted: z
    .boolean()
    .default(false)
    .describe('Also count records deleted in Salesforce (kept with IsDeleted = true by deletes: flag)'),
};

/**
 * `r.IsDeleted` is false or unset, when the synced table has the flag: a record deleted in Salesforce never
 * qualifies a contact unless the rule asks for deleted records.
 */
export function notDeleted(
  ctx: RuleContext,
  object: CrmObject,
  alias: string,
  includeDeleted = false,
): string[] {
  if (includeDeleted) return [];
  const t = ctx.table(crmTable(ctx, object));
  const flag = t && ctx.field(t, DELETED_FLAG);
  if (!flag) return [];
  const col = column(alias, flag.name);
  return [`(${col} IS NULL OR ${col} = 0)`];
}

export function crmTable(ctx: RuleContext, object: CrmObject): string {
  return ctx.project.config.crm[object];
}

export function checkCrm(
  ctx: RuleContext,
  object: CrmObject,
  fields: { name: string; path: Path; types?: FieldType[] }[],
): { findings: Finding[]; table?: TableInfo } {
  const r = requireFields(ctx, crmTable(ctx, object), [], fields);
  return { findings: r.findings, table: r.table };
}

/** Real-cased field name (definitions may differ in case from what a rule writes). */
export function crmField(ctx: RuleContext, object: CrmObject, name: string): string {
  const t = ctx.table(crmTable(ctx, object));
  return (t && ctx.field(t, name)?.name) ?? name;
}

/**
 * A subquery body over opportunities of the contact's account: FROM/JOIN/WHERE with `extra` predicates.
 * Returns the alias of the opportunity row so callers can aggregate over it.
 */
export function opportunityScope(
  ctx: SqlContext,
  extra: (o: string) => string[],
  includeDeleted = false,
): { o: string; body: string } {
  const o = ctx.alias('p');
  const ct = ctx.alias('ct');
  const opp = crmTable(ctx, 'opportunity');
  const contact = crmTable(ctx, 'contact');
  const f = (obj: CrmObject, n: string) => crmField(ctx, obj, n);
  const where = joinPredicates(
    [
      `${column(ct, f('contact', 'Id'))} = ${column(ctx.outer, ctx.audienceKey)}`,
      ...notDeleted(ctx, 'contact', ct, includeDeleted),
      ...notDeleted(ctx, 'opportunity', o, includeDeleted),
      ...extra(o),
    ],
    'AND',
  );
  const body = `FROM ${ctx.tableRef(opp)} AS ${o}\nINNER JOIN ${ctx.tableRef(contact)} AS ${ct} ON ${column(ct, f('contact', 'AccountId'))} = ${column(o, f('opportunity', 'AccountId'))}\nWHERE\n${indent(where)}`;
  return { o, body };
}

/** EXISTS over one CRM record keyed by the audience key (a lead or contact), with `extra` predicates. */
export function recordExists(
  ctx: SqlContext,
  object: 'lead' | 'contact',
  prefix: string,
  extra: (r: string) => string[],
  joins: (r: string) => string[] = () => [],
  includeDeleted = false,
): string {
  const r = ctx.alias(prefix);
  const table = crmTable(ctx, object);
  const where = joinPredicates(
    [
      `${column(r, crmField(ctx, object, 'Id'))} = ${column(ctx.outer, ctx.audienceKey)}`,
      ...notDeleted(ctx, object, r, includeDeleted),
      ...extra(r),
    ],
    'AND',
  );
  const from = [`FROM ${ctx.tableRef(table)} AS ${r}`, ...joins(r)].join('\n');
  return `EXISTS (\n${indent(`SELECT 1\n${from}\nWHERE\n${indent(where)}`)}\n)`;
}
