import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { connectSalesforce, extractRest } from '../../src/sync/index.ts';
import { isTransientSalesforceError, withSalesforceRetry } from '../../src/sync/salesforce-retry.ts';
import { leads } from './fixture.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('Salesforce calls under transient failures', () => {
  it('tells transient failures from the rest', () => {
    expect(isTransientSalesforceError(new Error('Unable to refresh session due to: socket hang up'))).toBe(
      true,
    );
    expect(isTransientSalesforceError(Object.assign(new Error('x'), { errorCode: 'ERROR_HTTP_503' }))).toBe(
      true,
    );
    expect(isTransientSalesforceError(Object.assign(new Error('read'), { code: 'ECONNRESET' }))).toBe(true);
    expect(
      isTransientSalesforceError(Object.assign(new Error('No such column'), { errorCode: 'INVALID_FIELD' })),
    ).toBe(false);
    expect(isTransientSalesforceError(new Error('INVALID_SESSION_ID: Session expired or invalid'))).toBe(
      false,
    );
  });

  it('repeats a transient failure and gives up at once on any other', async () => {
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls < 3) throw new Error('Unable to refresh session due to: ECONNRESET');
      return 'ok';
    };
    await expect(withSalesforceRetry(flaky)).resolves.toBe('ok');
    expect(calls).toBe(3);

    let bad = 0;
    const invalid = async () => {
      bad += 1;
      throw Object.assign(new Error('MALFORMED_QUERY: unexpected token'), { errorCode: 'MALFORMED_QUERY' });
    };
    await expect(withSalesforceRetry(invalid)).rejects.toThrow('MALFORMED_QUERY');
    expect(bad).toBe(1);
  });

  it('reads every record although the session refresh after an expiry first meets two 503s', async () => {
    emu = await startEmulator({ port: 0, scheduleTickMs: 0 });
    emu.salesforce!.store.insert('Lead', leads(120));
    const sf = emu.credentials.salesforce!;
    const conn = await connectSalesforce({
      loginUrl: emu.urls.base,
      auth: 'password',
      apiVersion: '62.0',
      ...sf,
    });
    emu.salesforce!.expireTokens();
    // jsforce does not repeat the login POST it refreshes the session with.
    emu.faults.set([{ kind: 'status', status: 503, route: 'POST /services/oauth2/token', times: 2 }]);
    const ids = new Set<string>();
    for await (const page of extractRest(conn, 'SELECT Id FROM Lead'))
      for (const r of page) ids.add(String(r.Id));
    expect(ids.size).toBe(120);
  });
});
