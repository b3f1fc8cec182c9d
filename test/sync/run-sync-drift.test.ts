import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFileCheckpointStore,
  createMemoryCheckpointStore,
  createMemorySink,
  type RowBatch,
  runSync,
  type SyncSpec,
} from '../../src/sync/index.ts';
import { leads, startOrg } from './fixture.ts';

let org: Awaited<ReturnType<typeof startOrg>> | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

const spec: SyncSpec = {
  name: 'leads',
  object: 'Lead',
  fields: ['LastName', 'Email', 'Description'],
  targetKey: 'crm_leads',
  mode: 'incremental',
  deletes: 'remove',
};

describe('runSync keeps the DE true to the org', () => {
  it('cuts text longer than its DE field, counts it per field, and lists the row in the rejects file', async () => {
    org = await startOrg();
    const ids = org.emu.store.insert('Lead', [
      ...leads(3),
      { LastName: 'Long', Company: 'X', Status: 'Open - Not Contacted', Description: 'é'.repeat(5000) },
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'sync-trunc-'));
    const sink = createMemorySink();
    const summary = await runSync({
      sync: spec,
      conn: org.conn,
      target: sink,
      checkpoint: createMemoryCheckpointStore(),
      options: { rejectsFile: join(dir, 'rejects.jsonl') },
    });
    expect(summary).toMatchObject({ upserted: 4, rejected: 0, truncated: { Description: 1 } });
    expect(String(sink.tables.get('crm_leads')?.get(ids[3])?.Description)).toBe('é'.repeat(4000));
    const lines = (await readFile(join(dir, 'rejects.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({
        kind: 'truncated',
        id: ids[3],
        truncated: [{ field: 'Description', from: 5000, to: 4000 }],
        row: expect.objectContaining({ Id: ids[3], LastName: 'Long' }),
      }),
    ]);
  });

  it('reports two records that land on one DE key (Ids equal but for case) instead of overwriting in silence', async () => {
    org = await startOrg();
    org.emu.store.insert('Lead', [
      { Id: '00Qabc000000001', LastName: 'first', Company: 'X', Status: 'Open - Not Contacted' },
      { Id: '00QABC000000001', LastName: 'second', Company: 'X', Status: 'Open - Not Contacted' },
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'sync-overwrite-'));
    const summary = await runSync({
      sync: spec,
      conn: org.conn,
      target: createMemorySink(),
      checkpoint: createMemoryCheckpointStore(),
      options: { rejectsFile: join(dir, 'rejects.jsonl') },
    });
    expect(summary.overwrites).toBe(1);
    const [line] = (await readFile(join(dir, 'rejects.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(line).toMatchObject({ kind: 'overwrite', row: { LastName: expect.any(String) } });
    expect(line.reason).toMatch(/same primary key/);
  });

  it('reads /limits first and stops with a clear message before it would exhaust the daily API requests', async () => {
    org = await startOrg({ apiLimit: 40, pageSize: 10 });
    org.emu.store.insert('Lead', leads(300));
    const sink = createMemorySink();
    const error = await runSync({
      sync: spec,
      conn: org.conn,
      target: sink,
      checkpoint: createMemoryCheckpointStore(),
      options: { apiReserve: 10, batchRows: 20 },
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    // 300 records in REST pages of 2,000 ask for 2 pages; the emulator's pages of 10 need 30: the
    // sync stops when the allowance reaches the reserve, before the org is exhausted.
    expect(error?.message).toMatch(
      /stopped before a query page: .* the org has \d+ of 40 left today, 10 of them kept in reserve/,
    );
    expect(org.emu.apiUsage()).toBeLessThanOrEqual(31);
    // What was read before the stop is committed, and the checkpoint says where to carry on.
    expect(sink.tables.get('crm_leads')?.size ?? 0).toBeGreaterThanOrEqual(200);
  });

  it('reports the Salesforce API calls a run used, and refuses up front a run that needs more than is left', async () => {
    org = await startOrg({ apiLimit: 20 });
    org.emu.store.insert('Lead', leads(20));
    const summary = await runSync({
      sync: spec,
      conn: org.conn,
      target: createMemorySink(),
      checkpoint: createMemoryCheckpointStore(),
    });
    expect(summary.apiCalls).toBe(org.emu.apiUsage());
    expect(summary.apiRemaining).toBe(20 - org.emu.apiUsage());
    org.emu.store.insert('Lead', leads(30_000, 100));
    const before = org.emu.apiUsage();
    await expect(
      runSync({
        sync: { ...spec, name: 'big', bulkThreshold: 1_000_000 },
        conn: org.conn,
        target: createMemorySink(),
        checkpoint: createMemoryCheckpointStore(),
        options: { full: true },
      }),
    ).rejects.toThrow(
      /stopped before reading 30020 Lead records: it needs about 17 more .* of 20 left today/,
    );
    // /limits, describe and the count: nothing was extracted.
    expect(org.emu.apiUsage() - before).toBe(3);
  });

  it('queries Bulk 2.0 without ORDER BY and resumes a killed run in the same job, from its page locator', async () => {
    org = await startOrg({ bulkPageSize: 30 });
    org.emu.store.insert('Lead', leads(100));
    const sent: string[] = [];
    const request = org.conn.request.bind(org.conn);
    org.conn.request = ((req: unknown, ...rest: unknown[]) => {
      const r = req as { method?: string; url?: string; body?: string };
      if (typeof r === 'object' && r.method === 'POST' && String(r.url).endsWith('/jobs/query'))
        sent.push(String(r.body));
      return (request as (...a: unknown[]) => unknown)(req, ...rest);
    }) as typeof org.conn.request;
    const dir = await mkdtemp(join(tmpdir(), 'sync-bulk-cp-'));
    const cps = createFileCheckpointStore(dir);
    const sink = createMemorySink();
    let calls = 0;
    const failing = {
      ...sink,
      upsert: async (key: string, batch: RowBatch) => {
        calls += 1;
        if (calls === 5) throw new Error('socket hang up');
        return sink.upsert(key, batch);
      },
    };
    const opts = { batchRows: 7, concurrency: 1, bulkPollIntervalMs: 5, bulkPageSize: 30 };
    const bulkSpec = { ...spec, bulkThreshold: 10 };
    await expect(
      runSync({ sync: bulkSpec, conn: org.conn, target: failing, checkpoint: cps, options: opts }),
    ).rejects.toMatchObject({
      code: 'SYNC_FAILED',
    });
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]).query).not.toMatch(/ORDER BY/i);
    const cp = JSON.parse(await readFile(join(dir, 'leads.json'), 'utf8'));
    // 4 batches of 7 committed: 28 records, all in the first 30-record page.
    expect(cp.run).toMatchObject({ phase: 'upsert', upserted: 28, bulk: { locator: '', skip: 28 } });
    expect(cp.run.cursor).toBeUndefined();
    const resumed = await runSync({
      sync: bulkSpec,
      conn: org.conn,
      target: sink,
      checkpoint: cps,
      options: opts,
    });
    expect(sent).toHaveLength(1);
    expect(resumed).toMatchObject({ resumed: true, method: 'bulk', extracted: 72, upserted: 100 });
    expect(sink.tables.get('crm_leads')?.size).toBe(100);
    const done = JSON.parse(await readFile(join(dir, 'leads.json'), 'utf8'));
    expect(done.watermark).toBe('2026-02-01T00:00:00.000Z');
  });
});
