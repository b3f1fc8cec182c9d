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
  const leaf = cond.filter(value, ctx);
  if ('reason' in leaf) return { reason: `${path.join('.')}: ${leaf.reason}` };
  return leaf.values.length > 1
    ? { op: 'OR', children: leaf.values.map((v) => ({ ...leaf, values: [v] })) }
    : leaf;
}

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
    return c.values.length === 0 ? `${head}/>` : `${head}><Value>${cdata(c.values[0])}</Value></Condition>`;
  };
  return `<FilterDefinition Source="DataExtension" SourceID="${SOURCE_PLACEHOLDER}">\n${indent(group(tree, 'Individual Filter Grouping'))}\n</FilterDefinition>`;
}

/**
 * Fills the placeholders: `fieldIds` maps field name (any case) to its DataExtensionField ObjectID;
 * `sourceId` is the source data extension's ObjectID. Throws when an ID is missing.
 */
export function resolveFilterXml(xml: string, fieldIds: Record<string, string>, sourceId?: string): string {
  const lower = new Map(Object.entries(fieldIds).map(([k, v]) => [k.toLowerCase(), v]));
  let out = xml.replace(/\{\{field:([^}]*)\}\}/g, (_m, encoded: string) => {
    const name = decodeURIComponent(encoded);
    const id = lower.get(name.toLowerCase());
    if (!id)
      throw new KitError('NOT_FOUND', `no field ObjectID for "${name}" to resolve the filter definition`);
    return attr(id);
  });
  if (out.includes(SOURCE_PLACEHOLDER)) {
    if (!sourceId)
      throw new KitError('NOT_FOUND', 'no source data extension ObjectID to resolve the filter definition');
    out = out.replaceAll(SOURCE_PLACEHOLDER, attr(sourceId));
  }
  return out;
}
