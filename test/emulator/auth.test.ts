import { afterEach, describe, expect, it } from 'vitest';
import { type Session, session } from './helpers.ts';

let s: Session | undefined;
afterEach(async () => {
  await s?.emu.close();
  s = undefined;
});

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('token endpoint', () => {
  it('issues a token pointing at the emulator and honours account_id', async () => {
    s = await session({ accountId: '7281698' });
    const r = await post(`${s.emu.urls.auth}v2/token`, {
      grant_type: 'client_credentials',
      client_id: s.emu.credentials.clientId,
      client_secret: s.emu.credentials.clientSecret,
      account_id: '7281698',
    });
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 1079,
      rest_instance_url: `${s.emu.urls.base}/`,
      soap_instance_url: `${s.emu.urls.base}/`,
    });
    expect(String(body.access_token).length).toBeGreaterThan(30);
    const other = await post(`${s.emu.urls.auth}v2/token`, {
      grant_type: 'client_credentials',
      client_id: s.emu.credentials.clientId,
      client_secret: s.emu.credentials.clientSecret,
      account_id: '999',
    });
    expect(other.status).toBe(401);
  });

  it('refuses bad credentials with SFMC’s exact body', async () => {
    s = await session();
    const r = await post(`${s.emu.urls.auth}v2/token`, {
      grant_type: 'client_credentials',
      client_id: s.emu.credentials.clientId,
      client_secret: 'wrong-secret',
    });
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({
      error: 'invalid_client',
      error_description:
        'Client authentication failed. Make sure that the client ID and client secret are valid and that the package is installed and enabled.',
      error_uri: 'https://developer.salesforce.com/docs',
    });
  });

  it('refuses a missing or expired token on REST (401) and SOAP (500 Token Expired)', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    s = await session({ tokenTtlSec: 60, now: () => new Date(clock) });
    const ok = await s.rest('GET', '/automation/v1/queries');
    expect(ok.status).toBe(200);
    const none = await fetch(`${s.emu.urls.rest}automation/v1/queries`);
    expect(none.status).toBe(401);
    clock += 61_000;
    const expired = await s.rest('GET', '/automation/v1/queries');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({
      documentation:
        'https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm',
      errorcode: 0,
      message: 'Not Authorized',
    });
    const soap = await s.soap(
      'Retrieve',
      '<RetrieveRequestMsg xmlns="http://exacttarget.com/wsdl/partnerAPI"><RetrieveRequest><ObjectType>DataFolder</ObjectType><Properties>ID</Properties></RetrieveRequest></RetrieveRequestMsg>',
    );
    expect(soap.status).toBe(500);
    expect(soap.text).toContain(
      '<faultcode xmlns:q0="http://schemas.xmlsoap.org/ws/2002/12/secext">q0:Security</faultcode>',
    );
    expect(soap.text).toContain('<faultstring>Token Expired</faultstring>');
  });
});
