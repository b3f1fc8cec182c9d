import { afterEach, describe, expect, it } from 'vitest';
import { startOrg } from '../sync/fixture.ts';

type Org = Awaited<ReturnType<typeof startOrg>>;
let org: Org | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

const DAY = 86_400;

describe("the emulator's Salesforce: record writes, deleted records, recycle bin, limits", () => {
  it('creates, updates and deletes records as jsforce sends them (single and collections)', async () => {
    org = await startOrg();
    const { conn, emu } = org;
    const one = (await conn.sobject('Lead').create({ LastName: 'Solo', Company: 'Acme' })) as {
      id: string;
      success: boolean;
    };
    expect(one.success).toBe(true);
    const many = (await conn
      .sobject('Lead')
      .create([{ LastName: 'A', Company: 'X' }, { Company: 'no last name' }])) as Array<{
      success: boolean;
      errors: Array<{ statusCode: string; fields: string[] }>;
    }>;
    expect(many[0].success).toBe(true);
    expect(many[1]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] }],
    });
    org.tick(60);
    await conn.sobject('Lead').update({ Id: one.id, Email: 'solo@example.com' });
    const [rec] = (await conn.query(`SELECT Email, Status, SystemModstamp FROM Lead WHERE Id = '${one.id}'`))
      .records;
    expect(rec).toMatchObject({ Email: 'solo@example.com', Status: 'Open - Not Contacted' });
    expect(rec.SystemModstamp).toBe('2026-02-01T00:01:00.000+0000');
    // Conversion fields are read-only: only convertLead() sets them.
    await expect(conn.sobject('Lead').update({ Id: one.id, IsConverted: true })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });
    await conn.sobject('Lead').destroy(one.id);
    expect(emu.store.count('Lead')).toBe(1);
    await expect(conn.sobject('Lead').destroy(one.id)).rejects.toMatchObject({
      errorCode: 'ENTITY_IS_DELETED',
    });
  });

  it('converts a lead: account and contact created, lead updated with the conversion fields', async () => {
    org = await startOrg();
    const [id] = org.emu.store.insert('Lead', [
      {
        FirstName: 'Ada',
        LastName: 'L',
        Company: 'Engines',
        Email: 'ada@x.io',
        Status: 'Working - Contacted',
      },
    ]);
    org.tick(DAY);
    const { contactId, accountId } = org.emu.store.convertLead(id);
    const [lead] = (
      await org.conn.query(
        `SELECT IsConverted, ConvertedDate, ConvertedContactId, ConvertedAccountId, Status FROM Lead WHERE Id = '${id}'`,
      )
    ).records;
    expect(lead).toMatchObject({
      IsConverted: true,
      ConvertedDate: '2026-02-02',
      ConvertedContactId: contactId,
      ConvertedAccountId: accountId,
      Status: 'Closed - Converted',
    });
    const [contact] = (await org.conn.query(`SELECT Email, AccountId FROM Contact WHERE Id = '${contactId}'`))
      .records;
    expect(contact).toMatchObject({ Email: 'ada@x.io', AccountId: accountId });
  });

  it('lists deletes in a window, and the recycle bin empties after its age, moving earliestDateAvailable', async () => {
    org = await startOrg({ recycleBinDays: 15 });
    const { conn, emu } = org;
    const ids = emu.store.insert('Lead', [
      { LastName: 'a', Company: 'c' },
      { LastName: 'b', Company: 'c' },
    ]);
    const created = org.now().toISOString();
    org.tick(DAY);
    await conn.sobject('Lead').destroy(ids[0]);
    const deletedAt = org.now().toISOString();
    org.tick(DAY);
    const res = (await conn.sobject('Lead').deleted(created, org.now())) as unknown as {
      deletedRecords: Array<{ id: string; deletedDate: string }>;
      earliestDateAvailable: string;
      latestDateCovered: string;
    };
    expect(res.deletedRecords).toEqual([{ id: ids[0], deletedDate: deletedAt.replace('Z', '+0000') }]);
    // Nothing purged yet: the log reaches back to the org's creation (a year before the emulator's start).
    expect(res.earliestDateAvailable).toBe('2025-02-01T00:00:00.000+0000');
    expect(res.latestDateCovered).toBe(org.now().toISOString().replace('Z', '+0000'));
    // 16 days later the bin has been emptied: the delete is gone from the log and from queryAll.
    org.tick(16 * DAY);
    const later = (await conn.sobject('Lead').deleted(created, org.now())) as unknown as typeof res;
    expect(later.deletedRecords).toEqual([]);
    expect(later.earliestDateAvailable).toBe(deletedAt.replace('Z', '+0000'));
    const all = await conn.query('SELECT Id FROM Lead WHERE IsDeleted = true', { scanAll: true });
    expect(all.totalSize).toBe(0);
    await expect(conn.sobject('Lead').deleted(org.now(), created)).rejects.toMatchObject({
      errorCode: 'INVALID_REPLICATION_DATE',
    });
  });

  it('reports the daily API allowance in /limits', async () => {
    org = await startOrg({ apiLimit: 1000 });
    const limits = (await org.conn.limits()) as unknown as {
      DailyApiRequests: { Max: number; Remaining: number };
    };
    expect(limits.DailyApiRequests.Max).toBe(1000);
    expect(limits.DailyApiRequests.Remaining).toBe(1000 - org.emu.apiUsage());
  });
});
