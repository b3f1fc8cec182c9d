import type { SQLInputValue } from 'node:sqlite';
import { translateQuery } from '../sql/index.ts';
import type { DataExtension, EmulatorState } from '../state/index.ts';
import { RuleError } from '../state/index.ts';

export interface QueryData {
  queryText: string;
  targetKey: string;
  targetUpdateTypeId: number;
  description: string;
  categoryId: number;
  createdDate: string;
  modifiedDate: string;
  lastRun?: { at: string; status: 'Complete' | 'Error'; rowCount: number; message?: string };
}

export const UPDATE_TYPES = ['Overwrite', 'Update', 'Append'] as const;

export interface QueryResult {
  de: DataExtension;
  rows: Record<string, unknown>[];
}

/** The SELECT half of a query activity: translate the T-SQL, check the output columns, read the rows. */
export function selectQueryRows(state: EmulatorState, q: QueryData): QueryResult {
  const de = state.dataExtensions.get(q.targetKey);
  if (!de) throw new RuleError(10000, `Target data extension ${q.targetKey} does not exist.`);
  const { sql, outputColumns } = translateQuery(q.queryText, (name) => state.resolveTable(name));
  const byLower = new Map(de.fields.map((f) => [f.name.toLowerCase(), f.name]));
  for (const col of outputColumns) {
    if (!byLower.has(col.toLowerCase()))
      throw new RuleError(10000, `Invalid column name '${col}' in target data extension ${de.name}.`);
  }
  const rows = state.db.prepare(sql).all() as Record<string, SQLInputValue>[];
  const mapped = rows.map((r) => {
    const out: Record<string, unknown> = {};
    outputColumns.forEach((c, i) => {
      out[byLower.get(c.toLowerCase())!] = r[c] ?? Object.values(r)[i];
    });
    return out;
  });
  return { de, rows: mapped };
}

/**
 * The write half: by TargetUpdateType, Overwrite replaces all rows, Update upserts on the target's primary key,
 * Append inserts and fails on a duplicate. The write is atomic here (SFMC may leave partial inserts).
 */
export function writeQueryRows(state: EmulatorState, q: QueryData, { de, rows }: QueryResult): number {
  const mode = q.targetUpdateTypeId === 1 ? 'upsert' : 'insert';
  state.db.exec('SAVEPOINT query_run');
  try {
    if (q.targetUpdateTypeId === 0) state.clearRows(de.customerKey);
    const results = state.writeRows(de.customerKey, rows, mode, true);
    const bad = results.find((r) => !r.ok);
    if (bad) throw new RuleError(10000, bad.message ?? 'Row rejected');
    state.db.exec('RELEASE query_run');
  } catch (e) {
    state.db.exec('ROLLBACK TO query_run');
    state.db.exec('RELEASE query_run');
    throw e;
  }
  return rows.length;
}

/** Runs a query activity alone: SELECT, then write into the target. */
export function runQueryDefinition(state: EmulatorState, q: QueryData): number {
  return writeQueryRows(state, q, selectQueryRows(state, q));
}
