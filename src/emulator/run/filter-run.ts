import type { SQLInputValue } from 'node:sqlite';
import type { DataExtension, EmulatorState } from '../state/index.ts';
import { RuleError } from '../state/index.ts';
import { filterXmlToWhere } from './filter-xml.ts';

export interface FilterDefinitionData {
  description: string;
  categoryId: number;
  derivedFromType: number;
  derivedFromObjectId: string;
  filterDefinitionXml: string;
  createdDate: string;
  lastUpdated: string;
}

export interface FilterActivityData {
  description: string;
  categoryId: number;
  filterDefinitionId: string;
  sourceObjectId: string;
  destinationObjectId: string;
  createdDate: string;
  modifiedDate: string;
  lastRun?: { at: string; status: string; rowCount: number; message?: string };
}

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

export interface FilterResult {
  dest: DataExtension;
  columns: Array<[source: string, dest: string]>;
  rows: SQLInputValue[][];
}

/** The read half of a filter activity: the definition's conditions over the source DE. */
export function selectFilterRows(state: EmulatorState, fa: FilterActivityData): FilterResult {
  const def = state.objects.get<FilterDefinitionData>('filterDefinition', fa.filterDefinitionId);
  if (!def) throw new RuleError(303001, `Filter definition ${fa.filterDefinitionId} does not exist.`);
  const source = state.dataExtensions.getById(fa.sourceObjectId);
  const dest = state.dataExtensions.getById(fa.destinationObjectId);
  if (!source || !dest)
    throw new RuleError(303002, 'The source or destination data extension does not exist.');
  const { where, params } = filterXmlToWhere(def.data.filterDefinitionXml, source.fields, state.now());
  const destCols = new Map(dest.fields.map((f) => [f.name.toLowerCase(), f.name]));
  const columns = source.fields
    .filter((f) => destCols.has(f.name.toLowerCase()))
    .map((f) => [f.name, destCols.get(f.name.toLowerCase())!] as [string, string]);
  const rows = state.db
    .prepare(`SELECT ${columns.map(([s]) => q(s)).join(', ')} FROM ${q(source.tableName)} WHERE ${where}`)
    .all(...params)
    .map((r) => Object.values(r as Record<string, SQLInputValue>));
  return { dest, columns, rows };
}

/** The write half: a filter activity always overwrites its destination. */
export function writeFilterRows(state: EmulatorState, { dest, columns, rows }: FilterResult): number {
  state.db.exec('SAVEPOINT filter_run');
  try {
    state.db.exec(`DELETE FROM ${q(dest.tableName)}`);
    if (columns.length) {
      const insert = state.db.prepare(
        `INSERT INTO ${q(dest.tableName)} (${columns.map(([, d]) => q(d)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      for (const r of rows) insert.run(...r);
    }
    state.db.exec('RELEASE filter_run');
    return rows.length;
  } catch (e) {
    state.db.exec('ROLLBACK TO filter_run');
    state.db.exec('RELEASE filter_run');
    throw e;
  }
}

/** Runs a filter activity alone: the conditions over the source DE, overwriting the destination DE. */
export function runFilterActivity(state: EmulatorState, fa: FilterActivityData): number {
  return writeFilterRows(state, selectFilterRows(state, fa));
}
