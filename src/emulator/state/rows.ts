import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { coerceValue, type FieldDef } from './field-types.ts';
import { RuleError } from './rule-error.ts';

export interface RowTarget {
  tableName: string;
  label: string;
  fields: FieldDef[];
}

export interface RowResult {
  index: number;
  ok: boolean;
  message?: string;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Validates one row against the fields; returns stored values keyed by the canonical field name. */
export function validateRow(
  fields: FieldDef[],
  row: Record<string, unknown>,
): { values: Record<string, SQLInputValue>; errors: string[] } {
  const byLower = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  const values: Record<string, SQLInputValue> = {};
  const errors: string[] = [];
  const given = new Map<string, unknown>();
  for (const [k, v] of Object.entries(row)) {
    const f = byLower.get(k.toLowerCase());
    if (!f) errors.push(`${k}: The column [${k}] does not exist in the data extension.`);
    else given.set(f.name, v);
  }
  for (const f of fields) {
    const raw = given.has(f.name)
      ? given.get(f.name)
      : f.defaultValue !== null && f.defaultValue !== ''
        ? f.defaultValue
        : undefined;
    const c = coerceValue(f, raw);
    if (!c.ok) errors.push(c.message);
    else if (given.has(f.name) || c.value !== null) values[f.name] = c.value;
  }
  return { values, errors };
}

export function primaryKeyMessage(
  label: string,
  fields: FieldDef[],
  values: Record<string, SQLInputValue>,
): string {
  const pk = fields.filter((f) => f.isPrimaryKey);
  return `Violation of PRIMARY KEY constraint 'PK_${label}'. Cannot insert duplicate key in object '${label}'. The duplicate key value is (${pk.map((f) => String(values[f.name])).join(', ')}).`;
}

/**
 * Writes rows one by one inside one transaction; `mode` insert refuses duplicate keys, upsert replaces
 * the row with the same primary key. Returns a result per row; with `atomic` the first error aborts all.
 */
export function writeRows(
  db: DatabaseSync,
  target: RowTarget,
  rows: Record<string, unknown>[],
  opts: { mode: 'insert' | 'upsert'; atomic: boolean },
): RowResult[] {
  const pk = target.fields.filter((f) => f.isPrimaryKey);
  if (opts.mode === 'upsert' && pk.length === 0) {
    throw new RuleError(10000, `Upsert requires a primary key on data extension ${target.label}.`);
  }
  const results: RowResult[] = [];
  const statements = new Map<string, ReturnType<DatabaseSync['prepare']>>();
  const prepared = (cols: string[]) => {
    const sig = cols.join('\u0000');
    let st = statements.get(sig);
    if (!st) {
      const conflict =
        opts.mode === 'upsert'
          ? ` ON CONFLICT (${pk.map((f) => q(f.name)).join(', ')}) DO UPDATE SET ${
              cols
                .filter((c) => !pk.some((p) => p.name === c))
                .map((c) => `${q(c)} = excluded.${q(c)}`)
                .join(', ') || `${q(cols[0])} = excluded.${q(cols[0])}`
            }`
          : '';
      st = db.prepare(
        `INSERT INTO ${q(target.tableName)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})${conflict}`,
      );
      statements.set(sig, st);
    }
    return st;
  };
  db.exec('SAVEPOINT write_rows');
  try {
    rows.forEach((row, index) => {
      const { values, errors } = validateRow(target.fields, row);
      if (errors.length) {
        results.push({ index, ok: false, message: errors.join(' ') });
        return;
      }
      const cols = Object.keys(values);
      try {
        prepared(cols).run(...cols.map((c) => values[c]));
        results.push({ index, ok: true });
      } catch (e) {
        const msg = /UNIQUE constraint/.test((e as Error).message)
          ? primaryKeyMessage(target.label, target.fields, values)
          : (e as Error).message;
        results.push({ index, ok: false, message: msg });
      }
    });
    if (opts.atomic && results.some((r) => !r.ok)) {
      db.exec('ROLLBACK TO write_rows');
    }
    db.exec('RELEASE write_rows');
  } catch (e) {
    db.exec('ROLLBACK TO write_rows');
    db.exec('RELEASE write_rows');
    throw e;
  }
  return results;
}

/** Reads rows back in SFMC's value forms: dates as text, booleans as true/false. */
export function readRows(
  db: DatabaseSync,
  target: RowTarget,
  where = '',
  params: SQLInputValue[] = [],
): Record<string, unknown>[] {
  const rows = db
    .prepare(`SELECT * FROM ${q(target.tableName)}${where ? ` WHERE ${where}` : ''} ORDER BY rowid`)
    .all(...params) as Record<string, unknown>[];
  const bools = target.fields.filter((f) => f.fieldType === 'Boolean').map((f) => f.name);
  if (!bools.length) return rows.map((r) => ({ ...r }));
  return rows.map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const b of bools) if (out[b] !== null && out[b] !== undefined) out[b] = out[b] === 1;
    return out;
  });
}
