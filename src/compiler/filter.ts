/**
 * Filter Definition XML for segments whose rules fit one data extension filter, with placeholders for the
 * source and field ObjectIDs (known only after deploy) that `resolveFilterXml` fills in.
 * Shape: help "FilterDefinition" and recorded payloads (Accenture/sfmc-devtools DataFilter.js).
 */

import type { SegmentDef } from '../definitions/schemas/segment.ts';
import { KitError } from '../errors/index.ts';
import { conditionKind } from './conditions/registry.ts';
import type { FilterLeaf, RuleContext } from './conditions/types.ts';
import { nodeKind, type RuleNode } from './rules.ts';

/** Indents XML lines, except lines continuing a CDATA value (its newlines are data). */
function indent(text: string): string {
  let inCdata = false;
  return text
    .split('\n')
    .map((line) => {
      const out = inCdata || !line ? line : `  ${line}`;
      const opened = line.lastIndexOf('<![CDATA[');
      const closed = line.lastIndexOf(']]>');
      if (opened > closed) inCdata = true;
      else if (closed > opened) inCdata = false;
      return out;
    })
    .join('\n');
}

export interface FilterGroup {
  op: 'AND' | 'OR';
  children: (FilterGroup | FilterLeaf)[];
}

export type FormChoice =
  { form: 'filter'; reason: string; tree: FilterGroup } | { form: 'query'; reason: string };

export function chooseForm(seg: SegmentDef, ctx: RuleContext): FormChoice {
  const query = (reason: string): FormChoice => ({ form: 'query', reason });
  if (seg.funnel)
    return query(
      'a funnel reads each contact’s previous stage from its own target, which a filter cannot do',
    );
  if (seg.membership === 'additive') {
    return query(
      'additive membership needs Update (add, never remove); a filter activity always overwrites its target',
    );
  }
  if (seg.select)
    return query('`select` copies only some columns; a filtered data extension copies every source column');
  if (typeof seg.target === 'string') {
    return query(
      `the target is the declared data extension ${seg.target}; a filter writes a copy of the audience`,
    );
  }
  const result = toFilter(seg.rules!, ctx, ['rules']);
  if ('reason' in result) return query(`${result.reason}`);
  const tree: FilterGroup = 'op' in result ? result : { op: 'AND', children: [result] };
  return {
    form: 'filter',
    reason: `every rule is an attribute test on ${ctx.audience.name} with an operator Filter Definitions support`,
    tree,
  };
}

function toFilter(
  node: RuleNode,
  ctx: RuleContext,
  path: (string | number)[],
): FilterGroup | FilterLeaf | { reason: string } {
  const { kind, name, value } = nodeKind(node);
  if (kind === 'not') return { reason: `${path.join('.')} uses not:, which has no Filter Definition form` };
  if (kind === 'all' || kind === 'any') {
    const children: (FilterGroup | FilterLeaf)[] = [];
    for (const [i, child] of (value as RuleNode[]).entries()) {
      const r = toFilter(child, ctx, [...path, name, i]);
      if ('reason' in r) return r;
      children.push(r);
    }
    return { op: kind === 'all' ? 'AND' : 'OR', children };
  }
  const cond = conditionKind(name)!;
  if (!cond.filter) {
    return {
      reason: `${path.join('.')} (${name}) reads other tables; a filter tests fields of one data extension only`,
    };
  }
  const raw = cond.filter(value, ctx);
  if ('reason' in raw) return { reason: `${path.join('.')}: ${raw.reason}` };
  const field = ctx.field(ctx.audience, raw.field);
  if (field?.type === 'Date') {
    // No recorded or documented Filter Definition XML shows which operator names SFMC uses for date
    // conditions; a query computes the same audience without guessing them.
    return {
      reason: `${path.join('.')}: a date comparison (${raw.field}) compiles to a query: the operator names SFMC's filter definitions use for dates are unconfirmed`,
    };
  }
  const leaf = { ...raw, operator: SFMC_OPERATOR[raw.operator] ?? raw.operator };
  return leaf.values.length > 1
    ? { op: 'OR', children: leaf.values.map((v) => ({ ...leaf, values: [v] })) }
    : leaf;
}

