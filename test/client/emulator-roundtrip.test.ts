import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';

// Real HTTP against the in-process emulator: the same client path a user's BU sees.
describe('client against the emulator', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('creates a DE in a new folder, upserts rows, reads them back and deletes it', async () => {
    const log: string[] = [];
    const client = createClient(
      { authBaseUrl: emulator.urls.auth, ...emulator.credentials },
      {
        onRequest: (e) =>
          log.push(`${e.method} ${e.path.split('?')[0]}${e.soapAction ? ` ${e.soapAction}` : ''}`),
        sleep: async () => {},
      },
    );
    const folder = await client.folders.ensurePath('Data Extensions/sfmc-kit/tests', 'dataextension');
    expect(folder.name).toBe('tests');
    await client.dataExtensions.create({
      key: 'kit_rt',
      name: 'kit_rt',
      folderId: folder.id,
      fields: [
        { name: 'Id', type: 'Text', length: 20, isPrimaryKey: true },
        { name: 'Score', type: 'Number' },
      ],
    });
    const rows = Array.from({ length: 12 }, (_, i) => ({ Id: `k${i}`, Score: i }));
    const written = await client.rows.upsert('kit_rt', rows, { pollIntervalMs: 10 });
    expect(written.errors).toEqual([]);
    const back: string[] = [];
    for await (const row of client.rows.read('kit_rt', { pageSize: 5 })) back.push(row.Id ?? row.id);
    expect(back.sort()).toEqual(rows.map((r) => r.Id).sort());
    expect(await client.rows.count('kit_rt')).toBe(12);
    const de = await client.dataExtensions.get('kit_rt');
    expect(de?.fields.map((f) => f.name)).toEqual(['Id', 'Score']);
    await client.dataExtensions.delete('kit_rt');
    expect(await client.dataExtensions.get('kit_rt')).toBeUndefined();
    expect(log[0]).toBe('POST /v2/token');
    expect(log.filter((l) => l === 'POST /v2/token')).toHaveLength(1);
  });
});
