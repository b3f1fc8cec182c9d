import './setup.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  AUTH,
  caught,
  FIRST_TOKEN,
  fixture,
  jsonFixture,
  makeClient,
  mockToken,
  REST,
  SECRET,
  SOAP,
  soapReply,
  tokenBody,
} from './helpers.ts';

const PATH = '/automation/v1/queries/q1';

describe('token manager', () => {
  it('sends client credentials with account_id and uses the instance URLs of the answer', async () => {
    let sent: Record<string, unknown> = {};
    nock(AUTH)
      .post('/v2/token', (body) => {
        sent = body;
        return true;
      })
      .reply(200, tokenBody());
    nock(REST).get(PATH).matchHeader('authorization', `Bearer ${FIRST_TOKEN}`).reply(200, { id: 'q1' });
    const { client, log } = makeClient({ scope: 'data_extensions_read' });
    await client.rest.request({ method: 'GET', path: PATH });
    expect(sent).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-id-abc',
      client_secret: SECRET,
      account_id: '7281698',
      scope: 'data_extensions_read',
    });
    expect(log()).toEqual(['POST /v2/token', `GET ${PATH}`]);
  });

  it('10 concurrent calls with an expired token make exactly one token request', async () => {
    mockToken('tok-old-aaaaaaaa', 1079);
    nock(REST).get('/warm').reply(200, {});
    const { client, log, advance } = makeClient();
    await client.rest.request({ method: 'GET', path: '/warm' });
    advance(1079_000); // past expiry
    nock(AUTH).post('/v2/token').delay(20).reply(200, tokenBody('tok-new-bbbbbbbb'));
    nock(REST)
      .get(/\/item\/\d/)
      .matchHeader('authorization', 'Bearer tok-new-bbbbbbbb')
      .times(10)
      .reply(200, {});
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.rest.request({ method: 'GET', path: `/item/${i}` })),
    );
    const requests = log();
    expect(requests.filter((r) => r === 'POST /v2/token')).toHaveLength(2);
    expect(requests.slice(0, 3)).toEqual(['POST /v2/token', 'GET /warm', 'POST /v2/token']);
  });

  it('renews early, inside the margin, not at expiry', async () => {
    mockToken('tok-one-aaaaaaaa', 1079);
    nock(REST).get('/a').reply(200, {}).get('/b').reply(200, {});
    const { client, log, advance } = makeClient({ tokenMarginSec: 60 });
    await client.rest.request({ method: 'GET', path: '/a' });
    advance((1079 - 59) * 1000);
    mockToken('tok-two-bbbbbbbb');
    await client.rest.request({ method: 'GET', path: '/b' });
    expect(log()).toEqual(['POST /v2/token', 'GET /a', 'POST /v2/token', 'GET /b']);
  });

  it('a 401 in the middle of a run forces one refresh and retries the call once', async () => {
    mockToken('tok-revoked-aaaa');
    nock(REST)
      .get('/first')
      .reply(200, { n: 1 })
      .get('/second')
      .matchHeader('authorization', 'Bearer tok-revoked-aaaa')
      .reply(401, jsonFixture('rest-not-authorized.json'))
      .get('/second')
      .matchHeader('authorization', 'Bearer tok-fresh-bbbbbb')
      .reply(200, { n: 2 });
    const { client, log } = makeClient();
    await client.rest.request({ method: 'GET', path: '/first' });
    mockToken('tok-fresh-bbbbbb');
    await expect(client.rest.request({ method: 'GET', path: '/second' })).resolves.toEqual({ n: 2 });
    expect(log()).toEqual(['POST /v2/token', 'GET /first', 'GET /second', 'POST /v2/token', 'GET /second']);
  });

  it('a second 401 after the refresh is a TOKEN_EXPIRED error, not a loop', async () => {
    mockToken('tok-a-aaaaaaaaaa');
    mockToken('tok-b-bbbbbbbbbb');
    nock(REST).get('/x').times(2).reply(401, jsonFixture('rest-not-authorized.json'));
    const { client, log } = makeClient();
    const error = await caught(client.rest.request({ method: 'GET', path: '/x' }));
    expect(error).toMatchObject({ code: 'TOKEN_EXPIRED', status: 401, sfmcCode: 0 });
    expect(log()).toEqual(['POST /v2/token', 'GET /x', 'POST /v2/token', 'GET /x']);
  });

  it('SOAP "Token Expired" fault forces one refresh and one retry', async () => {
    mockToken('tok-stale-aaaaaa');
    mockToken('tok-fresh-bbbbbb');
    nock(SOAP)
      .post('/Service.asmx', (b) => String(b).includes('tok-stale-aaaaaa'))
      .reply(500, fixture('fault-token-expired.xml'), { 'Content-Type': 'text/xml' })
      .post('/Service.asmx', (b) => String(b).includes('tok-fresh-bbbbbb'))
      .reply(
        200,
        soapReply('RetrieveResponseMsg', '<OverallStatus>OK</OverallStatus><RequestID>r1</RequestID>'),
      );
    const { client, log } = makeClient();
    const reply = await client.soap.call('Retrieve', {
      RetrieveRequest: { ObjectType: 'DataFolder', Properties: 'ID' },
    });
    expect(reply.overallStatus).toBe('OK');
    // The fault is not retried as a 5xx: exactly one SOAP call per token.
    expect(log()).toEqual([
      'POST /v2/token',
      'POST /Service.asmx Retrieve',
      'POST /v2/token',
      'POST /Service.asmx Retrieve',
    ]);
  });

  it('bad credentials give AUTH_FAILED with the OAuth error, not retried', async () => {
    nock(AUTH).post('/v2/token').reply(401, jsonFixture('token-invalid-client.json'));
    const { client, log } = makeClient();
    const error = await caught(client.rest.request({ method: 'GET', path: PATH }));
    expect(error).toMatchObject({
      name: 'ApiError',
      code: 'AUTH_FAILED',
      status: 401,
      sfmcCode: 'invalid_client',
      path: '/v2/token',
    });
    expect(error.message).toContain('Client authentication failed');
    expect(log()).toEqual(['POST /v2/token']);
  });
});
