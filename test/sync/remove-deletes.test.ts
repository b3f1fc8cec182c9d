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

describe('deletes: remove through the SFMC emulator', () => {
  it('an incremental run removes the DE rows of records soft-deleted in Salesforce', async () => {
    let base = '';
    let clock = new Date('2026-02-01T00:00:00Z');
    let sf: SalesforceEmulator | undefined;
    const emulator = await startEmulator({
      asyncDelayMs: 0,
      scheduleTickMs: 0,
      mountHandlers: (state) => {
        sf = createSalesforceEmulator(state.db, {
          ...creds,
          baseUrl: () => base,
          now: () => clock,
          pageSize: 20,
        });
        return [sf.handler];
      },
    });
    close = emulator.close;
    base = emulator.urls.base;
    const ids = sf!.store.insert('Lead', leads(12));

    const conn = new jsforce.Connection({
      oauth2: { clientId: creds.clientId, clientSecret: creds.clientSecret, loginUrl: base },
      loginUrl: base,
      version: '62.0',
    });
    await conn.login(creds.username, creds.password);
    const soapActions: string[] = [];
    const client = createClient(
      { authBaseUrl: emulator.urls.auth, ...emulator.credentials },
      { onRequest: (e) => e.soapAction && soapActions.push(e.soapAction) },
    );
    const spec: SyncSpec = {
      name: 'leads',
      object: 'Lead',
      fields: ['LastName', 'Email'],
      targetKey: 'crm_leads',
      mode: 'incremental',
      deletes: 'remove',
    };
    const checkpoint = createMemoryCheckpointStore();
    const run = () =>
      runSync({
        sync: spec,
        conn,
        target: createSfmcSink(client),
        checkpoint,
        options: { batchRows: 5, concurrency: 2 },
      });

    expect(await run()).toMatchObject({ extracted: 12, upserted: 12, deleted: 0 });
    const stored = () => (emulator.state.readRows('crm_leads') as Array<{ Id: string }>).map((r) => r.Id);
    expect(stored().sort()).toEqual([...ids].sort());
    expect(soapActions).not.toContain('Delete');

    clock = new Date('2026-02-01T01:00:00Z');
    sf!.store.softDelete('Lead', [ids[2], ids[7]]);
    const second = await run();
    expect(second).toMatchObject({ deleted: 2 });
    expect(soapActions.filter((a) => a === 'Delete')).toHaveLength(1);
    const left = stored();
    expect(left).toHaveLength(10);
    expect(left).not.toContain(ids[2]);
    expect(left).not.toContain(ids[7]);
    expect(left.sort()).toEqual(ids.filter((_, i) => i !== 2 && i !== 7).sort());
  });
});

describe('createSfmcSink.remove', () => {
  it('sends Id keys and fails the run with the refused rows named', async () => {
    const calls: unknown[] = [];
    const sink = createSfmcSink({
      dataExtensions: {} as never,
      rows: {
        upsert: async () => ({ requestIds: [], rowsSent: 0, errors: [] }),
        read: async function* () {},
        delete: async (key, rows) => {
          calls.push([key, rows]);
          return { deleted: 1, errors: [{ keys: { Id: '002' }, errorCode: '310007', message: 'locked' }] };
        },
      },
    });
    const error = await sink.remove('crm_leads', ['001', '002']).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(calls).toEqual([['crm_leads', [{ Id: '001' }, { Id: '002' }]]]);
    expect(error?.code).toBe('SYNC_FAILED');
    expect(error?.message).toContain('1 of 2 rows from crm_leads: 002: 310007 locked');
  });
});
