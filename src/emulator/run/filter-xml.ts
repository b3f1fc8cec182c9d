import type { SQLInputValue } from 'node:sqlite';
import { XMLParser } from 'fast-xml-parser';
import { formatDate } from '../state/field-types.ts';
import type { FieldDef } from '../state/index.ts';

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  cdataPropName: '#cdata',
  isArray: (name) => name === 'Condition' || name === 'ConditionSet',
  preserveOrder: false,
});

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

/**
 * The text of a `<Value>`. A value holding `]]>` is written as two CDATA sections
 * (`<![CDATA[a]]]]><![CDATA[>b]]>`, the standard XML escape: XML 1.0 §2.7), which the parser returns as
 * an array of sections; they are one value, joined in order.
 */
function valueText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'object') return String(v);
  const node = v as Node;
  const part = (x: unknown) => (Array.isArray(x) ? x.map(String).join('') : String(x));
  if (node['#cdata'] !== undefined) return part(node['#cdata']);
  return node['#text'] !== undefined ? part(node['#text']) : '';
}

/**
 * Turns Filter Definition XML (conditions reference fields by ObjectID) into a SQLite WHERE clause with
 * parameters. Values never reach the SQL text.
 */
export function filterXmlToWhere(
  xml: string,
  fields: FieldDef[],
  now: Date,
): { where: string; params: SQLInputValue[] } {
  const doc = parser.parse(xml) as Node;
  const root = doc.FilterDefinition as Node | undefined;
  if (!root) throw new Error('Invalid filter definition XML: no FilterDefinition element');
  const params: SQLInputValue[] = [];
  const sets = (root.ConditionSet as Node[] | undefined) ?? [];
  const where = sets.map((s) => set(s)).join(' AND ') || '1=1';
  return { where, params };

  function set(node: Node): string {
    const op = String(node['@_Operator'] ?? 'AND').toUpperCase() === 'OR' ? ' OR ' : ' AND ';
    const parts = [
      ...((node.Condition as Node[] | undefined) ?? []).map(condition),
      ...((node.ConditionSet as Node[] | undefined) ?? []).map(set),
    ];
    return parts.length ? `(${parts.join(op)})` : '1=1';
  }

  function condition(c: Node): string {
    const id = String(c['@_ID'] ?? '');
    const field = fields.find((f) => f.objectId === id);
    if (!field) throw new Error(`Filter condition references unknown field ${id}`);
    const col = q(field.name);
    const op = String(c['@_Operator']);
    const v = c.Value as Node | string | undefined;
    const raw = valueText(v);
    const value = (): SQLInputValue => {
      if (field.fieldType === 'Boolean') return ['true', '1'].includes(raw.toLowerCase()) ? 1 : 0;
      if (field.fieldType === 'Number' || field.fieldType === 'Decimal') return Number(raw);
      if (field.fieldType === 'Date') return relativeDate(raw, now);
      return raw;
    };
    const bind = () => {
      params.push(value());
      return '?';
    };
    const like = (pattern: string) => {
      params.push(pattern);
      return `${col} LIKE ? ESCAPE '\\'`;
    };
    const esc = raw.replace(/[\\%_]/g, (m) => `\\${m}`);
    switch (op) {
      case 'Equal':
      case 'Is':
        return `${col} = ${bind()}`;
      case 'NotEqual':
        return `(${col} IS NULL OR ${col} <> ${bind()})`;
      case 'GreaterThan':
      case 'After':
        return `${col} > ${bind()}`;
      case 'LessThan':
      case 'Before':
        return `${col} < ${bind()}`;
      case 'AtOrAfter':
      case 'GreaterThanOrEqual':
        return `${col} >= ${bind()}`;
      case 'AtOrBefore':
      case 'LessThanOrEqual':
        return `${col} <= ${bind()}`;
      case 'Contains':
        return like(`%${esc}%`);
      case 'NotContains':
        return `(${col} IS NULL OR NOT ${like(`%${esc}%`)})`;
      case 'BeginsWith':
      case 'Begins':
        return like(`${esc}%`);
      case 'EndsWith':
      case 'Ends':
        return like(`%${esc}`);
      case 'IsEmpty':
      case 'IsNull':
        return `(${col} IS NULL OR ${col} = '')`;
      case 'IsNotEmpty':
      case 'IsNotNull':
        return `(${col} IS NOT NULL AND ${col} <> '')`;
      default:
        throw new Error(`Unsupported filter operator ${op}`);
    }
  }
}

/** `;-;14;days` = now − 14 days (day precision, as the UI offers); otherwise an absolute date. */
function relativeDate(raw: string, now: Date): string {
  const m = /^;([+-]);(\d+);(days?|weeks?|months?|years?)$/i.exec(raw.trim());
  if (!m)
    return formatDate(new Date(raw.includes('T') || raw.includes('Z') ? raw : `${raw.replace(' ', 'T')}Z`));
  const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const unit = m[3].toLowerCase();
  if (unit.startsWith('day')) d.setUTCDate(d.getUTCDate() + n);
  else if (unit.startsWith('week')) d.setUTCDate(d.getUTCDate() + 7 * n);
  else if (unit.startsWith('month')) d.setUTCMonth(d.getUTCMonth() + n);
  else d.setUTCFullYear(d.getUTCFullYear() + n);
  return formatDate(d);
}
