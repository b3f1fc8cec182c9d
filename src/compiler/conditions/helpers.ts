/** Reference checks shared by condition kinds: a table exists, fields exist and have the expected type. */
import type { Finding, Path } from '../../definitions/diagnostics.ts';
import type { FieldType } from '../../definitions/schemas/common.ts';
import type { RuleContext, TableField, TableInfo } from './types.ts';

export function unknownTable(ctx: RuleContext, name: string, path: Path): Finding {
  const de = ctx.project.dataExtensions.map((d) => d.name);
  return {
    severity: 'error',
    code: 'unknown-data-extension',
    message: `unknown data extension or data view "${name}"; expected one of: ${[...de].sort().join(', ')}, or a data view such as _Click`,
    path,
  };
}

export function unknownField(table: TableInfo, name: string, path: Path): Finding {
  const names = table.fields.map((f) => f.name);
  const near = names.find((n) => n.toLowerCase().startsWith(name.toLowerCase().slice(0, 3)));
  return {
    severity: 'error',
    code: 'unknown-field',
    message: `${table.name} has no field "${name}"${near ? ` (did you mean ${near}?)` : ''}; expected one of: ${names.join(', ')}`,
    path,
  };
}

/** Resolves a table and the named fields; returns findings for whatever is missing or of the wrong type. */
export function requireFields(
  ctx: RuleContext,
  tableName: string,
  tablePath: Path,
  fields: { name: string; path: Path; types?: FieldType[] }[],
): { table?: TableInfo; fields: Map<string, TableField>; findings: Finding[] } {
  const findings: Finding[] = [];
  const found = new Map<string, TableField>();
  const table = ctx.table(tableName);
  if (!table) return { fields: found, findings: [unknownTable(ctx, tableName, tablePath)] };
  for (const f of fields) {
    const field = ctx.field(table, f.name);
    if (!field) {
      findings.push(unknownField(table, f.name, f.path));
      continue;
    }
    if (f.types && !f.types.includes(field.type)) {
      findings.push({
        severity: 'error',
        code: 'field-type',
        message: `${table.name}.${field.name} is ${field.type}; expected ${f.types.join(' or ')}`,
        path: f.path,
      });
    }
    found.set(f.name, field);
  }
  return { table, fields: found, findings };
}

export const DATE: FieldType[] = ['Date'];
export const NUMERIC: FieldType[] = ['Number', 'Decimal'];
export const TEXTUAL: FieldType[] = ['Text', 'EmailAddress', 'Phone', 'Locale'];

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
