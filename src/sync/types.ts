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
  /** Every row of the DE with just these fields (a full reconciliation compares them with the org). */
  readKeys(key: string, fields: string[]): AsyncIterable<Record<string, unknown>>;
}

export interface SyncCursor {
  modstamp: string;
  id: string;
}

/** A Bulk 2.0 run's place: the job, the results page's locator ('' = first) and records read of it. */
export interface BulkCheckpoint {
  jobId: string;
  locator: string;
  skip: number;
}

export interface Checkpoint {
  version: 1;
  sync: string;
  /** Highest SystemModstamp of the last completed run. */
  watermark?: string;
  /** The delete log's latestDateCovered at the last completed run: the next window starts there. */
  deletesCovered?: string;
  /** Present while a run is unfinished: where to resume. */
  run?: {
    mode: 'full' | 'incremental';
    since: string | null;
    phase: 'upsert' | 'deletes';
    /** REST extraction: the last committed record (the query is ordered by SystemModstamp, Id). */
    cursor?: SyncCursor;
    /** Bulk extraction (unordered): the job and the position after the last committed record. */
    bulk?: BulkCheckpoint;
    /** Highest SystemModstamp among committed records (the next watermark). */
    maxModstamp?: string;
    upserted: number;
    rejected: number;
    deleted: number;
    truncated?: Record<string, number>;
    overwrites?: number;
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
  /** Rows removed or flagged because their records were deleted in Salesforce (its delete log). */
  deleted: number;
  /** Rows removed or flagged because their records no longer match the sync's `where`. */
  leftFilter: number;
  /**
   * Present when the run compared every row of the DE with the org by Id (first or full run, or the
   * delete log no longer covering the window since the last run): why, and the rows it removed or flagged.
   */
  reconciliation?: { reason: string; retired: number };
  /** Text values cut to their DE field's length, per field (each row is also in the rejects file). */
  truncated: Record<string, number>;
  /** Records whose DE primary key another record of this run already had (the later one overwrote it). */
  overwrites: number;
  /** The first rejects, with reasons (all of them go to the rejects file). */
  rejects: Array<{ id: string | null; reason: string }>;
  batches: number;
  /** Salesforce API requests this run made (every attempt, /limits included). */
  apiCalls: number;
  /** The org's daily API requests left after the run, as Salesforce last reported. */
  apiRemaining?: number;
}
