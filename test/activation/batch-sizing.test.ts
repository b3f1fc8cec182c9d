import type { Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import {
  BULK_INGEST_MAX_BYTES,
  callsPerThousand,
  csvLineBytes,
  splitForBulk,
  writeCalls,
} from '../../src/activation/batch-sizing.ts';
import { jsforceCampaignPort } from '../../src/activation/salesforce-port.ts';

const rec = (i: number) => ({
  CampaignId: '701000000000001AAA',
  LeadId: `00Q${String(i).padStart(15, '0')}`,
  Status: 'Sent',
});

describe('activation write batch sizing', () => {
  it('keeps every Bulk upload under the byte cap, header included, and loses no record', () => {
    const records = Array.from({ length: 50 }, (_, i) => rec(i));
    const cols = Object.keys(records[0]);
    const header = Buffer.byteLength(cols.join(',')) + 1;
    const line = csvLineBytes(records[0], cols);
    const cap = header + line * 7 + 3;
    const chunks = splitForBulk(records, cap);
    expect(chunks.map((c) => c.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
    expect(chunks.flat()).toEqual(records);
    for (const c of chunks)
      expect(header + c.reduce((n, r) => n + csvLineBytes(r, cols), 0)).toBeLessThanOrEqual(cap);
  });

  it('counts quoted CSV cells at their encoded size', () => {
    expect(csvLineBytes({ Status: 'a,"b"' }, ['Status'])).toBe(Buffer.byteLength('"a,""b"""') + 1);
  });

  it('refuses a record larger than the cap instead of sending a job Salesforce refuses', () => {
    expect(() => splitForBulk([rec(1)], 10)).toThrow(/over the 10-byte upload cap/);
  });

  it('reports calls per 1,000 members from the platform limits', () => {
    expect(BULK_INGEST_MAX_BYTES).toBe(150 * 1024 * 1024);
    expect(callsPerThousand('collections')).toBe(5);
    expect(callsPerThousand('bulk')).toBe(1);
    expect(writeCalls(201, 'collections')).toBe(2);
    expect(writeCalls(0, 'bulk')).toBe(0);
  });

  it('splits a large Bulk write into several ingest jobs under the cap', async () => {
    const jobs: number[] = [];
    const conn = {
      sobject: () => ({}),
      bulk2: {
        loadAndWaitForResults: async (o: { input: Array<Record<string, string>> }) => {
          jobs.push(o.input.length);
          return {
            successfulResults: o.input.map((r, i) => ({ ...r, sf__Id: `00v${i}`, sf__Created: 'true' })),
            failedResults: [],
            unprocessedRecords: [],
          };
        },
      },
    } as unknown as Connection;
    const records = Array.from({ length: 30 }, (_, i) => rec(i));
    const cols = Object.keys(records[0]);
    const cap = Buffer.byteLength(cols.join(',')) + 1 + csvLineBytes(records[0], cols) * 10;
    const port = jsforceCampaignPort(conn, { bulkMaxBytes: cap });
    const out = await port.write('insert', records, true);
    expect(jobs).toEqual([10, 10, 10]);
    expect(port.calls.bulkJobs).toBe(3);
    expect(out.filter((o) => o.ok)).toHaveLength(30);
  });
});
