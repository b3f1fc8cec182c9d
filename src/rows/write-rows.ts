import { createRowBatcher, type RowBatch, type RowError } from '../client/index.ts';
import { KitError } from '../errors/index.ts';
import { createRowChecker } from './check-row.ts';
import type { DataExtension, RowProgress, RowsClient } from './port.ts';
import type { FileRecord } from './row-files.ts';
import type { RejectSink } from './rejects.ts';

export interface WriteRowsOptions {
  mode: 'upsert' | 'insert';
  rejects: RejectSink;
  /** Async batches in flight at once (default 4). */
  concurrency?: number;
  /** Rows per async call (default 10,000; SFMC caps it at 32,000) and body bytes (default 4 MB). */
  batchRows?: number;
  batchBytes?: number;
  onProgress?: (p: RowProgress) => void;
  /** Called when a record was read, for progress on a file (its share read). */
  fraction?: () => number;
  total?: number;
  signal?: AbortSignal;
}

export interface WriteRowsSummary {
  read: number;
  written: number;
  rejected: number;
  batches: number;
}

/**
 * Checks each record against the DE's fields (a bad one goes to the rejects file with its reason), packs
 * the good ones into async batches with the client's row batcher (each row serialized once, into the
 * request body), and keeps `concurrency` batches in flight. Memory holds only the batches in flight.
 * SFMC's async results name no row: rows it refuses are written to the rejects file with the range of
 * records their batch held and SFMC's message.
 */
export async function writeRows(
  client: RowsClient,
  de: DataExtension,
  records: AsyncIterable<FileRecord>,
  options: WriteRowsOptions,
): Promise<WriteRowsSummary> {
  const checker = createRowChecker(de.fields);
  const batcher = createRowBatcher(
    Math.min(options.batchRows ?? 10_000, 32_000),
    options.batchBytes ?? 4_000_000,
  );
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const summary: WriteRowsSummary = { read: 0, written: 0, rejected: 0, batches: 0 };
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let batchFirst = 0;
  let lastRecord = 0;
  let lastReport = 0;

  const report = (force = false) => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (!force && now - lastReport < 200) return;
    lastReport = now;
    options.onProgress({
      read: summary.read,
      done: summary.written,
      rejected: summary.rejected,
      total: options.total,
      fraction: options.fraction?.(),
    });
  };

  const send = async (batch: RowBatch, range: string) => {
    let errors: RowError[];
    try {
      const call = options.mode === 'upsert' ? client.rows.upsert : client.rows.insert;
      errors = (await call(de.key, batch, { signal: options.signal })).errors;
    } catch (e) {
      failure ??= e;
      // Nothing of this batch is known to have landed: every row goes to the rejects file.
      for (const row of batch.rows)
        await options.rejects.add({ records: range, reason: `not written: ${(e as Error).message}`, row });
      summary.rejected += batch.count;
      return;
    }
    for (const err of errors) {
      await options.rejects.add({ records: range, reason: err.message, requestId: err.requestId });
    }
    summary.rejected += errors.length;
    summary.written += batch.count - errors.length;
    summary.batches += 1;
    report();
  };

  const submit = async (batch: RowBatch, range: string) => {
    const p: Promise<void> = send(batch, range).finally(() => inFlight.delete(p));
    inFlight.add(p);
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
  };

  for await (const rec of records) {
    if (failure) break;
    summary.read += 1;
    if (rec.unreadable) {
      await options.rejects.add({ record: rec.record, reason: rec.unreadable });
      summary.rejected += 1;
      continue;
    }
    const checked = checker.check(rec.values);
    if (!checked.ok) {
      await options.rejects.add({ record: rec.record, reason: checked.reason, row: rec.values });
      summary.rejected += 1;
      continue;
    }
    if (batcher.size === 0) batchFirst = rec.record;
    const full = batcher.add(checked.row);
    if (full) {
      await submit(full, `${batchFirst}-${lastRecord}`);
      batchFirst = rec.record;
    }
    lastRecord = rec.record;
    report();
  }
  const rest = failure ? undefined : batcher.flush();
  if (rest) await submit(rest, `${batchFirst}-${lastRecord}`);
  await Promise.all(inFlight);
  report(true);
  if (failure) {
    throw new KitError(
      'API_ERROR',
      `row write into "${de.key}" stopped after ${summary.written} rows: ${(failure as Error).message}`,
      {
        cause: failure,
        hint: `rows of the failed batch are in the rejects file; records after ${lastRecord} were not read`,
      },
    );
  }
  return summary;
}
