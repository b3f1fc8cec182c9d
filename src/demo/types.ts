import type { SalesforceConfig } from '../config/index.ts';
import type { SfmcConnection } from '../deploy/session.ts';

/** Where the demo runs: a fresh in-process emulator, or a real business unit (and org) from `.env`. */
export type DemoTarget =
  | { kind: 'emulator' }
  | { kind: 'business-unit'; sfmc: SfmcConnection; salesforce?: SalesforceConfig; description: string };

export interface DemoOptions {
  /** Definitions directory. */
  dir: string;
  env?: string;
  target: DemoTarget;
  /** Synthetic Salesforce Contacts (as many Leads again); emulator only. Default 2,000. */
  contacts?: number;
  seed?: number | string;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Asked before anything is written to a real business unit; false cancels. */
  confirm?: (question: string) => Promise<boolean>;
  /** Clock for the synthetic data (default: now). */
  now?: () => Date;
  /** Writes the HTML report of this run (what `sfmc-kit report` writes) to this file, before the emulator stops. */
  reportFile?: string;
}

export interface DemoSegmentResult {
  name: string;
  membership: 'dynamic' | 'additive' | 'static';
  form: 'query' | 'filter';
  targetKey: string;
  size: number;
}

export interface DemoSyncResult {
  name: string;
  object: string;
  targetKey: string;
  upserted: number;
  rejected: number;
}

export interface DemoSummary {
  target: DemoTarget['kind'];
  /** Human description of where it ran. */
  where: string;
  env: string;
  /** Synthetic data loaded (emulator only): rows per table. */
  dataset?: { seed: number | string; contacts: number; leads: number; rows: Record<string, number> };
  deploy: { changes: number; applied: number };
  syncs: DemoSyncResult[];
  segments: DemoSegmentResult[];
  /** HTTP calls answered (emulator: every call it served; business unit: SFMC calls made). */
  calls: number;
  seconds: number;
  /** False when the user declined the confirmation: nothing was changed. */
  completed: boolean;
  /** The HTML report of this run, when one was asked for. */
  report?: string;
}
