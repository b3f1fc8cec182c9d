/**
 * Turns the JSON Schema that zod generates (z.toJSONSchema, io: input) into rows an SFMC admin can read:
 * one row per field, nested objects flattened to dotted paths (`schedule.time`, `fields[].name`,
 * `environments.<name>.mid`). Operator keys of field tests collapse into one "one operator" row.
 */
import { z } from 'zod';
import { OPERATOR_NAMES, OPERATORS } from '../../src/compiler/conditions/operators.ts';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  format?: string;
  $ref?: string;
  /** Set by toJson on the value of a field-test operator (see OPERATOR_OF). */
  'x-operator'?: string;
};

export interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  default?: string;
  description: string;
}

/**
 * Operator values are recognised by identity of their zod schema, not by key name: `inLastDays` of
 * lastInteraction or `in` of funnelStage share a name with an operator but are fields of their own.
 */
const OPERATOR_OF = new Map<unknown, string>(Object.entries(OPERATORS).map(([name, s]) => [s, name]));
/** zod writes Number.MAX_SAFE_INTEGER as the maximum of an unbounded integer: not worth showing. */
const NO_MAX = Number.MAX_SAFE_INTEGER;

/** The input-side JSON Schema of a zod schema, operator values marked with `x-operator`. */
export function toJson(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const op = OPERATOR_OF.get(ctx.zodSchema);
      if (op) (ctx.jsonSchema as JsonSchema)['x-operator'] = op;
    },
  }) as JsonSchema;
}

const isOperator = (key: string, s: JsonSchema) => s['x-operator'] === key;

/** Operator keys of an object schema, in the order zod wrote them. */
export function operatorKeys(schema: JsonSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([k, s]) => isOperator(k, s))
    .map(([k]) => k);
}

function isTest(schema: JsonSchema): boolean {
  const props = Object.entries(schema.properties ?? {});
  return props.length > 0 && props.every(([k, s]) => isOperator(k, s));
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: string[]): string {
  const unique = [...new Set(items)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}

const code = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;

function range(s: JsonSchema): string {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
  const max = s.maximum === NO_MAX ? undefined : s.maximum;
  if (min !== undefined && max !== undefined) return ` ${min}–${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return '';
}

const SIMPLE: Record<string, string> = {
  string: 'text',
  number: 'number',
  integer: 'whole number',
  boolean: 'true/false',
  null: 'empty (null)',
};

/**
 * A short type phrase: `text ≤ 36 chars`, `whole number 1–24`, `` `a`, `b` or `c` ``, `list of text`.
 * Objects are spelled out (`{ inDays: … }`) when no sub-rows follow for them; `expanded` is the object
 * that fieldRows lists row by row, shown as plain `object`.
 * no sub-rows follow for them.
 */
export function typeLabel(s: JsonSchema, expanded: JsonSchema | undefined = s): string {
  if (s.$ref) return '[rule](#rules)';
  if (s.const !== undefined) return code(s.const);
  if (s.enum) return orList(s.enum.map(code));
  // Enum variants are spread so a union reads `a`, `b` or { … } rather than nesting two "or"s.
  if (s.anyOf) return orList(s.anyOf.flatMap((v) => (v.enum ? v.enum.map(code) : [typeLabel(v, expanded)])));
  if (Array.isArray(s.type)) return orList(s.type.map((t) => SIMPLE[t] ?? t));
  switch (s.type) {
    case 'string': {
      if (s.format === 'date-time') return 'date-time (ISO 8601)';
      return s.maxLength !== undefined && s.maxLength !== 128 ? `text ≤ ${s.maxLength} chars` : 'text';
    }
    case 'number':
    case 'integer':
      return `${SIMPLE[s.type]}${range(s)}`;
    case 'boolean':
      return 'true/false';
    case 'null':
      return SIMPLE.null;
    case 'array': {
      if (s.prefixItems) return `[${s.prefixItems.map((v) => typeLabel(v, expanded)).join(', ')}]`;
      const item = s.items ? typeLabel(s.items, expanded) : 'any';
      return `list of ${item}${s.minItems && s.minItems > 1 ? ` (at least ${s.minItems})` : ''}`;
    }
    case 'object': {
      if (isTest(s)) return `test: one operator of ${orList(operatorKeys(s).map(code))}`;
      if (s.properties) return s === expanded ? 'object' : inlineObject(s);
      if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        return `map of name → ${typeLabel(s.additionalProperties, expanded)}`;
      }
      return 'object';
    }
  }
  return 'any';
}

/** `{ event: text, keyField?: text }` for objects of up to 3 keys; `object` beyond. */
function inlineObject(s: JsonSchema): string {
  const entries = Object.entries(s.properties ?? {});
  if (entries.length > 3) return 'object';
  const required = new Set(s.required ?? []);
  return `{ ${entries.map(([k, v]) => `${k}${required.has(k) ? '' : '?'}: ${typeLabel(v, undefined)}`).join(', ')} }`;
}

export function defaultLabel(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v === '' ? '`""` (empty)' : code(v);
  return code(v);
}

/** The object variant worth expanding into sub-rows, if any (plain object, list of objects, map of objects). */
function nested(s: JsonSchema): { schema: JsonSchema; suffix: string } | undefined {
  const expandable = (x: JsonSchema) => x.type === 'object' && !!x.properties && !isTest(x);
  if (expandable(s)) return { schema: s, suffix: '.' };
  if (s.type === 'array' && s.items && expandable(s.items)) return { schema: s.items, suffix: '[].' };
  if (s.type === 'object' && !s.properties && typeof s.additionalProperties === 'object') {
    const v = s.additionalProperties;
    if (expandable(v)) return { schema: v, suffix: '.<name>.' };
  }
  if (s.anyOf) {
    for (const v of s.anyOf) {
      const n = nested(v);
      if (n) return n;
    }
  }
  return undefined;
}

/** Every field of an object schema, nested ones after their parent. */
export function fieldRows(schema: JsonSchema, prefix = ''): FieldRow[] {
  const rows: FieldRow[] = [];
  const required = new Set(schema.required ?? []);
  const ops = operatorKeys(schema);
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (isOperator(key, prop)) continue;
    const inner = nested(prop);
    rows.push({
      path: `${prefix}${key}`,
      type: typeLabel(prop, inner?.schema ?? prop),
      required: required.has(key),
      default: defaultLabel(prop.default),
      description: prop.description ?? '',
    });
    if (inner) rows.push(...fieldRows(inner.schema, `${prefix}${key}${inner.suffix}`));
  }
  if (ops.length > 0) {
    rows.push({
      path: `${prefix}<operator>`,
      type: ops.length === OPERATOR_NAMES.length ? 'any [operator](#operators)' : orList(ops.map(code)),
      required: true,
      description: 'Exactly one operator with its value; see [Operators](#operators)',
    });
  }
  return rows;
}

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function fieldTable(rows: FieldRow[]): string {
  const lines = ['| Field | Type | Required | Default | Description |', '|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(
      `| \`${cell(r.path)}\` | ${cell(r.type)} | ${r.required ? 'yes' : 'no'} | ${cell(r.default ?? '')} | ${cell(r.description)} |`,
    );
  }
  return lines.join('\n');
}
