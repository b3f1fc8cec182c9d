/**
 * The operator table of `attribute` (and every field test). Which field types an operator applies to is
 * not written down twice: it is asked of checkTest, the same check `sfmc-kit validate` runs.
 */
import {
  checkTest,
  OPERATOR_NAMES,
  OPERATORS,
  type OperatorName,
} from '../../src/compiler/conditions/operators.ts';
import { type FieldType, fieldTypeSchema } from '../../src/definitions/schemas/common.ts';
import type { Occurrence } from './examples.ts';
import { toJson, typeLabel } from './field-rows.ts';

const SAMPLE: Record<FieldType, unknown> = {
  Text: 'x',
  EmailAddress: 'a@example.com',
  Phone: '555',
  Locale: 'en-US',
  Number: 1,
  Decimal: 1.5,
  Boolean: true,
  Date: '2024-01-01',
};

/** A value of the right shape for `op` on a field of `type` (only value-typed operators depend on type). */
function sample(op: OperatorName, type: FieldType): unknown {
  const v = SAMPLE[type];
  switch (op) {
    case 'in':
    case 'notIn':
      return [v];
    case 'between':
      return [v, v];
    case 'equals':
    case 'notEquals':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return v;
    case 'contains':
    case 'notContains':
    case 'beginsWith':
    case 'endsWith':
      return 'x';
    case 'isEmpty':
    case 'isNotEmpty':
      return true;
    case 'inLastDays':
    case 'inNextDays':
    case 'olderThanDays':
      return 7;
    case 'anniversary':
      return 'today';
    case 'onDate':
      return '2024-01-01';
  }
}

export function appliesTo(op: OperatorName): FieldType[] {
  return fieldTypeSchema.options.filter(
    (type) => checkTest({ [op]: sample(op, type) }, type, 'field').length === 0,
  );
}

export interface OperatorRow {
  operator: OperatorName;
  value: string;
  appliesTo: FieldType[];
  description: string;
  example?: Occurrence;
}

export function operatorRows(examples: Map<string, Occurrence>): OperatorRow[] {
  return OPERATOR_NAMES.map((op) => {
    const json = toJson(OPERATORS[op]);
    return {
      operator: op,
      value: typeLabel(json),
      appliesTo: appliesTo(op),
      description: json.description ?? '',
      example: examples.get(op),
    };
  });
}

export function operatorTable(rows: OperatorRow[]): string {
  const all = fieldTypeSchema.options.length;
  const lines = ['| Operator | Value | Field types | Meaning | Example |', '|---|---|---|---|---|'];
  for (const r of rows) {
    const types = r.appliesTo.length === all ? 'any' : r.appliesTo.join(', ');
    const example = r.example ? `\`${r.example.snippet.replaceAll('\n', ' ')}\`` : '';
    lines.push(
      `| \`${r.operator}\` | ${r.value.replaceAll('|', '\\|')} | ${types} | ${r.description.replaceAll('|', '\\|')} | ${example.replaceAll('|', '\\|')} |`,
    );
  }
  return lines.join('\n');
}
