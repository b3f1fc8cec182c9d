import type { EmulatorState } from '../state/index.ts';
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

/** Runs a filter activity: the definition's conditions over the source DE, overwriting the destination DE. */
export function runFilterActivity(state: EmulatorState, fa: FilterActivityData): number {
  const def = state.objects.get<FilterDefinitionData>('filterDefinition', fa.filterDefinitionId);
  if (!def) throw new RuleError(303001, `Filter definition ${fa.filterDefinitionId} does not exist.`);
  const source = state.dataExtensions.getById(fa.sourceObjectId);
  const dest = state.dataExtensions.getById(fa.destinationObjectId);
  if (!source || !dest)
    throw new RuleError(303002, 'The source or destination data extension does not exist.');
  const { where, params } = filterXmlToWhere(def.data.filterDefinitionXml, source.fields, state.now());
  const destCols = new Map(dest.fields.map((f) => [f.name.toLowerCase(), f.name]));
  const cols = source.fields.filter((f) => destCols.has(f.name.toLowerCase()));
  const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
  state.db.exec('SAVEPOINT filter_run');
  try {
    state.db.exec(`DELETE FROM ${q(dest.tableName)}`);
    const r = state.db
      .prepare(
        `INSERT INTO ${q(dest.tableName)} (${cols.map((f) => q(destCols.get(f.name.toLowerCase())!)).join(', ')}) SELECT ${cols
          .map((f) => q(f.name))
          .join(', ')} FROM ${q(source.tableName)} WHERE ${where}`,
      )
      .run(...params);
    state.db.exec('RELEASE filter_run');
    return Number(r.changes);
  } catch (e) {
    state.db.exec('ROLLBACK TO filter_run');
    state.db.exec('RELEASE filter_run');
    throw e;
  }
}
