import { type Project, positionOf } from '../definitions/project.ts';
import type { SegmentTestDef } from '../definitions/schemas/segment-test.ts';
import type { EmulatorState } from '../emulator/state/index.ts';
import type { FixtureError } from './types.ts';

type Given = SegmentTestDef['cases'][number]['given'];

/**
 * Writes a case's fixture rows through the emulator's row rules (types, lengths, required fields,
 * primary keys): a row that would be refused after deploy is refused here. Tables are named as in
 * SQL: a data extension name (any case) or a data view. Returns every refused row, located in its file.
 */
export function seedFixtures(
  state: EmulatorState,
  project: Project,
  test: SegmentTestDef,
  caseIndex: number,
  given: Given,
  keyOfName: (name: string) => string | undefined,
): FixtureError[] {
  const errors: FixtureError[] = [];
  const at = (table: string, row?: number, field?: string) =>
    positionOf(
      project,
      test,
      ['cases', caseIndex, 'given', ...(row === undefined ? [] : [table, row])],
      row === undefined ? table : field,
    );
  for (const [table, rows] of Object.entries(given)) {
    const key = state.dataViewName(table) ?? keyOfName(table);
    if (!key) {
      errors.push({
        ...at(table),
        table,
        row: -1,
        message: `no data extension or data view named "${table}" in this project`,
      });
      continue;
    }
    const results = state.writeRows(key, rows, 'insert', false);
    for (const r of results) {
      if (r.ok) continue;
      const message = r.message ?? 'row refused';
      errors.push({
        ...at(table, r.index, fieldNamed(rows[r.index], message)),
        table,
        row: r.index,
        message,
      });
    }
  }
  return errors;
}

/** The row's own spelling of the field a row error names (`Field: …`), to point at that key. */
function fieldNamed(row: Record<string, unknown>, message: string): string | undefined {
  const name = /^([^:]+):/.exec(message)?.[1]?.toLowerCase();
  return name ? Object.keys(row).find((k) => k.toLowerCase() === name) : undefined;
}
