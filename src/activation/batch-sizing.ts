/**
 * Batch sizes for CampaignMember writes, from the platform's own limits, and the calls they cost.
 *
 * - sObject Collections take at most 200 records a request (REST API Developer Guide, "sObject
 *   Collections": "up to 200 records").
 * - A Bulk API 2.0 ingest job takes one CSV upload of at most 150 MB (Bulk API 2.0 Developer Guide,
 *   "Limits and Allocations", Limits for Ingest Jobs: "Maximum file size. 150 MB"). Larger changes
 *   are split into several jobs, each under the cap.
 */
import type { WriteRecord } from './salesforce-port.ts';

export const COLLECTIONS_MAX_RECORDS = 200;
export const BULK_INGEST_MAX_BYTES = 150 * 1024 * 1024;

const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Bytes of one record as a CSV line (UTF-8, with its line ending), in the given column order. */
export function csvLineBytes(record: WriteRecord, columns: string[]): number {
  return Buffer.byteLength(columns.map((c) => csvCell(record[c] ?? '')).join(',')) + 1;
}

/**
 * Splits records into Bulk ingest uploads of at most `maxBytes` each (header line included).
 * A single record larger than the cap is a usage error rather than a job Salesforce would refuse.
 */
export function splitForBulk(records: WriteRecord[], maxBytes = BULK_INGEST_MAX_BYTES): WriteRecord[][] {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const header = Buffer.byteLength(columns.join(',')) + 1;
  const out: WriteRecord[][] = [];
  let chunk: WriteRecord[] = [];
  let size = header;
  for (const r of records) {
    const n = csvLineBytes(r, columns);
    if (header + n > maxBytes) {
      throw new RangeError(`one CampaignMember record is ${n} bytes, over the ${maxBytes}-byte upload cap`);
    }
    if (size + n > maxBytes && chunk.length) {
      out.push(chunk);
      chunk = [];
      size = header;
    }
    chunk.push(r);
    size += n;
  }
  if (chunk.length) out.push(chunk);
  return out;
}

/** Requests one write of `n` records costs: Collections calls, or Bulk jobs (each job is
 * create + upload + close + status polls + 2 result reads; counted here as jobs). */
export function writeCalls(n: number, method: 'collections' | 'bulk', bytesPerRecord = 60): number {
  if (n <= 0) return 0;
  if (method === 'collections') return Math.ceil(n / COLLECTIONS_MAX_RECORDS);
  return Math.max(1, Math.ceil((n * bytesPerRecord) / BULK_INGEST_MAX_BYTES));
}

/** Calls per 1,000 members for the method, as reported by plan/activate summaries. */
export const callsPerThousand = (method: 'collections' | 'bulk'): number => writeCalls(1000, method);
