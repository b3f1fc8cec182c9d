import type { SQLInputValue } from 'node:sqlite';
import { translateQuery } from '../sql/index.ts';
import type { EmulatorState } from '../state/index.ts';
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

/**
 * Runs a query activity: translate the T-SQL, SELECT, write into the target by TargetUpdateType.
 * Overwrite replaces all rows, Update upserts on the target's primary key, Append inserts and fails on a duplicate.
 * The run is atomic here (SFMC may leave partial inserts; an emulator that rolls back is easier to reason about).
 */
export function runQueryDefinition(state: EmulatorState, q: QueryData): number {
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
  const mode = q.targetUpdateTypeId === 1 ? 'upsert' : 'insert';
  state.db.exec('SAVEPOINT query_run');
  try {
    if (q.targetUpdateTypeId === 0) state.clearRows(de.customerKey);
    const results = state.writeRows(de.customerKey, mapped, mode, true);
    const bad = results.find((r) => !r.ok);
    if (bad) throw new RuleError(10000, bad.message ?? 'Row rejected');
    state.db.exec('RELEASE query_run');
  } catch (e) {
    state.db.exec('ROLLBACK TO query_run');
    state.db.exec('RELEASE query_run');
    throw e;
  }
  return mapped.length;
}
