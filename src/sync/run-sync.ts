import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Connection } from 'jsforce';
import { KitError } from '../errors/index.ts';
import { createRowBatcher, type RowBatch, rowBatchOf } from '../client/resources/row-batch.ts';
import { toDeRow } from './convert.ts';
import { extractBulk, extractRest, type SfRecord } from './extract.ts';
import { awaitedLater } from './awaited-later.ts';
import { prefetchOne } from './prefetch.ts';
import { withSalesforceRetry } from './salesforce-retry.ts';
import { type DescribeFieldLike, deFieldFor, deSchemaFromDescribe } from './schema-from-describe.ts';
import { extractionSoql, extractionWhere } from './soql.ts';
import type {
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

  // Round trips at the start cost every run, so the independent ones overlap: the count goes with the
  // describe, and the schema's calls (token, read, create) with the extraction's start — only the first
  // upsert waits for them.
  const counted =
    cp.run!.phase === 'upsert'
      ? awaitedLater(withSalesforceRetry(() => conn.query(`SELECT COUNT() FROM ${sync.object}${where}`)))
      : undefined;
  const describe = await withSalesforceRetry(() => conn.sobject(sync.object).describe());
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
    rejects: [],
    batches: 0,
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
    if (o.rejectsFile) {
      await mkdir(dirname(o.rejectsFile), { recursive: true });
      const lines = rejects.map((r) =>
        JSON.stringify({ sync: sync.name, id: idOf(r.row), reason: r.reason, row: r.row }),
      );
      await appendFile(o.rejectsFile, `${lines.join('\n')}\n`);
    }
  };

  if (run.phase === 'upsert') {
    progress('count');
    const total = (await counted!).totalSize;
    const threshold = sync.bulkThreshold ?? o.bulkThreshold ?? 10_000;
    summary.method = total > threshold ? 'bulk' : 'rest';
    const soql = extractionSoql(
      sync.object,
      fields.map((f) => f.name),
      where,
    );
    // Both read ahead: Bulk requests each next results page itself; REST pages go through prefetchOne.
    const pages =
      summary.method === 'bulk'
        ? extractBulk(conn, soql, { pageSize: o.bulkPageSize, pollIntervalMs: o.bulkPollIntervalMs })
        : prefetchOne(extractRest(conn, soql));

    // Batches finish out of order; the checkpoint only moves past a batch once all earlier ones committed.
    const finished = new Map<number, { cursor: SyncCursor; upserted: number; rejected: number }>();
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
        run.cursor = done.cursor;
        run.maxModstamp = done.cursor.modstamp;
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
      cursor: SyncCursor,
    ): Promise<void> => {
      const seq = nextSeq++;
      summary.batches += 1;
      const task = (async () => {
        await schemaReady;
        const { rejected } = batch ? await target.upsert(sync.targetKey, batch) : { rejected: [] };
        const all = [...conversionRejects, ...rejected];
        await recordRejects(all);
        const sent = batch?.count ?? 0;
        finished.set(seq, { cursor, upserted: sent - rejected.length, rejected: all.length });
        await commitContiguous();
      })().catch((e) => {
        failure ??= e;
      });
      const tracked = task.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= batchesInFlight) await Promise.race(inFlight);
    };

    const batcher = createRowBatcher(batchRows, batchBytes);
    let pendingRejects: RejectedRow[] = [];
    // The cursor of a batch is its last record; it is worked out only when the batch is cut.
    let lastRecord: SfRecord | undefined;
    const flushBatch = async (batch: RowBatch | undefined): Promise<void> => {
      if (!batch && !pendingRejects.length) return;
      const cursor = { modstamp: isoOf(lastRecord!.SystemModstamp), id: String(lastRecord!.Id) };
      await dispatch(batch, pendingRejects, cursor);
      pendingRejects = [];
    };

    for await (const page of pages) {
      for (const record of page as SfRecord[]) {
        summary.extracted += 1;
        let row: DeRow | undefined;
        try {
          row = toDeRow(record, fields);
        } catch (e) {
          pendingRejects.push({ row: { Id: String(record.Id) }, reason: (e as Error).message });
        }
        // A full batch is cut before the current record joins it.
        if (row) {
          const full = batcher.add(row);
          if (full) await flushBatch(full);
        }
        lastRecord = record;
        if (failure) break;
      }
      if (failure) break;
      // Let replies that arrived meanwhile be read: a call slot stays idle until its reply is handled,
      // and converting a page without a pause would hold every reply back for as long.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!failure) await flushBatch(batcher.flush());
    await Promise.all(inFlight);
    await saving;
    if (failure) {
      // A target that could not be prepared says so itself, rather than as a stopped batch.
      await schemaReady;
      throw new KitError('SYNC_FAILED', `sync ${sync.name} stopped: ${(failure as Error).message}`, {
        cause: failure,
        hint: 'committed batches are checkpointed; run the sync again to resume',
      });
    }
    // A run that found nothing to upsert must still fail here if the target could not be prepared.
    await schemaReady;
    run.phase = 'deletes';
    run.cursor = undefined;
    await persist();
  }

  await schemaReady;
  if (sync.deletes !== 'ignore') {
    progress('deletes');
    const since = run.since
      ? ` AND SystemModstamp >= ${new Date(run.since).toISOString().slice(0, 19)}Z`
      : '';
    for await (const page of extractRest(
      conn,
      `SELECT Id FROM ${sync.object} WHERE IsDeleted = true${since}`,
      true,
    )) {
      for (let i = 0; i < page.length; i += batchRows) {
        const ids = page.slice(i, i + batchRows).map((r) => String(r.Id));
        if (sync.deletes === 'remove') await target.remove(sync.targetKey, ids);
        else {
          const { rejected } = await target.upsert(
            sync.targetKey,
            rowBatchOf(ids.map((Id) => ({ Id, IsDeleted: true }))),
          );
          await recordRejects(rejected);
        }
        run.deleted += ids.length;
        summary.deleted = run.deleted;
        await persist();
        progress('deletes');
      }
    }
  }

  const finished: Checkpoint = { version: 1, sync: sync.name, watermark: run.maxModstamp ?? cp.watermark };
  await checkpoint.save(finished);
  summary.watermark = finished.watermark;
  progress('done');
  return summary;
}
