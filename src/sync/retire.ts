import type { Connection } from 'jsforce';
import { rowBatchOf } from '../client/resources/row-batch.ts';
import type { ApiBudget } from './api-budget.ts';
import { extractRest } from './extract.ts';
import type { KeyTracker } from './key-tracker.ts';
import { soqlDateTime } from './soql.ts';
import type { RejectedRow, RowSink, SyncSpec } from './types.ts';

export interface RetireInput {
  sync: SyncSpec;
  conn: Connection;
  target: RowSink;
  budget: ApiBudget;
  /** The upsert phase's lower SystemModstamp bound; null for a first or full run. */
  since: string | null;
  /** Where the delete-log window starts (the last window's latestDateCovered less the overlap). */
  deletesFrom: string | null;
  /** The window's end. */
  now: Date;
  /** Every Id this run read, when it read the whole filtered object in one go (full run, not resumed). */
  seen?: KeyTracker;
  batchRows: number;
  recordRejects(rejects: RejectedRow[]): Promise<void>;
  onProgress(counts: { deleted: number; leftFilter: number; reconciled: number }): void;
}

export interface RetireResult {
  deleted: number;
  leftFilter: number;
  reconciliation?: { reason: string; retired: number };
  /** The delete log's latestDateCovered: where the next window starts. */
  deletesCovered?: string;
}

interface DeletedAnswer {
  deletedRecords?: Array<{ id: string; deletedDate: string }>;
  earliestDateAvailable?: string;
  latestDateCovered?: string;
}

const sfInstant = (iso: string): string => `${new Date(iso).toISOString().slice(0, 19)}+00:00`;
const truthy = (v: unknown): boolean => v === true || /^(true|1)$/i.test(String(v ?? ''));

/**
 * Rows of the DE whose records are no longer in the sync's set — deleted in Salesforce, or no longer
 * matching its `where` (a lead converted, a user deactivated) — are removed or flagged
 * (`IsDeleted = true`), each kind counted:
 *   - deletes come from the REST delete log (`/sobjects/{T}/deleted/?start=&end=`) for the window since
 *     the last one;
 *   - records that left the filter are those changed since the watermark that match `NOT (where)`;
 *   - when the log cannot vouch for the whole window (its `earliestDateAvailable` is later than the
 *     window's start, or Salesforce refuses the window), and on a first or full run, every row of the DE
 *     is compared by Id with the org instead (a full reconciliation, said so in the summary).
 */
export async function retireGone(input: RetireInput): Promise<RetireResult> {
  const { sync, conn, target, budget } = input;
  const out: RetireResult = { deleted: 0, leftFilter: 0 };
  let reconciled = 0;
  const report = () => input.onProgress({ deleted: out.deleted, leftFilter: out.leftFilter, reconciled });

  const retire = async (ids: string[], count: (n: number) => void): Promise<void> => {
    for (let i = 0; i < ids.length; i += input.batchRows) {
      const chunk = ids.slice(i, i + input.batchRows);
      if (sync.deletes === 'remove') await target.remove(sync.targetKey, chunk);
      else {
        const { rejected } = await target.upsert(
          sync.targetKey,
          rowBatchOf(chunk.map((Id) => ({ Id, IsDeleted: true }))),
        );
        await input.recordRejects(rejected);
      }
      count(chunk.length);
      report();
    }
  };

  let reason: string | undefined;
  if (!input.since) reason = 'first or full run: every row of the data extension compared with the org';
  else {
    const start = input.deletesFrom ?? input.since;
    if (new Date(start).getTime() < input.now.getTime()) {
      const path = `/services/data/v${conn.version}/sobjects/${sync.object}/deleted/?start=${encodeURIComponent(sfInstant(start))}&end=${encodeURIComponent(sfInstant(input.now.toISOString()))}`;
      let answer: DeletedAnswer | undefined;
      try {
        answer = await budget.call('the deleted-records read', () => conn.request<DeletedAnswer>(path));
      } catch (e) {
        const err = e as { errorCode?: string; message?: string };
        // getDeleted() rules: a window the log no longer covers is refused with INVALID_REPLICATION_DATE.
        if (err.errorCode !== 'INVALID_REPLICATION_DATE') throw e;
        reason = `Salesforce refused the delete-log window from ${start} (${err.message ?? err.errorCode})`;
      }
      if (answer) {
        // Deletes up to here are in hand either way: listed, or caught by the reconciliation below.
        out.deletesCovered = answer.latestDateCovered;
        const earliest = answer.earliestDateAvailable;
        if (earliest && new Date(earliest.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) > new Date(start)) {
          reason = `Salesforce's delete log for ${sync.object} starts at ${earliest}, after ${start} (the recycle bin was emptied): deletes before it are no longer listed`;
        } else {
          await retire(
            (answer.deletedRecords ?? []).map((r) => r.id),
            (n) => {
              out.deleted += n;
            },
          );
        }
      }
    }
  }

  if (!reason && input.since && sync.where?.trim()) {
    const left: string[] = [];
    const soql = `SELECT Id FROM ${sync.object} WHERE SystemModstamp >= ${soqlDateTime(input.since)} AND (NOT (${sync.where}))`;
    for await (const page of extractRest(conn, soql, false, budget))
      for (const r of page) left.push(String(r.Id));
    await retire(left, (n) => {
      out.leftFilter += n;
    });
  }

  if (reason) {
    const flagged = sync.deletes === 'flag';
    const inDe = new Map<string, boolean>();
    for await (const row of target.readKeys(sync.targetKey, flagged ? ['Id', 'IsDeleted'] : ['Id'])) {
      if (row.Id !== null && row.Id !== undefined) inDe.set(String(row.Id), flagged && truthy(row.IsDeleted));
    }
    let gone: string[] = [];
    if (inDe.size && input.seen) {
      const seen = input.seen;
      gone = [...inDe].filter(([id, isFlagged]) => !isFlagged && !seen.has(id)).map(([id]) => id);
    } else if (inDe.size) {
      const where = sync.where?.trim() ? ` WHERE (${sync.where})` : '';
      for await (const page of extractRest(conn, `SELECT Id FROM ${sync.object}${where}`, false, budget)) {
        for (const r of page) inDe.delete(String(r.Id));
      }
      gone = [...inDe].filter(([, isFlagged]) => !isFlagged).map(([id]) => id);
    }
    await retire(gone, (n) => {
      reconciled += n;
    });
    out.reconciliation = { reason, retired: reconciled };
  }
  return out;
}
