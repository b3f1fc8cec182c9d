import './setup.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/index.ts';
import { caught, makeClient, mockToken, REST } from './helpers.ts';

const PATH = '/automation/v1/queries/abc';

// nock hangs axios when replyWithError gets a plain object (nock#2789); a real Error works.
const netError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('transport retries', () => {
  it('retries 429 and 503 with backoff, then succeeds', async () => {
    mockToken();
    nock(REST)
      .get(PATH)
      .reply(429, { message: 'Too many' })
      .get(PATH)
      .reply(503, 'busy')
      .get(PATH)
      .reply(200, { ok: 1 });
    const { client, log, sleeps, entries } = makeClient();
    await expect(client.rest.request({ method: 'GET', path: PATH })).resolves.toEqual({ ok: 1 });
    expect(log()).toEqual(['POST /v2/token', `GET ${PATH}`, `GET ${PATH}`, `GET ${PATH}`]);
    expect(entries.map((e) => [e.status, e.attempt])).toEqual([
      [200, 1],
      [429, 1],
      [503, 2],
      [200, 3],
    ]);
    // random() = 0.5 → 3/4 of the ceiling: 500 ms then 1000 ms ceilings.
    expect(sleeps).toEqual([375, 750]);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    mockToken();
    const { client, sleeps } = makeClient({}, {});
    const dateIn4s = new Date(1_700_000_000_000 + 4000).toUTCString();
    nock(REST)
      .get(PATH)
      .reply(429, {}, { 'Retry-After': '2' })
      .get(PATH)
      .reply(429, {}, { 'Retry-After': dateIn4s })
      .get(PATH)
      .reply(200, {});
    await client.rest.request({ method: 'GET', path: PATH });
    // The clock advanced 2000 ms during the first sleep, so the date is 2000 ms away.
    expect(sleeps).toEqual([2000, 2000]);
  });

  it('never retries other 4xx and maps the SFMC error body', async () => {
    mockToken();
    nock(REST)
      .post('/automation/v1/queries/')
      .reply(400, {
        message: 'Validation failed',
        errorcode: 10002,
        documentation: '',
        additionalErrors: [{ message: 'categoryId is required', errorcode: 10002 }],
        validationErrors: [{ message: 'name too long' }],
      });
    const { client, log } = makeClient();
    const error = await caught(
      client.rest.request({ method: 'POST', path: '/automation/v1/queries/', body: {} }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'API_ERROR',
      method: 'POST',
      path: '/automation/v1/queries/',
      status: 400,
      sfmcCode: 10002,
      details: ['[10002] categoryId is required', 'name too long'],
    });
    expect(error.message).toContain('Validation failed');
    expect(log()).toEqual(['POST /v2/token', 'POST /automation/v1/queries/']);
  });

  it('stops after the configured retries and returns the last 5xx as a typed error', async () => {
    mockToken();
    nock(REST).get(PATH).times(3).reply(502, { message: 'Bad gateway' });
    const { client, log, sleeps } = makeClient({ retries: 2 });
    const error = await caught(client.rest.request({ method: 'GET', path: PATH }));
    expect(error).toMatchObject({ code: 'API_ERROR', status: 502 });
    expect(log()).toEqual(['POST /v2/token', `GET ${PATH}`, `GET ${PATH}`, `GET ${PATH}`]);
    expect(sleeps).toHaveLength(2);
  });

  it('bounds the total retry time', async () => {
    mockToken();
    nock(REST).get(PATH).times(2).reply(429, {}, { 'Retry-After': '20' });
    const { client, sleeps } = makeClient({ maxRetryTimeMs: 25_000 });
    const error = await caught(client.rest.request({ method: 'GET', path: PATH }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(sleeps).toEqual([20_000]);
  });

  it('retries network errors (ECONNRESET, socket hang up)', async () => {
    mockToken();
    nock(REST)
      .get(PATH)
      .replyWithError(netError('ECONNRESET', 'read ECONNRESET'))
      .get(PATH)
      .replyWithError('socket hang up')
      .get(PATH)
      .reply(200, { ok: true });
    const { client, entries } = makeClient();
    await expect(client.rest.request({ method: 'GET', path: PATH })).resolves.toEqual({ ok: true });
    expect(entries.slice(1).map((e) => e.status)).toEqual([0, 0, 200]);
  });

  it('gives up on a persistent network error with NETWORK_ERROR', async () => {
    mockToken();
    nock(REST).get(PATH).times(2).replyWithError(netError('ETIMEDOUT', 'connect ETIMEDOUT'));
    const { client } = makeClient({ retries: 1 });
    const error = await caught(client.rest.request({ method: 'GET', path: PATH }));
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', method: 'GET', path: PATH });
  });

  it('stops on abort, including while waiting to retry', async () => {
    mockToken();
    nock(REST).get(PATH).reply(503, 'busy');
    const controller = new AbortController();
    const { client } = makeClient(
      {},
      {
        sleep: async (_ms, signal) => {
          controller.abort();
          signal?.throwIfAborted();
        },
      },
    );
    const error = await caught(client.rest.request({ method: 'GET', path: PATH, signal: controller.signal }));
    expect(error).toMatchObject({ code: 'ABORTED', path: PATH });
  });

  it('limits concurrency per client', async () => {
    mockToken();
    let active = 0;
    let peak = 0;
    nock(REST)
      .get(/\/item\/\d+/)
      .times(8)
      .reply(200, async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 15));
        active -= 1;
        return { ok: true };
      });
    const { client } = makeClient({ maxConcurrency: 2 });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => client.rest.request({ method: 'GET', path: `/item/${i}` })),
    );
    expect(peak).toBe(2);
  });
});
