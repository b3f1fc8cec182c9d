import { DatabaseSync } from 'node:sqlite';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceEmulator, type SalesforceEmulator } from '../../src/emulator/salesforce/index.ts';
import { serve } from './serve.ts';

const creds = {
  clientId: 'cid-123456',
  clientSecret: 'csecret-123456',
  username: 'api@example.com',
  password: 'pw-123456tok',
};
let server: Awaited<ReturnType<typeof serve>>;
let emu: SalesforceEmulator;

beforeAll(async () => {
  const db = new DatabaseSync(':memory:');
  let base = '';
  emu = createSalesforceEmulator(db, {
    ...creds,
    refreshToken: 'refresh-abcdef',
    baseUrl: () => base,
    pageSize: 7,
    // jsforce 3.10 pipes each results page into one CSV parser and ends it after the first page
    // (write after end), so its bulk2.query only works when results fit one page; see the locator test below.
    bulkPageSize: 50,
    now: () => new Date('2026-01-10T12:00:00Z'),
  });
  server = await serve(() => emu.handler);
  base = server.url;
  emu.store.insert(
    'Lead',
    Array.from({ length: 25 }, (_, i) => ({
      LastName: `Last${i}`,
      FirstName: i === 3 ? 'Ann, "the" one' : `First${i}`,
      Company: 'Acme',
      Status: i % 2 ? 'Working - Contacted' : 'Open - Not Contacted',
      pi__score__c: i * 10,
      IsConverted: i === 4,
      SystemModstamp: new Date(Date.UTC(2026, 0, 1 + (i % 5))).toISOString(),
    })),
  );
});
afterAll(() => server.close());

const connect = async (): Promise<jsforce.Connection> => {
  const conn = new jsforce.Connection({
    oauth2: { clientId: creds.clientId, clientSecret: creds.clientSecret, loginUrl: server.url },
    loginUrl: server.url,
    version: '62.0',
  });
  await conn.login(creds.username, creds.password);
  return conn;
};

