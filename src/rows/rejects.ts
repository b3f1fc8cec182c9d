import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

/** One row SFMC (or the check before sending) refused, as a line of the rejects file. */
export interface RejectedRow {
  /** Record number in the input (1-based, data rows), or the range of a batch SFMC refused rows of. */
  record?: number;
  records?: string;
  reason: string;
  row?: Record<string, unknown>;
  requestId?: string;
}

export interface RejectSink {
  add(reject: RejectedRow): Promise<void>;
  readonly count: number;
  close(): Promise<void>;
}

/** Rejects as JSON Lines; the file is created on the first reject only. */
export function createRejectsFile(path: string): RejectSink & { readonly path: string } {
  let out: WriteStream | undefined;
  let count = 0;
  return {
    path,
    get count() {
      return count;
    },
    async add(reject) {
      count += 1;
      if (!out) {
        mkdirSync(dirname(path), { recursive: true });
        out = createWriteStream(path, 'utf8');
      }
      if (!out.write(`${JSON.stringify(reject)}\n`)) await once(out, 'drain');
    },
    async close() {
      if (!out) return;
      out.end();
      await once(out, 'finish');
    },
  };
}

/** Keeps rejects in memory (tests, library callers who want them as data). */
export function createMemoryRejects(): RejectSink & { rows: RejectedRow[] } {
  const rows: RejectedRow[] = [];
  return {
    rows,
    get count() {
      return rows.length;
    },
    async add(reject) {
      rows.push(reject);
    },
    async close() {},
  };
}
