import { DatabaseSync } from 'node:sqlite';
import jsforce from 'jsforce';
import { createSalesforceEmulator, type SalesforceEmulator } from '../../src/emulator/salesforce/index.ts';
import { serve } from '../salesforce/serve.ts';

export const creds = {
  clientId: 'cid-sync-1',
  clientSecret: 'secret-sync-1',
  username: 'sync@example.com',
  password: 'pw-sync-1',
};

/** An emulated org over HTTP with a clock the test moves, and a logged-in jsforce connection. */
export async function startOrg(
  opts: { pageSize?: number; bulkPageSize?: number; recycleBinDays?: number; apiLimit?: number } = {},
) {
  let clock = new Date('2026-02-01T00:00:00Z');
  let base = '';
  const emu: SalesforceEmulator = createSalesforceEmulator(new DatabaseSync(':memory:'), {
    ...creds,
    baseUrl: () => base,
    now: () => clock,
    pageSize: opts.pageSize ?? 50,
    bulkPageSize: opts.bulkPageSize,
    recycleBinDays: opts.recycleBinDays,
    apiLimit: opts.apiLimit,
  });
  const server = await serve(() => emu.handler);
  base = server.url;
  const conn = new jsforce.Connection({
    oauth2: { clientId: creds.clientId, clientSecret: creds.clientSecret, loginUrl: server.url },
    loginUrl: server.url,
    version: '62.0',
  });
  await conn.login(creds.username, creds.password);
  return {
    emu,
    conn,
    server,
    now: () => clock,
    tick(seconds: number) {
      clock = new Date(clock.getTime() + seconds * 1000);
    },
    close: () => server.close(),
  };
}

export function leads(n: number, from = 0) {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      FirstName: `F${i}`,
      LastName: `L${i}`,
      Company: `Co${i % 7}`,
      Email: `lead${i}@example.com`,
      Status: i % 3 === 0 ? 'Working - Contacted' : 'Open - Not Contacted',
      pi__score__c: i,
      IsConverted: i % 10 === 0,
      AnnualRevenue: i * 1000,
      ConvertedDate: i % 10 === 0 ? '2026-01-15' : null,
    };
  });
}
