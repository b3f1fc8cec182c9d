import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { type FieldDef, INVALID, invalidMessage, storedValue } from './field-types.ts';
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

/** A row checked against its fields: the stored values in field order and the SFMC row errors. */
export interface CheckedRow {
  /** One entry per field; undefined = the column is left out of the write (not given, no default). */
  values: Array<SQLInputValue | undefined>;
  /** Which columns are left out, as a cache key ('' = none). */
  omitted: string;
  /** Undefined when the row is valid. */
  errors?: string[];
}

/**
 * Builds the per-row check for one set of fields. The lookups are built once per batch, not per row:
 * the write path checks every row of 5,000-row batches.
 */
export function createRowValidator(fields: FieldDef[]): (row: Record<string, unknown>) => CheckedRow {
  const byLower = new Map(fields.map((f, i) => [f.name.toLowerCase(), i]));
  // Row keys repeat across a batch; remember each key's field index (-1 = no such column).
  const keyIndex = new Map<string, number>();
  const indexOf = (key: string): number => {
    let i = keyIndex.get(key);
    if (i === undefined) {
      i = byLower.get(key.toLowerCase()) ?? -1;
      keyIndex.set(key, i);
    }
    return i;
  };
  const fallbacks = fields.map((f) =>
    f.defaultValue !== null && f.defaultValue !== '' ? f.defaultValue : undefined,
  );
  const given: unknown[] = new Array(fields.length);
  // given[i] is this row's value only when seen[i] is this row's number, so no reset between rows.
  const seen = new Float64Array(fields.length).fill(-1);
  let rowNo = 0;
  return (row) => {
    rowNo += 1;
    let errors: string[] | undefined;
    for (const k of Object.keys(row)) {
      const i = indexOf(k);
      if (i < 0) (errors ??= []).push(`${k}: The column [${k}] does not exist in the data extension.`);
      else {
        given[i] = row[k];
        seen[i] = rowNo;
      }
    }
    const values: Array<SQLInputValue | undefined> = new Array(fields.length);
    let omitted = '';
    for (let i = 0; i < fields.length; i++) {
      const isGiven = seen[i] === rowNo;
      const raw = isGiven ? given[i] : fallbacks[i];
      const v = storedValue(fields[i], raw);
      if (v === INVALID) (errors ??= []).push(invalidMessage(fields[i], raw));
      else if (isGiven || v !== null) values[i] = v;
      else omitted += `${i},`;
    }
    return { values, omitted, errors };
  };
}

function valuesByName(
  fields: FieldDef[],
  values: Array<SQLInputValue | undefined>,
): Record<string, SQLInputValue> {
  const out: Record<string, SQLInputValue> = {};
  fields.forEach((f, i) => {
    const v = values[i];
    if (v !== undefined) out[f.name] = v;
  });
  return out;
}

export function primaryKeyMessage(
  label: string,
  fields: FieldDef[],
  values: Record<string, SQLInputValue>,
): string {
  const pk = fields.filter((f) => f.isPrimaryKey);
  return `Violation of PRIMARY KEY constraint 'PK_${label}'. Cannot insert duplicate key in object '${label}'. The duplicate key value is (${pk.map((f) => String(values[f.name])).join(', ')}).`;
}

/** A checked row waiting to be written, and the result it will report. */
interface PendingRow {
  values: Array<SQLInputValue | undefined>;
  result: RowResult;
}

// Several rows per INSERT cut SQLite's per-statement cost roughly in half; 999 is SQLite's classic
// bound on parameters per statement.
const MAX_ROWS_PER_STATEMENT = 32;
const MAX_PARAMETERS = 999;

