import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceEmulator } from '../../src/emulator/salesforce/index.ts';
import { connectSalesforce } from '../../src/sync/index.ts';
import { serve } from '../salesforce/serve.ts';
import { creds } from './fixture.ts';

let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  let base = '';
  const emu = createSalesforceEmulator(new DatabaseSync(':memory:'), {
    ...creds,
    refreshToken: 'rt-0123456789',
    baseUrl: () => base,
  });
  emu.store.insert('User', [{ LastName: 'Rep' }]);
  server = await serve(() => emu.handler);
  base = server.url;
});
afterAll(() => server.close());

describe('connectSalesforce', () => {
  const cfg = () => ({
    loginUrl: server.url,
    apiVersion: '61.0',
    clientId: creds.clientId,
    clientSecret: creds.clientSecret,
  });

  it.each([
    ['password', { username: creds.username, password: creds.password }],
    ['refresh_token', { refreshToken: 'rt-0123456789' }],
    ['client_credentials', {}],
  ] as const)('logs in with %s and queries with the configured API version', async (auth, extra) => {
    const conn = await connectSalesforce({ ...cfg(), auth, ...extra });
    expect(conn.version).toBe('61.0');
    expect((await conn.query('SELECT COUNT() FROM User')).totalSize).toBe(1);
  });

  it('fails with AUTH_FAILED and never shows the password', async () => {
    const err = await connectSalesforce({
      ...cfg(),
      auth: 'password',
      username: 'x',
      password: 'wrong-secret-99',
    }).catch((e) => e);
    expect(err).toMatchObject({ code: 'AUTH_FAILED' });
    expect(String(err.message)).not.toContain('wrong-secret-99');
  });
});
