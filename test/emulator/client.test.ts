import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function client(options: Parameters<typeof startEmulator>[0] = {}) {
  emu = await startEmulator({ asyncDelayMs: 0, scheduleTickMs: 0, ...options });
  return createClient(
    {
      authBaseUrl: emu.urls.auth,
      clientId: emu.credentials.clientId,
      clientSecret: emu.credentials.clientSecret,
      retries: 3,
    },
    { sleep: async () => {} },
  );
}

describe('the sfmc-kit client against the emulator over HTTP', () => {
  it('creates a DE, loads rows async, reads them back, runs a query activity', async () => {
    const c = await client({ now: () => new Date('2026-03-01T12:00:00Z') });
    await c.dataExtensions.create({
      key: 'people',
      name: 'People',
      fields: [
        { name: 'SubscriberKey', type: 'Text', length: 50, isPrimaryKey: true, isRequired: true },
        { name: 'Email', type: 'EmailAddress' },
      ],
    });
    await c.dataExtensions.create({
      key: 'emails',
      name: 'Emails',
      fields: [{ name: 'SubscriberKey', type: 'Text', length: 50, isPrimaryKey: true, isRequired: true }],
    });
    const de = await c.dataExtensions.get('people');
    expect(de?.fields.map((f) => f.name)).toEqual(['SubscriberKey', 'Email']);
    const load = await c.rows.upsert(
      'people',
      [
        { SubscriberKey: 'a', Email: 'a@x.com' },
        { SubscriberKey: 'b', Email: 'broken' },
      ],
      { pollIntervalMs: 1 },
    );
    expect(load.rowsSent).toBe(2);
    expect(load.errors).toHaveLength(1);
    expect(await c.rows.count('people')).toBe(1);
    const read: Record<string, string>[] = [];
    for await (const r of c.rows.read('people')) read.push(r);
    expect(read).toHaveLength(1);
    const q = await c.queries.create({
      key: 'q',
      name: 'q',
      sql: 'SELECT SubscriberKey FROM People',
      targetKey: 'emails',
      updateType: 'Overwrite',
      folderId: 2,
    });
    await c.queries.start(q.id);
    await emu!.core.idle();
    await c.queries.waitUntilDone(q.id, { pollIntervalMs: 1 });
    expect(emu!.state.readRows('emails')).toEqual([{ SubscriberKey: 'a' }]);
  });

  it('recovers from an injected 503 and a token expiry', async () => {
    const c = await client();
    emu!.faults.set([
      { kind: 'status', status: 503, route: 'GET /automation/*', times: 1 },
      { kind: 'token-expired', route: '/Service.asmx', times: 1 },
    ]);
    const all: unknown[] = [];
    for await (const q of c.queries.list()) all.push(q);
    expect(all).toEqual([]);
    expect(await c.dataExtensions.list()).toEqual([]);
  });
});