/** INSERT (or upsert) statements for one target, cached by the columns written and the rows per call. */
function createInserter(
  db: DatabaseSync,
  target: RowTarget,
  mode: 'insert' | 'upsert',
): (columns: number[], omitted: string, rowCount: number) => StatementSync {
  const pk = target.fields.filter((f) => f.isPrimaryKey);
  const statements = new Map<string, StatementSync>();
  return (columns, omitted, rowCount) => {
    const sig = `${omitted}|${rowCount}`;
    let st = statements.get(sig);
    if (!st) {
      const cols = columns.map((i) => target.fields[i].name);
      const conflict =
        mode === 'upsert'
          ? ` ON CONFLICT (${pk.map((f) => q(f.name)).join(', ')}) DO UPDATE SET ${
              cols
                .filter((c) => !pk.some((p) => p.name === c))
                .map((c) => `${q(c)} = excluded.${q(c)}`)
                .join(', ') || `${q(cols[0])} = excluded.${q(cols[0])}`
            }`
          : '';
      const tuple = `(${cols.map(() => '?').join(', ')})`;
      st = db.prepare(
        `INSERT INTO ${q(target.tableName)} (${cols.map(q).join(', ')}) VALUES ${Array(rowCount).fill(tuple).join(', ')}${conflict}`,
      );
      statements.set(sig, st);
    }
    return st;
  };
}

/**
 * Writes rows inside one transaction; `mode` insert refuses duplicate keys, upsert replaces the row
 * with the same primary key. Returns a result per row; with `atomic` the first error aborts all.
 * Consecutive valid rows with the same columns go in multi-row INSERTs; a statement that fails is
 * rolled back by SQLite on its own and its rows are replayed one by one, so every row still gets
 * exactly the result (and message) it would get written alone, in order.
 */
export function writeRows(
  db: DatabaseSync,
  target: RowTarget,
  rows: Record<string, unknown>[],
  opts: { mode: 'insert' | 'upsert'; atomic: boolean },
): RowResult[] {
  const { fields } = target;
  if (opts.mode === 'upsert' && !fields.some((f) => f.isPrimaryKey)) {
    throw new RuleError(10000, `Upsert requires a primary key on data extension ${target.label}.`);
  }
  const check = createRowValidator(fields);
  const statement = createInserter(db, target, opts.mode);
  const results: RowResult[] = [];
  let group: PendingRow[] = [];
  let groupOmitted = '';
  let groupColumns: number[] = [];
  let groupMax = 1;

  const writeOne = (p: PendingRow) => {
    try {
      statement(groupColumns, groupOmitted, 1).run(...groupColumns.map((i) => p.values[i]!));
    } catch (e) {
      p.result.ok = false;
      p.result.message = /UNIQUE constraint/.test((e as Error).message)
        ? primaryKeyMessage(target.label, fields, valuesByName(fields, p.values))
        : (e as Error).message;
    }
  };
  const flush = () => {
    if (group.length > 1) {
      const args: SQLInputValue[] = [];
      for (const p of group) for (const i of groupColumns) args.push(p.values[i]!);
      try {
        statement(groupColumns, groupOmitted, group.length).run(...args);
        group = [];
        return;
      } catch {
        // Replayed below, one row at a time, for per-row results.
      }
    }
    for (const p of group) writeOne(p);
    group = [];
  };

  db.exec('SAVEPOINT write_rows');
  try {
    rows.forEach((row, index) => {
      const checked = check(row);
      if (checked.errors) {
        results.push({ index, ok: false, message: checked.errors.join(' ') });
        return;
      }
      const result: RowResult = { index, ok: true };
      results.push(result);
      if (group.length && (checked.omitted !== groupOmitted || group.length >= groupMax)) flush();
      if (!group.length) {
        groupOmitted = checked.omitted;
        groupColumns = presentColumns(checked.values);
        groupMax = Math.max(
          1,
          Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / Math.max(1, groupColumns.length))),
        );
      }
      group.push({ values: checked.values, result });
    });
    flush();
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

function presentColumns(values: Array<SQLInputValue | undefined>): number[] {
  const cols: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== undefined) cols.push(i);
  return cols;
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