/**
 * Operator names as SFMC's filter definitions spell them: `Begins` / `Ends` (recorded
 * ../shared/reference/sfmc-recorded/9999999/email/v1/filters/filterdefinition/10ef27dd-…/patch-response.json
 * and get-response.json), not `BeginsWith` / `EndsWith`.
 */
const SFMC_OPERATOR: Record<string, string> = { BeginsWith: 'Begins', EndsWith: 'Ends' };

export const SOURCE_PLACEHOLDER = '{{source}}';
export const fieldPlaceholder = (name: string) => `{{field:${encodeURIComponent(name)}}}`;

const cdata = (v: string) => `<![CDATA[${v.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const attr = (v: string) =>
  v.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function filterXml(tree: FilterGroup): string {
  const group = (g: FilterGroup, name: string): string => {
    const inner = g.children.map((c) => ('op' in c ? group(c, 'Grouping') : condition(c))).join('\n');
    return `<ConditionSet Operator="${g.op}" ConditionSetName="${name}">\n${indent(inner)}\n</ConditionSet>`;
  };
  const condition = (c: FilterLeaf) => {
    const head = `<Condition ID="${attr(fieldPlaceholder(c.field))}" Operator="${c.operator}"`;
    // Every condition carries a Value, empty for IsEmpty / IsNotEmpty, as real payloads do (issue #12.4).
    return c.values.length === 0
      ? `${head}><Value/></Condition>`
      : `${head}><Value>${cdata(c.values[0])}</Value></Condition>`;
  };
  return `<FilterDefinition Source="DataExtension" SourceID="${SOURCE_PLACEHOLDER}">\n${indent(group(tree, 'Individual Filter Grouping'))}\n</FilterDefinition>`;
}

/** Placeholders live only in the ID / SourceID attributes; values (CDATA) are never rewritten (issue #13.6). */
const FIELD_ATTR = /(<Condition\s[^>]*?\bID=")\{\{field:([^}"]*)\}\}(")/g;
const SOURCE_ATTR = /(\bSourceID=")\{\{source\}\}(")/g;

/** Applies `fn` to the markup only: CDATA sections (user values) pass through untouched. */
function outsideCdata(xml: string, fn: (markup: string) => string): string {
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, i) => (i % 2 === 1 ? part : fn(part)))
    .join('');
}

/** The field names the XML's conditions reference by placeholder (decoded). */
export function filterXmlFields(xml: string): string[] {
  const names: string[] = [];
  outsideCdata(xml, (markup) => {
    for (const m of markup.matchAll(FIELD_ATTR)) names.push(decodeURIComponent(m[2]));
    return markup;
  });
  return names;
}

/** Canonical form for comparison: placeholder field names lower-cased (SFMC names are case-insensitive). */
export function canonicalFieldPlaceholders(xml: string): string {
  return outsideCdata(xml, (markup) =>
    markup.replace(
      FIELD_ATTR,
      (_m, a: string, n: string, b: string) => `${a}{{field:${n.toLowerCase()}}}${b}`,
    ),
  );
}

/**
 * Fills the placeholders: `fieldIds` maps field name (any case) to its DataExtensionField ObjectID;
 * `sourceId` is the source data extension's ObjectID. Throws when an ID is missing.
 */
export function resolveFilterXml(xml: string, fieldIds: Record<string, string>, sourceId?: string): string {
  const lower = new Map(Object.entries(fieldIds).map(([k, v]) => [k.toLowerCase(), v]));
  const out = outsideCdata(xml, (markup) =>
    markup
      .replace(FIELD_ATTR, (_m, a: string, encoded: string, b: string) => {
        const name = decodeURIComponent(encoded);
        const id = lower.get(name.toLowerCase());
        if (!id)
          throw new KitError('NOT_FOUND', `no field ObjectID for "${name}" to resolve the filter definition`);
        return `${a}${attr(id)}${b}`;
      })
      .replace(SOURCE_ATTR, (_m, a: string, b: string) => {
        if (!sourceId)
          throw new KitError(
            'NOT_FOUND',
            'no source data extension ObjectID to resolve the filter definition',
          );
        return `${a}${attr(sourceId)}${b}`;
      }),
  );
  return out;
}
