/**
 * `sfmc-kit emulator --synthetic`: the demo's synthetic data in a standalone emulator. The Salesforce records
 * and the SFMC email data views go in at start. The marketing data extensions (Contacts, Web_*,
 * Score_History, Email_Open_Archive) exist only once a deploy creates them, so each is filled on the first
 * request after its creation, with the columns that data extension has, and only while it is empty.
 */
import type { RunningEmulator } from '../emulator/index.ts';
import type { EmuHandler } from '../emulator/http/types.ts';
import {
  type Dataset,
  generateDataset,
  loadIntoSalesforce,
  loadIntoSfmc,
} from '../emulator/synthetic/index.ts';
import { type DemoRow, MARKETING_TABLES } from './marketing-rows.ts';

const CHUNK = 5000;

export interface SyntheticSeedOptions {
  contacts: number;
  seed?: number | string;
  now?: Date;
}

export interface SyntheticSeeding {
  /** Give to startEmulator's extraHandlers: fills marketing data extensions once they exist. Answers nothing. */
  handler: EmuHandler;
  /** Loads the CRM records and the email data views; returns rows per table. */
  load(emu: RunningEmulator): Record<string, number>;
  /** Marketing data extensions filled so far (name → rows), and the ones skipped with why. */
  filled: Map<string, number>;
  skipped: Map<string, string>;
  dataset: Dataset;
}

export function createSyntheticSeeding(options: SyntheticSeedOptions): SyntheticSeeding {
  const dataset = generateDataset({
    seed: options.seed ?? 1,
    contacts: options.contacts,
    now: options.now ?? new Date(),
  });
  const filled = new Map<string, number>();
  const skipped = new Map<string, string>();
  let state: RunningEmulator['state'] | undefined;

  const fillNew = () => {
    if (!state) return;
    for (const [name, rows] of MARKETING_TABLES) {
      if (filled.has(name) || skipped.has(name)) continue;
      const de = state.dataExtensions.getByName(name);
      if (!de) continue;
      if (state.dataExtensions.rowCount(de) > 0) {
        skipped.set(name, 'already has rows');
        continue;
      }
      const columns = new Map(de.fields.map((f) => [f.name.toLowerCase(), f.name]));
      try {
        filled.set(name, insertProjected(state, de.customerKey, rows(dataset), columns));
      } catch (e) {
        // A data extension of the user's own shape the synthetic rows do not fit (a required column they lack).
        skipped.set(name, (e as Error).message);
      }
    }
  };

  return {
    dataset,
    filled,
    skipped,
    handler: () => {
      fillNew();
      return undefined;
    },
    load(emu) {
      state = emu.state;
      if (!emu.salesforce) throw new Error('the emulator has no Salesforce org');
      return { ...loadIntoSalesforce(emu.salesforce.store, dataset), ...loadIntoSfmc(emu.state, dataset) };
    },
  };
}

/** Inserts each row with only the columns the data extension has (matched case-insensitively), in chunks. */
function insertProjected(
  state: RunningEmulator['state'],
  key: string,
  rows: Iterable<DemoRow>,
  columns: Map<string, string>,
): number {
  let n = 0;
  let buf: Record<string, unknown>[] = [];
  for (const row of rows) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      const name = columns.get(k.toLowerCase());
      if (name) out[name] = v;
    }
    buf.push(out);
    if (buf.length >= CHUNK) {
      n += state.insertRows(key, buf);
      buf = [];
    }
  }
  if (buf.length) n += state.insertRows(key, buf);
  return n;
}
