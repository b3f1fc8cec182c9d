import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFileCheckpointStore,
  createMemoryCheckpointStore,
  createMemorySink,
  type DeRow,
  type RowBatch,
  runSync,
  type SyncSpec,
} from '../../src/sync/index.ts';
import { leads, startOrg } from './fixture.ts';

const spec: SyncSpec = {
  name: 'leads',
  object: 'Lead',
  fields: [
    'FirstName',
    'LastName',
    'Email',
    'Status',
    'pi__score__c',
    'IsConverted',
    'AnnualRevenue',
    'ConvertedDate',
  ],
  targetKey: 'crm_leads',
  mode: 'incremental',
  deletes: 'remove',
};

let org: Awaited<ReturnType<typeof startOrg>> | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

/** The source as the DE should hold it, read straight from the emulator's table. */
function sourceRows(o: NonNullable<typeof org>): Map<string, DeRow> {
  const rows = o.emu.store.db
    .prepare(
      'SELECT Id, FirstName, LastName, Email, Status, pi__score__c, IsConverted, AnnualRevenue, ConvertedDate, SystemModstamp FROM sf_Lead WHERE IsDeleted = 0',
    )
    .all() as Array<Record<string, string | number | null>>;
  return new Map(
    rows.map((r) => [
      String(r.Id),
      {
        ...r,
        IsConverted: r.IsConverted === 1,
        // As SFMC's clock reads it: CST, six hours behind UTC.
        SystemModstamp: new Date(Date.parse(String(r.SystemModstamp)) - 6 * 3_600_000)
          .toISOString()
          .slice(0, 19)
          .replace('T', ' '),
      },
    ]),
  );
}

