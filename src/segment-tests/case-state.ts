import type { DataExtensionModel } from '../deploy/model.ts';
import { createState, type EmulatorState } from '../emulator/state/index.ts';

/**
 * A fresh in-memory emulator for one test case, clock fixed at `now`, holding the data extensions a
 * deploy would create (declared ones and segment targets, from the deploy model so field lengths,
 * required flags and defaults are normalised exactly as deploy sends them). Data views come with the state.
 */
export function createCaseState(dataExtensions: DataExtensionModel[], now: Date): EmulatorState {
  const state = createState({ now: () => now });
  for (const de of dataExtensions) {
    state.createDataExtension({
      customerKey: de.key,
      name: de.name,
      fields: de.fields.map((f) => ({
        name: f.name,
        fieldType: f.type,
        maxLength: f.length ?? null,
        scale: f.scale,
        isRequired: f.required || f.primaryKey,
        isPrimaryKey: f.primaryKey,
        defaultValue: f.default ?? null,
      })),
    });
  }
  return state;
}
