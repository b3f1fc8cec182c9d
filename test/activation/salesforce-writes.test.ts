import { DatabaseSync } from 'node:sqlite';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceEmulator, type SalesforceEmulator } from '../../src/emulator/salesforce/index.ts';
import { serve } from '../salesforce/serve.ts';

const creds = { clientId: 'cid-1', clientSecret: 'cs-1', username: 'u@example.com', password: 'pw' };
let server: Awaited<ReturnType<typeof serve>>;
let emu: SalesforceEmulator;
let conn: jsforce.Connection;
let campaignId: string;
let leads: string[];
let contacts: string[];

beforeAll(async () => {
  let base = '';
  emu = createSalesforceEmulator(new DatabaseSync(':memory:'), { ...creds, baseUrl: () => base });
  server = await serve(() => emu.handler);
  base = server.url;
  leads = emu.store.insert(
    'Lead',
    Array.from({ length: 5 }, (_, i) => ({
      LastName: `L${i}`,
      Company: 'Acme',
      Status: 'Open - Not Contacted',
    })),
  );
  contacts = emu.store.insert('Contact', [{ LastName: 'C0' }, { LastName: 'C1' }]);
  [campaignId] = emu.store.insert('Campaign', [{ Name: 'Spring', IsActive: true }]);
  conn = new jsforce.Connection({ loginUrl: server.url, version: '62.0' });
  await conn.login(creds.username, creds.password);
});
afterAll(() => server.close());

const members = () =>
  emu.store.db
    .prepare(
      'SELECT "LeadId", "ContactId", "LeadOrContactId", "Status" FROM "sf_CampaignMember" WHERE "IsDeleted" = 0 ORDER BY "LeadOrContactId"',
    )
    .all() as Array<Record<string, string | null>>;

describe('sObject Collections on the Salesforce emulator (jsforce create/update/destroy with arrays)', () => {
  it('creates CampaignMembers per record, refusing a duplicate and a bad reference without failing the rest', async () => {
    const res = await conn
      .sobject('CampaignMember')
      .create(
        [
          { CampaignId: campaignId, LeadId: leads[0], Status: 'Sent' },
          { CampaignId: campaignId, ContactId: contacts[0] },
          { CampaignId: campaignId, LeadId: leads[0] },
          { CampaignId: campaignId, LeadId: '00Q000000000000AAA' },
          { LeadId: leads[1] },
        ],
        { allOrNone: false },
      );
    expect(res.map((r) => r.success)).toEqual([true, true, false, false, false]);
    const errors = res.map((r) =>
      r.success ? '' : (r.errors[0] as unknown as { statusCode: string }).statusCode,
    );
    expect(errors.slice(2)).toEqual([
      'DUPLICATE_VALUE',
      'INVALID_CROSS_REFERENCE_KEY',
      'REQUIRED_FIELD_MISSING',
    ]);
    expect(members()).toEqual([
      { LeadId: null, ContactId: contacts[0], LeadOrContactId: contacts[0], Status: 'Sent' },
      { LeadId: leads[0], ContactId: null, LeadOrContactId: leads[0], Status: 'Sent' },
    ]);
  });

  it('rolls every record back under allOrNone when one fails', async () => {
    const res = await conn.sobject('CampaignMember').create(
      [
        { CampaignId: campaignId, LeadId: leads[2] },
        { CampaignId: campaignId, LeadId: leads[0] },
      ],
      { allOrNone: false, headers: {} },
    );
    expect(res.map((r) => r.success)).toEqual([true, false]);
    const before = members().length;
    const body = await conn.request<Array<{ success: boolean; errors: Array<{ statusCode: string }> }>>({
      method: 'POST',
      url: '/services/data/v62.0/composite/sobjects',
      body: JSON.stringify({
        allOrNone: true,
        records: [
          { attributes: { type: 'CampaignMember' }, CampaignId: campaignId, LeadId: leads[3] },
          { attributes: { type: 'CampaignMember' }, CampaignId: campaignId, LeadId: leads[0] },
        ],
      }),
      headers: { 'content-type': 'application/json' },
    });
    expect(body.map((r) => r.errors[0]?.statusCode)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'DUPLICATE_VALUE',
    ]);
    expect(members().length).toBe(before);
  });

  it('updates Status and refuses changing the create-only LeadId; deletes by ids', async () => {
    const [cm] = (
      await conn.query<{ Id: string }>(`SELECT Id FROM CampaignMember WHERE LeadId = '${leads[0]}'`)
    ).records;
    const up = await conn.sobject('CampaignMember').update([
      { Id: cm.Id, Status: 'Responded' },
      { Id: cm.Id, LeadId: leads[4] },
    ]);
    expect(up.map((r) => r.success)).toEqual([true, false]);
    expect(members().find((m) => m.LeadId === leads[0])?.Status).toBe('Responded');
    const del = await conn.sobject('CampaignMember').destroy([cm.Id, '00v000000000000AAA']);
    expect(del.map((r) => r.success)).toEqual([true, false]);
    expect(members().some((m) => m.LeadId === leads[0])).toBe(false);
    const q = await conn.query(`SELECT Id FROM CampaignMember WHERE CampaignId = '${campaignId}'`);
    expect(q.totalSize).toBe(members().length);
  });
});

describe('Bulk API 2.0 ingest on the Salesforce emulator (jsforce bulk2.loadAndWaitForResults)', () => {
  it('inserts from CSV and answers successful and failed records', async () => {
    const res = await conn.bulk2.loadAndWaitForResults({
      object: 'CampaignMember',
      operation: 'insert',
      input: [
        { CampaignId: campaignId, LeadId: leads[4], Status: 'Sent' },
        { CampaignId: campaignId, LeadId: leads[2], Status: 'Sent' },
      ],
      pollInterval: 10,
      pollTimeout: 5000,
    });
    expect(res.successfulResults).toHaveLength(1);
    expect(res.successfulResults[0].sf__Id).toMatch(/^00v/);
    expect((res.successfulResults[0] as Record<string, unknown>).LeadId).toBe(leads[4]);
    expect(res.failedResults).toHaveLength(1);
    expect(String(res.failedResults[0].sf__Error)).toMatch(/^DUPLICATE_VALUE:/);
    expect((res.failedResults[0] as Record<string, unknown>).LeadId).toBe(leads[2]);
  });

  it('deletes from CSV of Ids', async () => {
    const ids = (
      await conn.query<{ Id: string }>(`SELECT Id FROM CampaignMember WHERE LeadId = '${leads[4]}'`)
    ).records.map((r) => r.Id);
    const res = await conn.bulk2.loadAndWaitForResults({
      object: 'CampaignMember',
      operation: 'delete',
      input: ids.map((Id) => ({ Id })),
      pollInterval: 10,
      pollTimeout: 5000,
    });
    expect(res.successfulResults.map((r) => r.sf__Id)).toEqual(ids);
    expect(members().some((m) => m.LeadId === leads[4])).toBe(false);
  });
});