describe('jsforce against the Salesforce emulator', () => {
  it('logs in with OAuth password and SOAP, and refuses bad credentials with invalid_grant', async () => {
    const conn = await connect();
    expect(conn.instanceUrl).toBe(server.url);
    const soap = new jsforce.Connection({ loginUrl: server.url, version: '62.0' });
    const info = await soap.login(creds.username, creds.password);
    expect(info.organizationId).toMatch(/^00D/);
    const bad = new jsforce.Connection({
      oauth2: { clientId: creds.clientId, clientSecret: creds.clientSecret, loginUrl: server.url },
      version: '62.0',
    });
    await expect(bad.login(creds.username, 'wrong')).rejects.toThrow(/authentication failure/);
    const res = await fetch(`${server.url}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: creds.clientId,
        client_secret: creds.clientSecret,
        username: 'x',
        password: 'y',
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'authentication failure' });
  });

  it('queries with paging, queryMore and autoFetch, and typed values', async () => {
    const conn = await connect();
    const first = await conn.query<{ Id: string; pi__score__c: number; IsConverted: boolean }>(
      "SELECT Id, LastName, pi__score__c, IsConverted, SystemModstamp FROM Lead WHERE Company = 'acme' ORDER BY pi__score__c",
    );
    expect(first.totalSize).toBe(25);
    expect(first.records).toHaveLength(7);
    expect(first.done).toBe(false);
    expect(first.records[1]).toMatchObject({
      LastName: 'Last1',
      pi__score__c: 10,
      IsConverted: false,
      SystemModstamp: '2026-01-02T00:00:00.000+0000',
    });
    const second = await conn.queryMore(first.nextRecordsUrl!);
    expect(second.records.map((r) => r.pi__score__c)).toEqual([70, 80, 90, 100, 110, 120, 130]);
    const all = await conn.query('SELECT Id FROM Lead').run({ autoFetch: true, maxFetch: 100 });
    expect(all.records).toHaveLength(25);
    expect(new Set(all.records.map((r) => r.Id)).size).toBe(25);
    expect(conn.limitInfo.apiUsage?.used).toBeGreaterThan(0);
  });

  it('filters by SystemModstamp, IN, LIKE, OR, and hides soft-deleted rows except in queryAll', async () => {
    const conn = await connect();
    const since = await conn.query('SELECT Id FROM Lead WHERE SystemModstamp >= 2026-01-04T00:00:00Z');
    expect(since.totalSize).toBe(10);
    const mixed = await conn.query(
      "SELECT LastName FROM Lead WHERE (LastName IN ('Last1','Last2') OR FirstName LIKE 'ann%') AND IsConverted = false ORDER BY LastName DESC LIMIT 5",
    );
    expect(mixed.records.map((r) => r.LastName)).toEqual(['Last3', 'Last2', 'Last1']);
    const [victim] = (await conn.query<{ Id: string }>("SELECT Id FROM Lead WHERE LastName = 'Last24'"))
      .records;
    emu.store.softDelete('Lead', [victim.Id]);
    expect((await conn.query('SELECT COUNT() FROM Lead')).totalSize).toBe(24);
    const deleted = await conn.query('SELECT Id, IsDeleted FROM Lead WHERE IsDeleted = true', {
      scanAll: true,
    });
    expect(deleted.records).toEqual([expect.objectContaining({ Id: victim.Id, IsDeleted: true })]);
    emu.store.update('Lead', [{ Id: victim.Id, IsDeleted: false }]);
  });

  it('answers bad SOQL and unknown objects with Salesforce error codes', async () => {
    const conn = await connect();
    await expect(conn.query('SELECT Nope FROM Lead')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(conn.query('SELECT Id FROM Nope')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
    await expect(conn.query('SELECT Id FROM Lead WHERE')).rejects.toMatchObject({
      errorCode: 'MALFORMED_QUERY',
    });
  });

  it('describes objects with types, lengths, precision and scale', async () => {
    const conn = await connect();
    const d = await conn.sobject('Lead').describe();
    const byName = Object.fromEntries(d.fields.map((f) => [f.name, f]));
    expect(byName.Id).toMatchObject({ type: 'id', length: 18, nillable: false });
    expect(byName.Email).toMatchObject({ type: 'email', length: 80 });
    expect(byName.AnnualRevenue).toMatchObject({ type: 'currency', precision: 18, scale: 0 });
    expect(byName.pi__score__c).toMatchObject({ type: 'double' });
    expect((byName.Status.picklistValues ?? []).map((p) => p.value)).toContain('Working - Contacted');
    const opp = await conn.sobject('Opportunity').describe();
    expect(opp.fields.find((f) => f.name === 'Amount')).toMatchObject({
      type: 'currency',
      precision: 18,
      scale: 2,
    });
  });

  it('runs a Bulk 2.0 query through jsforce bulk2.query', async () => {
    const conn = await connect();
    const records = (await conn.bulk2.query('SELECT Id, FirstName, pi__score__c, IsConverted FROM Lead', {
      pollInterval: 10,
    })) as unknown as AsyncIterable<Record<string, string>>;
    const rows: Record<string, string>[] = [];
    for await (const r of records) rows.push(r);
    expect(rows).toHaveLength(25);
    expect(rows.find((r) => r.FirstName === 'Ann, "the" one')).toMatchObject({
      pi__score__c: '30',
      IsConverted: 'false',
    });
    expect(rows.find((r) => r.pi__score__c === '40')?.IsConverted).toBe('true');
  });

  it('pages Bulk results by locator with Sforce-NumberOfRecords, null on the last page', async () => {
    const conn = await connect();
    const job = await conn.request<{ id: string }>({
      method: 'POST',
      url: '/services/data/v62.0/jobs/query',
      body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Lead' }),
      headers: { 'content-type': 'application/json' },
    });
    await conn.request(`/services/data/v62.0/jobs/query/${job.id}`);
    const auth = { authorization: `Bearer ${conn.accessToken}` };
    const pages: Array<{ n: string | null; locator: string | null; lines: number }> = [];
    let locator: string | null = '';
    while (locator !== 'null') {
      const res: Response = await fetch(
        `${server.url}/services/data/v62.0/jobs/query/${job.id}/results?maxRecords=10${locator ? `&locator=${locator}` : ''}`,
        { headers: auth },
      );
      locator = res.headers.get('sforce-locator');
      pages.push({
        n: res.headers.get('sforce-numberofrecords'),
        locator,
        lines: (await res.text()).trim().split('\n').length,
      });
    }
    expect(pages.map((p) => [p.n, p.lines])).toEqual([
      ['10', 11],
      ['10', 11],
      ['5', 6],
    ]);
    expect(pages.at(-1)?.locator).toBe('null');
  });

  it('refuses expired sessions with 401 INVALID_SESSION_ID', async () => {
    const res = await fetch(`${server.url}/services/data/v62.0/query?q=SELECT+Id+FROM+Lead`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });

  it('refreshes an expired session with the refresh token and retries', async () => {
    const conn = new jsforce.Connection({
      oauth2: { clientId: creds.clientId, clientSecret: creds.clientSecret, loginUrl: server.url },
      instanceUrl: server.url,
      accessToken: 'stale-token',
      refreshToken: 'refresh-abcdef',
      version: '62.0',
    });
    let refreshed = 0;
    conn.on('refresh', () => {
      refreshed += 1;
    });
    expect((await conn.query('SELECT COUNT() FROM Lead')).totalSize).toBe(25);
    emu.expireTokens();
    expect((await conn.query('SELECT COUNT() FROM Lead')).totalSize).toBe(25);
    expect(refreshed).toBe(2);
  });
});
