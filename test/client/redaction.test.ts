import './setup.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  AUTH,
  caught,
  FIRST_TOKEN,
  makeClient,
  mockToken,
  REST,
  SECRET,
  SOAP,
  soapReply,
} from './helpers.ts';

function everywhere(error: Error & Record<string, unknown>) {
  return [
    error.message,
    JSON.stringify(error),
    String(error.stack),
    JSON.stringify(error.details ?? []),
  ].join('\n');
}

describe('redaction', () => {
  it('an error whose body echoes the secret and the token shows neither', async () => {
    mockToken();
    nock(REST)
      .get('/echo')
      .reply(400, {
        message: `bad request with Authorization: Bearer ${FIRST_TOKEN}`,
        errorcode: 10000,
        additionalErrors: [{ message: `client_secret=${SECRET} rejected`, errorcode: 10001 }],
      });
    const { client, entries } = makeClient();
    const error = await caught(client.rest.request({ method: 'GET', path: '/echo' }));
    const text = everywhere(error);
    expect(error.code).toBe('API_ERROR');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(FIRST_TOKEN);
    expect(text).toContain('[REDACTED]');
    expect(JSON.stringify(entries)).not.toContain(FIRST_TOKEN);
    expect(JSON.stringify(entries)).not.toMatch(/authorization/i);
  });

  it('a failed token request never shows the client secret', async () => {
    nock(AUTH)
      .post('/v2/token')
      .reply(400, { error: 'invalid_grant', error_description: `secret ${SECRET} is wrong` });
    const { client, entries } = makeClient();
    const error = await caught(client.rest.request({ method: 'GET', path: '/x' }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(everywhere(error)).not.toContain(SECRET);
    expect(JSON.stringify(entries)).not.toContain(SECRET);
  });

  it('network errors carry no request config, headers or token', async () => {
    mockToken();
    nock(REST)
      .get('/down')
      .times(2)
      .replyWithError(Object.assign(new Error(`socket hang up ${FIRST_TOKEN}`), { code: 'ECONNRESET' }));
    const { client } = makeClient({ retries: 1 });
    const error = await caught(client.rest.request({ method: 'GET', path: '/down' }));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.cause).toBeUndefined();
    expect(everywhere(error)).not.toContain(FIRST_TOKEN);
  });

  it('SOAP errors never echo the fueloauth token', async () => {
    mockToken();
    nock(SOAP)
      .post('/Service.asmx')
      .reply(
        200,
        soapReply('RetrieveResponseMsg', `<OverallStatus>Error: bad header ${FIRST_TOKEN}</OverallStatus>`),
      );
    const { client } = makeClient();
    const error = await caught(client.soap.call('Retrieve', {}));
    expect(everywhere(error)).not.toContain(FIRST_TOKEN);
  });
});
