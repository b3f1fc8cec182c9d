import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Connection } from 'jsforce';
import { KitError } from '../errors/index.ts';
import { createRowBatcher, type RowBatch } from '../client/resources/row-batch.ts';
import { createApiBudget } from './api-budget.ts';
import { awaitedLater } from './awaited-later.ts';
import { createRowConverter, type Truncation } from './convert.ts';
import { extractBulkPieces, extractRest, type SfRecord } from './extract.ts';
import { createKeyTracker } from './key-tracker.ts';
import { prefetchOne } from './prefetch.ts';
import { retireGone } from './retire.ts';
import { type DescribeFieldLike, deFieldFor, deSchemaFromDescribe } from './schema-from-describe.ts';
import { extractionSoql, extractionWhere } from './soql.ts';
import type {
  BulkCheckpoint,
  Checkpoint,
  CheckpointStore,
  DeRow,
  RejectedRow,
  RowSink,
  SyncCursor,
  SyncProgress,
  SyncSpec,
  SyncSummary,
} from './types.ts';

export interface SyncOptions {
  /** Ignore the watermark and any unfinished run: copy everything. */
  full?: boolean;
  batchRows?: number;
  batchBytes?: number;
  /** API calls the sync keeps busy at once (match the client's `maxConcurrency`). */
  concurrency?: number;
  /**
   * Batches between extraction and commit at once (default 2 × concurrency): a batch spends half its
   * calls waiting on status, so twice as many batches as call slots keep every slot busy.
   */
  batchesInFlight?: number;
  /** Incremental runs start this much before the watermark, to catch late-committed changes. */
  overlapSeconds?: number;
  bulkThreshold?: number;
  bulkPageSize?: number;
  bulkPollIntervalMs?: number;
  /** JSON Lines file that receives every rejected row with its reason. */
  rejectsFile?: string;
  maxRejectsInSummary?: number;
  onProgress?: (p: SyncProgress) => void;
  /**
   * Salesforce daily API requests the sync leaves untouched (default 5 % of the org's allowance): it
   * stops, checkpointed, rather than take the org below this.
   */
  apiReserve?: number;
  /** The end of the delete-log window (default: now). */
  now?: () => Date;
}

export interface RunSyncInput {
  sync: SyncSpec;
  conn: Connection;
  target: RowSink;
  checkpoint: CheckpointStore;
  options?: SyncOptions;
}

const REQUIRED = ['Id', 'SystemModstamp'];

function pickFields(spec: SyncSpec, described: DescribeFieldLike[]): DescribeFieldLike[] {
  const byName = new Map(described.map((f) => [f.name.toLowerCase(), f]));
  const names =
    spec.fields === 'all'
      ? described.filter((f) => deFieldFor(f)).map((f) => f.name)
      : [...REQUIRED, ...spec.fields, ...(spec.deletes === 'flag' ? ['IsDeleted'] : [])];
  if (spec.fields === 'all') names.push(...REQUIRED);
  const out: DescribeFieldLike[] = [];
  const missing: string[] = [];
  for (const n of names) {
    const f = byName.get(n.toLowerCase());
    if (!f) missing.push(n);
    else if (!out.includes(f) && deFieldFor(f)) out.push(f);
  }
  if (missing.length) {
    throw new KitError(
      'SYNC_FAILED',
      `sync ${spec.name}: ${spec.object} has no field ${missing.join(', ')}`,
      {
        hint: `check the field names with describe (API names, custom fields end in __c)`,
      },
    );
  }
  return out;
}

const idOf = (row: DeRow): string | null => (row.Id === undefined || row.Id === null ? null : String(row.Id));
const isoOf = (value: unknown): string =>
  new Date(String(value).replace(/([+-]\d\d)(\d\d)$/, '$1:$2')).toISOString();

/**
 * Copies one Salesforce object into a data extension: describe → schema, extraction (REST or Bulk 2.0),
 * typed conversion, batched upserts with bounded concurrency, deletes, and a checkpoint after every
 * committed batch so a killed run resumes where it stopped.
 */