describe('runSync', () => {
  it('full run: derives the schema from describe and copies every row with typed values (REST)', async () => {
    org = await startOrg();
    org.emu.store.insert('Lead', leads(120));
    const sink = createMemorySink();
    const cps = createMemoryCheckpointStore();
    const summary = await runSync({
      sync: spec,
      conn: org.conn,
      target: sink,
      checkpoint: cps,
      options: { batchRows: 25 },
    });
    expect(summary).toMatchObject({
      method: 'rest',
      extracted: 120,
      upserted: 120,
      rejected: 0,
      deleted: 0,
      batches: 5,
    });
    expect(sink.schemas.get('crm_leads')).toEqual([
      { name: 'Id', type: 'Text', length: 18, isPrimaryKey: true, isNullable: false },
      { name: 'SystemModstamp', type: 'Date', isPrimaryKey: false, isNullable: true },
      { name: 'FirstName', type: 'Text', length: 40, isPrimaryKey: false, isNullable: true },
      { name: 'LastName', type: 'Text', length: 80, isPrimaryKey: false, isNullable: true },
      { name: 'Email', type: 'EmailAddress', length: 254, isPrimaryKey: false, isNullable: true },
      { name: 'Status', type: 'Text', length: 40, isPrimaryKey: false, isNullable: true },
      {
        name: 'pi__score__c',
        type: 'Decimal',
        precision: 18,
        scale: 0,
        isPrimaryKey: false,
        isNullable: true,
      },
      { name: 'IsConverted', type: 'Boolean', isPrimaryKey: false, isNullable: true },
      {
        name: 'AnnualRevenue',
        type: 'Decimal',
        precision: 18,
        scale: 0,
        isPrimaryKey: false,
        isNullable: true,
      },
      { name: 'ConvertedDate', type: 'Date', isPrimaryKey: false, isNullable: true },
    ]);
    expect(sink.tables.get('crm_leads')).toEqual(sourceRows(org));
    expect(sink.tables.get('crm_leads')?.get(summary.rejects[0]?.id ?? '')).toBeUndefined();
    expect((await cps.load('leads'))?.run).toBeUndefined();
  });

  it('uses Bulk 2.0 above the threshold and converts its string values', async () => {
    org = await startOrg({ bulkPageSize: 30 });
    org.emu.store.insert('Lead', leads(95));
    const sink = createMemorySink();
    const summary = await runSync({
      sync: { ...spec, bulkThreshold: 50 },
      conn: org.conn,
      target: sink,
      checkpoint: createMemoryCheckpointStore(),
      options: { batchRows: 40, bulkPollIntervalMs: 5, bulkPageSize: 30 },
    });
    expect(summary).toMatchObject({ method: 'bulk', extracted: 95, upserted: 95 });
    expect(sink.tables.get('crm_leads')).toEqual(sourceRows(org));
  });

  it('incremental run picks up changes since the watermark, and removes soft-deleted rows', async () => {
    org = await startOrg();
    org.emu.store.insert(
      'Lead',
      leads(40).map((l, i) => ({
        ...l,
        SystemModstamp: new Date(Date.UTC(2026, 0, 20) - i * 3_600_000).toISOString(),
      })),
    );
    const sink = createMemorySink();
    const cps = createMemoryCheckpointStore();
    await runSync({ sync: spec, conn: org.conn, target: sink, checkpoint: cps });
    org.tick(3600);
    const ids = [...sink.tables.get('crm_leads')!.keys()];
    org.emu.store.update('Lead', [{ Id: ids[3], Status: 'Closed - Converted', pi__score__c: 999 }]);
    org.emu.store.softDelete('Lead', [ids[5], ids[6]]);
    org.emu.store.insert('Lead', leads(2, 100));
    const second = await runSync({
      sync: spec,
      conn: org.conn,
      target: sink,
      checkpoint: cps,
      options: { overlapSeconds: 60 },
    });
    // 4 = the row at the watermark (inside the overlap window) + 1 update + 2 inserts; deleted rows are not extracted.
    expect(second).toMatchObject({ mode: 'incremental', extracted: 4, upserted: 4, deleted: 2 });
    expect(second.since).toBe('2026-01-19T23:59:00.000Z');
    expect(sink.tables.get('crm_leads')).toEqual(sourceRows(org));
    expect(sink.tables.get('crm_leads')?.size).toBe(40);
  });

  it('flags deletes instead of removing them when asked; a record never synced gets at most a bare flag', async () => {
    org = await startOrg();
    const [a, b, c] = org.emu.store.insert('Lead', leads(3));
    org.emu.store.softDelete('Lead', [c]);
    const sink = createMemorySink();
    const cps = createMemoryCheckpointStore();
    const flagSpec: SyncSpec = { ...spec, deletes: 'flag' };
    await runSync({ sync: flagSpec, conn: org.conn, target: sink, checkpoint: cps });
    expect([...sink.tables.get('crm_leads')!.keys()].sort()).toEqual([a, b].sort());
    org.tick(3600);
    org.emu.store.softDelete('Lead', [b]);
    const second = await runSync({ sync: flagSpec, conn: org.conn, target: sink, checkpoint: cps });
    // b, and c: deleted before the first run yet inside the window the delete log is read for.
    expect(second).toMatchObject({ deleted: 2, leftFilter: 0 });
    expect(second.reconciliation).toBeUndefined();
    expect(sink.tables.get('crm_leads')?.get(a)?.IsDeleted).toBe(false);
    expect(sink.tables.get('crm_leads')?.get(b)).toMatchObject({ Id: b, IsDeleted: true, LastName: 'L1' });
    expect(sink.tables.get('crm_leads')?.get(c)).toEqual({ Id: c, IsDeleted: true });
  });

  it('flags records that leave the filter (a converted lead), and counts them apart from deletes', async () => {
    org = await startOrg();
    const ids = org.emu.store.insert(
      'Lead',
      leads(5).map((l) => ({ ...l, IsConverted: false, ConvertedDate: null })),
    );
    const sink = createMemorySink();
    const cps = createMemoryCheckpointStore();
    const filtered: SyncSpec = { ...spec, where: 'IsConverted = false', deletes: 'flag' };
    await runSync({ sync: filtered, conn: org.conn, target: sink, checkpoint: cps });
    org.tick(3600);
    org.emu.store.convertLead(ids[1]);
    org.emu.store.softDelete('Lead', [ids[2]]);
    const second = await runSync({ sync: filtered, conn: org.conn, target: sink, checkpoint: cps });
    expect(second).toMatchObject({ deleted: 1, leftFilter: 1 });
    expect(sink.tables.get('crm_leads')?.get(ids[1])).toMatchObject({ IsDeleted: true, IsConverted: false });
    expect(sink.tables.get('crm_leads')?.get(ids[2])).toMatchObject({ IsDeleted: true });
    expect(sink.tables.get('crm_leads')?.get(ids[3])).toMatchObject({ IsDeleted: false });
  });

  it('reconciles by Id when the delete log no longer reaches back to the last run, and says so', async () => {
    org = await startOrg({ recycleBinDays: 15 });
    const ids = org.emu.store.insert('Lead', leads(6));
    const sink = createMemorySink();
    const cps = createMemoryCheckpointStore();
    const first = await runSync({ sync: spec, conn: org.conn, target: sink, checkpoint: cps });
    expect(first.reconciliation?.reason).toMatch(/first or full run/);
    // Two deletes, then 20 days without a sync: the recycle bin empties and the log forgets them.
    org.tick(86_400);
    org.emu.store.softDelete('Lead', [ids[0], ids[4]]);
    org.tick(20 * 86_400);
    org.emu.store.update('Lead', [{ Id: ids[1], Status: 'Working - Contacted' }]);
    const second = await runSync({ sync: spec, conn: org.conn, target: sink, checkpoint: cps });
    expect(second.reconciliation?.reason).toMatch(/delete log for Lead starts at .* after/);
    expect(second.reconciliation?.retired).toBe(2);
    expect(second.deleted).toBe(0);
    expect(sink.tables.get('crm_leads')).toEqual(sourceRows(org));
  });

  it('collects rejected rows with reasons in the summary and the rejects file', async () => {
    org = await startOrg();
    org.emu.store.insert('Lead', leads(10));
    const sink = createMemorySink({
      reject: (row) => (Number(row.pi__score__c) % 4 === 1 ? 'Email: not a valid email address' : undefined),
    });
    const dir = await mkdtemp(join(tmpdir(), 'sync-rejects-'));
    const summary = await runSync({
      sync: spec,
      conn: org.conn,
      target: sink,
      checkpoint: createMemoryCheckpointStore(),
      options: { rejectsFile: join(dir, 'rejects.jsonl'), batchRows: 3 },
    });
    expect(summary).toMatchObject({ extracted: 10, upserted: 7, rejected: 3 });
    expect(summary.rejects.map((r) => r.reason)).toEqual(Array(3).fill('Email: not a valid email address'));
    const lines = (await readFile(join(dir, 'rejects.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.row.pi__score__c).sort()).toEqual([1, 5, 9]);
    expect(sink.tables.get('crm_leads')?.size).toBe(7);
  });

  it('resumes a failed run from the checkpoint file without redoing committed batches', async () => {
    org = await startOrg();
    org.emu.store.insert('Lead', leads(100));
    const dir = await mkdtemp(join(tmpdir(), 'sync-cp-'));
    const cps = createFileCheckpointStore(dir);
    const sink = createMemorySink();
    let calls = 0;
    const failing = {
      ...sink,
      upsert: async (key: string, batch: RowBatch) => {
        calls += 1;
        if (calls === 4) throw new Error('socket hang up');
        return sink.upsert(key, batch);
      },
    };
    await expect(
      runSync({
        sync: spec,
        conn: org.conn,
        target: failing,
        checkpoint: cps,
        options: { batchRows: 10, concurrency: 1 },
      }),
    ).rejects.toMatchObject({ code: 'SYNC_FAILED' });
    const cp = JSON.parse(await readFile(join(dir, 'leads.json'), 'utf8'));
    expect(cp.run).toMatchObject({ phase: 'upsert', upserted: 30 });
    expect(sink.tables.get('crm_leads')?.size).toBe(30);

    const resumed = await runSync({
      sync: spec,
      conn: org.conn,
      target: sink,
      checkpoint: cps,
      options: { batchRows: 10, concurrency: 1 },
    });
    expect(resumed).toMatchObject({ resumed: true, extracted: 70, upserted: 100 });
    expect(sink.calls.filter((c) => c.startsWith('upsert'))).toHaveLength(10);
    expect(sink.tables.get('crm_leads')).toEqual(sourceRows(org));
  });

  it('names unknown fields before touching the target', async () => {
    org = await startOrg();
    const sink = createMemorySink();
    await expect(
      runSync({
        sync: { ...spec, fields: ['Nope__c'] },
        conn: org.conn,
        target: sink,
        checkpoint: createMemoryCheckpointStore(),
      }),
    ).rejects.toThrow(/Lead has no field Nope__c/);
    expect(sink.calls).toEqual([]);
  });

  it("fails with the target's own error when the schema cannot be made, rows or none, and resumes at the upsert", async () => {
    org = await startOrg();
    for (const rows of [0, 30]) {
      if (rows) org.emu.store.insert('Lead', leads(rows));
      const sink = createMemorySink();
      const broken = {
        ...sink,
        ensureSchema: async () => {
          throw new Error('DE create refused');
        },
      };
      const cps = createMemoryCheckpointStore();
      await expect(
        runSync({ sync: spec, conn: org.conn, target: broken, checkpoint: cps, options: { batchRows: 10 } }),
      ).rejects.toThrow('DE create refused');
      expect(sink.calls).toEqual([]);
      // Nothing was upserted, so the next run starts the upsert phase again rather than skipping it.
      expect((await cps.load('leads'))?.run).toMatchObject({ phase: 'upsert', upserted: 0 });
    }
  });
});
