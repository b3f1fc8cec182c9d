import type { RowBatch } from '../client/resources/row-batch.ts';

/** What to copy from Salesforce into which data extension. The definitions module maps YAML onto this. */
export interface SyncSpec {
  name: string;
  object: string;
  fields: string[] | 'all';
  /** SOQL condition (without WHERE) added to every extraction query. */
  where?: string;
  /** Customer key of the target data extension. */
  targetKey: string;
  mode: 'full' | 'incremental';
  deletes: 'remove' | 'flag' | 'ignore';
  /** Above this many matching records, Bulk API 2.0 is used instead of the REST query API. */
  bulkThreshold?: number;
}

/** A data extension field derived from describe. */
export interface DeField {
  name: string;
  type: 'Text' | 'Number' | 'Decimal' | 'Boolean' | 'Date' | 'EmailAddress' | 'Phone';
  length?: number;
  precision?: number;
  scale?: number;
  isPrimaryKey: boolean;
  isNullable: boolean;
}

export type DeRow = Record<string, string | number | boolean | null>;

export interface RejectedRow {
  row: DeRow;
  reason: string;
}

/** Where synced rows go: the SFMC client in production, memory in tests. */
export interface RowSink {
  /** Creates the data extension or widens it with missing fields. */
  ensureSchema(key: string, fields: DeField[]): Promise<void>;
  /** Upserts a batch by primary key; rows the target refuses come back with reasons. */
  upsert(key: string, batch: RowBatch): Promise<{ rejected: RejectedRow[] }>;
  /** Removes rows by their `Id` primary key. */
  remove(key: string, ids: string[]): Promise<void>;
}

export interface SyncCursor {
  modstamp: string;
  id: string;
}

export interface Checkpoint {
  version: 1;
  sync: string;
  /** Highest SystemModstamp of the last completed run. */
  watermark?: string;
  /** Present while a run is unfinished: where to resume. */
  run?: {
    mode: 'full' | 'incremental';
    since: string | null;
    phase: 'upsert' | 'deletes';
    cursor?: SyncCursor;
    maxModstamp?: string;
    upserted: number;
    rejected: number;
    deleted: number;
  };
}

export interface CheckpointStore {
  load(sync: string): Promise<Checkpoint | undefined>;
  save(checkpoint: Checkpoint): Promise<void>;
}

export interface SyncProgress {
  sync: string;
  phase: 'count' | 'upsert' | 'deletes' | 'done';
  method?: 'rest' | 'bulk';
  total?: number;
  extracted: number;
  upserted: number;
  rejected: number;
  deleted: number;
}

export interface SyncSummary {
  sync: string;
  object: string;
  targetKey: string;
  mode: 'full' | 'incremental';
  method: 'rest' | 'bulk';
  resumed: boolean;
  since: string | null;
  watermark?: string;
  extracted: number;
  upserted: number;
  rejected: number;
  deleted: number;
  /** The first rejects, with reasons (all of them go to the rejects file). */
  rejects: Array<{ id: string | null; reason: string }>;
  batches: number;
}