export async function runSync(input: RunSyncInput): Promise<SyncSummary> {
  const { sync, conn, target, checkpoint } = input;
  const o = input.options ?? {};
  const batchRows = o.batchRows ?? 5000;
  const batchBytes = o.batchBytes ?? 4_000_000;
  const concurrency = Math.max(1, o.concurrency ?? 4);
  const batchesInFlight = Math.max(1, o.batchesInFlight ?? concurrency * 2);
  const maxRejects = o.maxRejectsInSummary ?? 100;

  const budget = createApiBudget(conn, { sync: sync.name, reserve: o.apiReserve });
  // Read before anything is extracted, so a sync that would exhaust the org's daily requests stops
  // before it starts; it overlaps the describe and the count, which are single calls.
  const limitsRead = awaitedLater(budget.readLimits());
  const saved = await checkpoint.load(sync.name);
  const cp: Checkpoint = saved ?? { version: 1, sync: sync.name };
  const resumed = Boolean(cp.run && !o.full);
  if (!resumed) {
    const mode = o.full ? 'full' : sync.mode;
    const since =
      mode === 'incremental' && cp.watermark
        ? new Date(new Date(cp.watermark).getTime() - (o.overlapSeconds ?? 300) * 1000).toISOString()
        : null;
    cp.run = { mode, since, phase: 'upsert', upserted: 0, rejected: 0, deleted: 0 };
  }
  const where = extractionWhere({ where: sync.where, since: cp.run!.since, cursor: cp.run!.cursor });
  const whereNoCursor = extractionWhere({ where: sync.where, since: cp.run!.since });

  // Round trips at the start cost every run, so the independent ones overlap: the count goes with the
  // describe, and the schema's calls (token, read, create) with the extraction's start — only the first
  // upsert waits for them.
  const counted =
    cp.run!.phase === 'upsert' && !cp.run!.bulk
      ? awaitedLater(budget.call('the count', () => conn.query(`SELECT COUNT() FROM ${sync.object}${where}`)))
      : undefined;
  const describe = await budget.call('describe', () => conn.sobject(sync.object).describe());
  const fields = pickFields(sync, describe.fields as DescribeFieldLike[]);
  // Awaited by the first upsert and before the deletes.
  const schemaReady = awaitedLater(
    target.ensureSchema(
      sync.targetKey,
      deSchemaFromDescribe(
        fields,
        fields.map((f) => f.name),
      ),
    ),
  );
  if (!resumed) await checkpoint.save(cp);
  const run = cp.run!;
  let seen: ReturnType<typeof createKeyTracker> | undefined;
  const summary: SyncSummary = {
    sync: sync.name,
    object: sync.object,
    targetKey: sync.targetKey,
    mode: run.mode,
    method: 'rest',
    resumed,
    since: run.since,
    extracted: 0,
    upserted: run.upserted,
    rejected: run.rejected,
    deleted: run.deleted,
    leftFilter: 0,
    truncated: { ...(run.truncated ?? {}) },
    overwrites: run.overwrites ?? 0,
    rejects: [],
    batches: 0,
    apiCalls: 0,
  };
  const progress = (phase: SyncProgress['phase'], total?: number): void =>
    o.onProgress?.({
      sync: sync.name,
      phase,
      method: summary.method,
      total,
      extracted: summary.extracted,
      upserted: summary.upserted,
      rejected: summary.rejected,
      deleted: summary.deleted,
    });

  // Checkpoint writes are chained so they land in commit order.
  let saving = Promise.resolve();
  const persist = (): Promise<void> => {
    const snapshot = structuredClone(cp);
    saving = saving.then(() => checkpoint.save(snapshot));
    return saving;
  };

  const recordRejects = async (rejects: RejectedRow[]): Promise<void> => {
    if (!rejects.length) return;
    for (const r of rejects) {
      if (summary.rejects.length < maxRejects) summary.rejects.push({ id: idOf(r.row), reason: r.reason });
    }
    await writeReportLines(
      rejects.map((r) => ({
        sync: sync.name,
        kind: 'rejected',
        id: idOf(r.row),
        reason: r.reason,
        row: r.row,
      })),
    );
  };
  /** Lines of the rejects file: rejected rows, and rows that landed changed (truncated) or overwrote another. */
  const writeReportLines = async (lines: object[]): Promise<void> => {
    if (!o.rejectsFile || !lines.length) return;
    await mkdir(dirname(o.rejectsFile), { recursive: true });
    await appendFile(o.rejectsFile, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  };

  if (run.phase === 'upsert') {
    progress('count');
    await limitsRead;
    const total = counted ? (await counted).totalSize : undefined;
    const threshold = sync.bulkThreshold ?? o.bulkThreshold ?? 10_000;
    summary.method = run.bulk || (total ?? 0) > threshold ? 'bulk' : 'rest';
    const names = fields.map((f) => f.name);
    const bulkPageSize = o.bulkPageSize ?? 50_000;
    if (total !== undefined) {
      // Pages of 2,000 (REST) or bulkPageSize plus the job's create and a few status reads (Bulk).
      const needed =
        summary.method === 'bulk' ? 5 + Math.ceil(total / bulkPageSize) : Math.ceil(total / 2000) + 1;
      budget.ensure(needed, `reading ${total} ${sync.object} records`);
    }
    // Both read ahead: Bulk requests each next results page itself; REST pages go through prefetchOne.
    // A Bulk query is unordered (ORDER BY would disable PK chunking) and resumes at job level.
    type Page = { records: SfRecord[]; bulk?: { jobId: string; locator: string; offset: number } };
    const pages: AsyncIterable<Page> =
      summary.method === 'bulk'
        ? (async function* () {
            for await (const piece of extractBulkPieces(
              conn,
              extractionSoql(sync.object, names, whereNoCursor, false),
              {
                pageSize: o.bulkPageSize,
                pollIntervalMs: o.bulkPollIntervalMs,
                budget,
                resume: run.bulk,
                onJob: async (jobId) => {
                  if (run.bulk?.jobId === jobId) return;
                  run.bulk = { jobId, locator: '', skip: 0 };
                  await persist();
                },
              },
            )) {
              yield { records: piece.records, bulk: piece };
            }
          })()
        : (async function* () {
            for await (const records of prefetchOne(
              extractRest(conn, extractionSoql(sync.object, names, where), false, budget),
            )) {
              yield { records };
            }
          })();

    // Batches finish out of order; the checkpoint only moves past a batch once all earlier ones committed.
    interface Done {
      cursor?: SyncCursor;
      bulk?: BulkCheckpoint;
      maxModstamp?: string;
      upserted: number;
      rejected: number;
    }
    const finished = new Map<number, Done>();
    const inFlight = new Set<Promise<void>>();
    let nextSeq = 0;
    let nextCommit = 0;
    let failure: unknown;

    const commitContiguous = async (): Promise<void> => {
      let moved = false;
      while (finished.has(nextCommit)) {
        const done = finished.get(nextCommit)!;
        finished.delete(nextCommit);
        nextCommit += 1;
        if (done.cursor) run.cursor = done.cursor;
        if (done.bulk) run.bulk = done.bulk;
        // The watermark is the highest SystemModstamp committed: unordered Bulk results end anywhere.
        if (done.maxModstamp && (!run.maxModstamp || done.maxModstamp > run.maxModstamp)) {
          run.maxModstamp = done.maxModstamp;
        }
        run.upserted += done.upserted;
        run.rejected += done.rejected;
        moved = true;
      }
      if (moved) {
        summary.upserted = run.upserted;
        summary.rejected = run.rejected;
        await persist();
        progress('upsert', total);
      }
    };

    const dispatch = async (
      batch: RowBatch | undefined,
      conversionRejects: RejectedRow[],
      position: Omit<Done, 'upserted' | 'rejected'>,
    ): Promise<void> => {
      const seq = nextSeq++;
      summary.batches += 1;
      const task = (async () => {
        await schemaReady;
        const { rejected } = batch ? await target.upsert(sync.targetKey, batch) : { rejected: [] };
        const all = [...conversionRejects, ...rejected];
        await recordRejects(all);
        const sent = batch?.count ?? 0;
        finished.set(seq, { ...position, upserted: sent - rejected.length, rejected: all.length });
        await commitContiguous();
      })().catch((e) => {
        failure ??= e;
      });
      const tracked = task.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= batchesInFlight) await Promise.race(inFlight);
    };

    const batcher = createRowBatcher(batchRows, batchBytes);
    const convert = createRowConverter(fields);
    let pendingRejects: RejectedRow[] = [];
    let pendingNotes: object[] = [];
    // The position of a batch is after its last record; it is worked out only when the batch is cut.
    let lastRecord: SfRecord | undefined;
    let lastBulk: BulkCheckpoint | undefined;
    // Highest raw SystemModstamp of the records in the batch being filled (one format within a run).
    let batchMax = '';
    const flushBatch = async (batch: RowBatch | undefined): Promise<void> => {
      if (!batch && !pendingRejects.length) return;
      const position: Omit<Done, 'upserted' | 'rejected'> = {
        maxModstamp: batchMax ? isoOf(batchMax) : undefined,
      };
      if (lastBulk) position.bulk = lastBulk;
      else position.cursor = { modstamp: isoOf(lastRecord!.SystemModstamp), id: String(lastRecord!.Id) };
      batchMax = '';
      const notes = pendingNotes;
      pendingNotes = [];
      await writeReportLines(notes);
      await dispatch(batch, pendingRejects, position);
      pendingRejects = [];
    };
    // Every key written, to report two records landing on one DE row; its Ids also let a full run
    // reconcile the DE without reading the org's Ids again.
    const keys = createKeyTracker();
    let truncations: Truncation[] = [];
    const onTruncate = (t: Truncation) => truncations.push(t);

    try {
      for await (const page of pages) {
        const records = page.records;
        for (let i = 0; i < records.length; i++) {
          const record = records[i];
          summary.extracted += 1;
          let row: DeRow | undefined;
          try {
            row = convert(record, onTruncate);
          } catch (e) {
            pendingRejects.push({ row: { ...record } as DeRow, reason: (e as Error).message });
          }
          const id = String(record.Id);
          if (truncations.length) {
            for (const t of truncations) summary.truncated[t.field] = (summary.truncated[t.field] ?? 0) + 1;
            pendingNotes.push({ sync: sync.name, kind: 'truncated', id, truncated: truncations, row });
            truncations = [];
          }
          if (keys.add(id) === 'collision') {
            summary.overwrites += 1;
            pendingNotes.push({
              sync: sync.name,
              kind: 'overwrite',
              id,
              reason: `another record of this run has the same primary key as ${id} in the data extension (SFMC compares text keys without case or trailing spaces); this row overwrote it`,
              row,
            });
          }
          const modstamp = String(record.SystemModstamp ?? '');
          if (modstamp > batchMax) batchMax = modstamp;
          // A full batch is cut before the current record joins it.
          if (row) {
            const full = batcher.add(row);
            if (full) await flushBatch(full);
          }
          lastRecord = record;
          if (page.bulk) {
            lastBulk = { jobId: page.bulk.jobId, locator: page.bulk.locator, skip: page.bulk.offset + i + 1 };
          }
          if (failure) break;
        }
        if (failure) break;
        // Let replies that arrived meanwhile be read: a call slot stays idle until its reply is handled,
        // and converting a page without a pause would hold every reply back for as long.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (e) {
      // An extraction that fails (or stops at the API reserve) still lets the batches in flight commit.
      failure ??= e;
    }
    if (!failure) await flushBatch(batcher.flush());
    await Promise.all(inFlight);
    await saving;
    if (failure) {
      // A target that could not be prepared says so itself, rather than as a stopped batch.
      await schemaReady;
      if (failure instanceof KitError && failure.message.startsWith(`sync ${sync.name} stopped`))
        throw failure;
      throw new KitError('SYNC_FAILED', `sync ${sync.name} stopped: ${(failure as Error).message}`, {
        cause: failure,
        hint: 'committed batches are checkpointed; run the sync again to resume',
      });
    }
    // A run that found nothing to upsert must still fail here if the target could not be prepared.
    await schemaReady;
    run.phase = 'deletes';
    run.cursor = undefined;
    run.bulk = undefined;
    run.truncated = summary.truncated;
    run.overwrites = summary.overwrites;
    // The keys tracked are every Id of the filtered object only when this run read it all in one go.
    seen = !resumed && !run.since ? keys : undefined;
    await persist();
  }

  await schemaReady;
  await limitsRead;
  let deletesCovered = cp.deletesCovered;
  if (sync.deletes !== 'ignore') {
    progress('deletes');
    // The deletes phase is idempotent and runs whole, also after a resume.
    run.deleted = 0;
    summary.deleted = 0;
    const overlapMs = (o.overlapSeconds ?? 300) * 1000;
    const gone = await retireGone({
      sync,
      conn,
      target,
      budget,
      since: run.since,
      deletesFrom: cp.deletesCovered
        ? new Date(
            new Date(cp.deletesCovered.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')).getTime() - overlapMs,
          ).toISOString()
        : null,
      now: (o.now ?? (() => new Date()))(),
      seen,
      batchRows,
      recordRejects,
      onProgress: (c) => {
        summary.deleted = c.deleted;
        summary.leftFilter = c.leftFilter;
        progress('deletes');
      },
    });
    run.deleted = gone.deleted;
    summary.deleted = gone.deleted;
    summary.leftFilter = gone.leftFilter;
    summary.reconciliation = gone.reconciliation;
    // A first or full run read the object up to its highest SystemModstamp: deletes after that are
    // the next window's.
    // Without a delete-log answer (first or full run, or a refused window), the run reconciled: deletes
    // up to the highest SystemModstamp it read are reflected.
    const latest = (a?: string, b?: string): string | undefined =>
      !a ? b : !b ? a : Date.parse(isoOf(a)) >= Date.parse(isoOf(b)) ? a : b;
    deletesCovered = gone.deletesCovered ?? latest(cp.deletesCovered, run.maxModstamp);
  }

  const finished: Checkpoint = {
    version: 1,
    sync: sync.name,
    watermark: run.maxModstamp ?? cp.watermark,
    ...(deletesCovered ? { deletesCovered } : {}),
  };
  await checkpoint.save(finished);
  summary.watermark = finished.watermark;
  summary.apiCalls = budget.used;
  summary.apiRemaining = budget.remaining();
  progress('done');
  return summary;
}
