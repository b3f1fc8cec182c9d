import jsforce from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import { createSalesforceEmulator, type SalesforceEmulator } from '../../src/emulator/salesforce/index.ts';
import { createMemoryCheckpointStore, createSfmcSink, runSync, type SyncSpec } from '../../src/sync/index.ts';
import { creds, leads } from './fixture.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('sync into the SFMC emulator through the real client', () => {
  it('creates the DE from describe, upserts rows, flags deletes and reports SFMC rejects', async () => {
    let base = '';
    let sf: SalesforceEmulator | undefined;
    let clock = new Date('2026-02-01T00:00:00Z');
    const emulator = await startEmulator({
      asyncDelayMs: 0,
      scheduleTickMs: 0,
      mountHandlers: (state) => {
        sf = createSalesforceEmulator(state.db, {
          ...creds,
          baseUrl: () => base,
          pageSize: 20,
          now: () => clock,
        });
        return [sf.handler];
      },
    });
    close = emulator.close;
    base = emulator.urls.base;
    const ids = sf!.store.insert('Lead', [
      ...leads(30),
      { LastName: 'Bad', Company: 'X', Status: 'Open - Not Contacted', Email: 'not-an-email' },
    ]);

    const conn = new jsforce.Connection({
      oauth2: { clientId: creds.clientId, clientSecret: creds.clientSecret, loginUrl: base },
      loginUrl: base,
      version: '62.0',
    });
    await conn.login(creds.username, creds.password);
    const client = createClient({ authBaseUrl: emulator.urls.auth, ...emulator.credentials });
    const spec: SyncSpec = {
      name: 'leads',
      object: 'Lead',
      fields: ['LastName', 'Email', 'Status', 'pi__score__c', 'IsConverted', 'ConvertedDate'],
      targetKey: 'crm_leads',
      mode: 'incremental',
      deletes: 'flag',
    };
    const checkpoint = createMemoryCheckpointStore();
    const target = createSfmcSink(client);
    const summary = await runSync({
      sync: spec,
      conn,
      target,
      checkpoint,
      options: { batchRows: 8, concurrency: 2 },
    });
    expect(summary).toMatchObject({ extracted: 31, upserted: 30, rejected: 1, deleted: 0 });
    // SFMC's answer names no row; the sink finds it by sending halves again, so the reject has its Id.
    expect(summary.rejects).toEqual([{ id: ids[30], reason: expect.stringMatching(/email/i) }]);
    clock = new Date(clock.getTime() + 3_600_000);
    sf!.store.softDelete('Lead', [ids[0]]);
    clock = new Date(clock.getTime() + 60_000);
    const second = await runSync({ sync: spec, conn, target, checkpoint, options: { batchRows: 8 } });
    expect(second).toMatchObject({ deleted: 1, rejected: 1 });

    const de = await client.dataExtensions.get('crm_leads');
    expect(de?.fields.map((f) => [f.name, f.type, f.isPrimaryKey ?? false])).toEqual([
      ['Id', 'Text', true],
      ['SystemModstamp', 'Date', false],
      ['LastName', 'Text', false],
      ['Email', 'EmailAddress', false],
      ['Status', 'Text', false],
      ['pi__score__c', 'Decimal', false],
      ['IsConverted', 'Boolean', false],
      ['ConvertedDate', 'Date', false],
      ['IsDeleted', 'Boolean', false],
    ]);
    const rows = emulator.state.readRows('crm_leads') as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(30);
    // Deleted after the first run: flagged, its last values kept.
    expect(rows.find((r) => r.Id === ids[0])).toMatchObject({ IsDeleted: true, LastName: 'L0' });
    expect(rows.find((r) => r.Id === ids[1])).toMatchObject({
      LastName: 'L1',
      Email: 'lead1@example.com',
      pi__score__c: 1,
      IsConverted: false,
      IsDeleted: false,
    });
  });
});
