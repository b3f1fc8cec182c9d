import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySink, type RowBatch, rowBatchOf, snapshotScores } from '../../src/sync/index.ts';
import { leads, startOrg } from './fixture.ts';

let org: Awaited<ReturnType<typeof startOrg>> | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

describe('snapshotScores', () => {
  it('appends one row per lead and contact per SFMC (CST) day, keyed by a text SnapshotId', async () => {
    org = await startOrg({ pageSize: 4 });
    const leadIds = org.emu.store.insert('Lead', leads(5));
    const [contactId] = org.emu.store.insert('Contact', [
      { LastName: 'C', pi__score__c: null, pi__grade__c: 'B' },
    ]);
    const sink = createMemorySink();
    // The memory sink keys rows by Id; key them by the DE's primary key instead.
    const keyed = {
      ...sink,
      upsert: (key: string, { rows }: RowBatch) =>
        sink.upsert(key, rowBatchOf(rows.map((r) => ({ ...r, Id: r.SnapshotId })))),
    };
    const day1 = await snapshotScores({
      conn: org.conn,
      target: keyed,
      date: new Date('2026-02-01T08:00:00Z'),
    });
    org.emu.store.update('Lead', [{ Id: leadIds[2], pi__score__c: 77 }]);
    await snapshotScores({ conn: org.conn, target: keyed, date: new Date('2026-02-02T08:00:00Z') });
    await snapshotScores({ conn: org.conn, target: keyed, date: new Date('2026-02-02T20:00:00Z') });
    // 03:00 UTC on the 3rd is still the 2nd in SFMC's clock: the same day's row again.
    await snapshotScores({ conn: org.conn, target: keyed, date: new Date('2026-02-03T03:00:00Z') });
    expect(day1.rows).toBe(6);
    const table = sink.tables.get('ScoreSnapshot')!;
    expect(table.size).toBe(12);
    expect(table.get(`${leadIds[2]}|2026-02-01`)).toMatchObject({
      Score: 2,
      Stage: 'Open - Not Contacted',
      ObjectType: 'Lead',
    });
    expect(table.get(`${leadIds[2]}|2026-02-02`)).toMatchObject({ Score: 77 });
    expect(table.get(`${contactId}|2026-02-02`)).toMatchObject({ Score: null, Grade: 'B', Stage: 'Contact' });
    expect(
      sink.schemas
        .get('ScoreSnapshot')
        ?.filter((f) => f.isPrimaryKey)
        .map((f) => f.name),
    ).toEqual(['SnapshotId']);
    expect(sink.schemas.get('ScoreSnapshot')?.find((f) => f.name === 'SnapshotDate')?.type).toBe('Date');
  });
});
