import './setup.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { batchRows, rowBatchOf } from '../../src/client/index.ts';
import { caught, makeClient, mockToken, REST } from './helpers.ts';

const status = (requestStatus: string, hasErrors = false) => ({
  status: {
    callDateTime: '2026-11-23T10:00:00',
    hasErrors,
    requestStatus,
    resultStatus: hasErrors ? 'Has Errors' : 'OK',
    requestId: 'x',
  },
  requestId: 'x',
  resultMessages: [],
});

describe('rows', () => {
  it('batches by row count and by payload bytes', () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ Id: i, Text: 'x'.repeat(100) }));
    expect(batchRows(rows, 3, 1_000_000).map((b) => b.rows.length)).toEqual([3, 3, 1]);
    const one = Buffer.byteLength(JSON.stringify(rows[0])) + 1;
    expect(batchRows(rows, 100, 12 + one * 2).map((b) => b.rows.length)).toEqual([2, 2, 2, 1]);
  });

  it('upserts async in batches, polls status until Complete, returns per-row errors', async () => {
    mockToken();
    const bodies: unknown[] = [];
    nock(REST)
      .put('/data/v1/async/dataextensions/key:orders_de/rows', (b) => {
        bodies.push(b);
        return true;
      })
      .reply(202, { requestId: 'req-a', resultMessages: [] })
      .get('/data/v1/async/req-a/status')
      .reply(200, status('Pending'))
      .get('/data/v1/async/req-a/status')
      .reply(200, status('Complete'))
      .put('/data/v1/async/dataextensions/key:orders_de/rows')
      .reply(202, { requestId: 'req-b', resultMessages: [] })
      .get('/data/v1/async/req-b/status')
      .reply(200, status('Complete', true))
      .get('/data/v1/async/req-b/results')
      .query({ $page: '1', $pageSize: '500' })
      .reply(200, {
        page: 1,
        pageSize: 50,
        count: 1,
        items: [
          { errorCode: 'UnexpectedError', message: 'Violation of PRIMARY KEY constraint', status: 'Error' },
        ],
      });
    const { client, log, sleeps } = makeClient();
    const rows = [
      { SubscriberKey: 'a', Amount: 1.5 },
      { SubscriberKey: 'b', Amount: 2 },
      { SubscriberKey: 'b', Amount: 3 },
    ];
    const result = await client.rows.upsert('orders_de', rows, { maxBatchRows: 2, pollIntervalMs: 1000 });
    expect(bodies[0]).toEqual({ items: rows.slice(0, 2) });
    expect(result).toEqual({
      requestIds: ['req-a', 'req-b'],
      rowsSent: 3,
      errors: [
        {
          requestId: 'req-b',
          status: 'Error',
          errorCode: 'UnexpectedError',
          message: 'Violation of PRIMARY KEY constraint',
        },
      ],
    });
    expect(sleeps).toEqual([1000]);
    expect(log()).toEqual([
      'POST /v2/token',
      'PUT /data/v1/async/dataextensions/key:orders_de/rows',
      'GET /data/v1/async/req-a/status',
      'GET /data/v1/async/req-a/status',
      'PUT /data/v1/async/dataextensions/key:orders_de/rows',
      'GET /data/v1/async/req-b/status',
      'GET /data/v1/async/req-b/results?$page=1&$pageSize=500',
    ]);
  });

  it('sends a prebuilt row batch as its stored JSON body in one call, and re-splits one over the caps', async () => {
    mockToken();
    const seen: Array<{ body: unknown }> = [];
    nock(REST)
      .matchHeader('content-type', 'application/json')
      .put('/data/v1/async/dataextensions/key:orders_de/rows', (b) => {
        // nock also tries this matcher on other requests of the scope: keep only the PUT bodies.
        if (typeof b === 'object') seen.push({ body: b });
        return true;
      })
      .times(3)
      .reply(202, () => ({ requestId: `req-${seen.length}`, resultMessages: [] }));
    nock(REST)
      .get(/\/data\/v1\/async\/req-\d\/status/)
      .times(3)
      .reply(200, status('Complete'));
    const { client } = makeClient();
    const rows = [
      { SubscriberKey: 'a', Amount: 1.5 },
      { SubscriberKey: 'ü', Amount: null },
    ];
    const one = await client.rows.upsert('orders_de', rowBatchOf(rows));
    expect(one).toMatchObject({ requestIds: ['req-1'], rowsSent: 2, errors: [] });
    expect(seen[0]).toEqual({ body: { items: rows } });
    // A batch built for bigger caps than this call allows is split again, not sent oversize.
    const split = await client.rows.upsert('orders_de', rowBatchOf(rows), { maxBatchRows: 1 });
    expect(split.rowsSent).toBe(2);
    expect(seen.slice(1).map((s) => s.body)).toEqual([{ items: [rows[0]] }, { items: [rows[1]] }]);
  });

  it('insert uses POST and times out with TIMEOUT while still pending', async () => {
    mockToken();
    nock(REST)
      .post('/data/v1/async/dataextensions/key:orders_de/rows')
      .reply(202, { requestId: 'req-slow' })
      .get('/data/v1/async/req-slow/status')
      .times(3)
      .reply(200, status('Executing'));
    const { client } = makeClient();
    const error = await caught(
      client.rows.insert('orders_de', [{ SubscriberKey: 'a' }], { pollIntervalMs: 1000, timeoutMs: 2000 }),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(error.message).toContain('req-slow still Executing');
  });

  it('a bad DE on async upsert becomes an ApiError naming the result code', async () => {
    mockToken();
    nock(REST)
      .put('/data/v1/async/dataextensions/key:missing/rows')
      .reply(400, {
        requestId: 'r',
        resultMessages: [
          {
            resultType: 'Validation',
            resultClass: 'Error',
            resultCode: 'CustomObjectNotFound',
            message: 'Failed to resolve the Custom Object',
          },
        ],
      });
    const { client } = makeClient();
    const error = await caught(client.rows.upsert('missing', [{ a: 1 }]));
    // A lone result message becomes the headline.
    expect(error).toMatchObject({ code: 'API_ERROR', status: 400, method: 'PUT' });
    expect(error.message).toBe(
      'PUT /data/v1/async/dataextensions/key:missing/rows → 400: [CustomObjectNotFound] Failed to resolve the Custom Object',
    );
  });

  it('sync rowset splits keys from values', async () => {
    mockToken();
    let body: unknown;
    nock(REST)
      .post('/hub/v1/dataevents/key:orders_de/rowset', (b) => {
        body = b;
        return true;
      })
      .reply(200, []);
    const { client } = makeClient();
    await client.rows.upsertSync('orders_de', [{ SubscriberKey: 'a', Amount: '1.5' }], ['subscriberkey']);
    expect(body).toEqual([{ keys: { SubscriberKey: 'a' }, values: { Amount: '1.5' } }]);
  });

  it('reads rows over three pages, following the request token', async () => {
    mockToken();
    const item = (k: string) => ({ keys: { subscriberkey: k }, values: { amount: '1.5' } });
    nock(REST)
      .get('/data/v1/customobjectdata/key/orders_de/rowset')
      .query({ $pageSize: '2', $page: '1' })
      .reply(200, { requestToken: 'tok-rows', count: 5, page: 1, pageSize: 2, items: [item('a'), item('b')] })
      .get('/data/v1/customobjectdata/token/tok-rows/rowset')
      .query({ $pageSize: '2', $page: '2' })
      .reply(200, { requestToken: 'tok-rows', count: 5, page: 2, pageSize: 2, items: [item('c'), item('d')] })
      .get('/data/v1/customobjectdata/token/tok-rows/rowset')
      .query({ $pageSize: '2', $page: '3' })
      .reply(200, { requestToken: 'tok-rows', count: 5, page: 3, pageSize: 2, items: [item('e')] });
    const { client } = makeClient();
    const keys: string[] = [];
    for await (const row of client.rows.read('orders_de', { pageSize: 2 }))
      keys.push(`${row.subscriberkey}:${row.amount}`);
    expect(keys).toEqual(['a:1.5', 'b:1.5', 'c:1.5', 'd:1.5', 'e:1.5']);
  });

  it('count reads the total from a one-row page', async () => {
    mockToken();
    nock(REST)
      .get('/data/v1/customobjectdata/key/orders_de/rowset')
      .query({ $page: '1', $pageSize: '1' })
      .reply(200, { count: 4213, items: [] });
    const { client } = makeClient();
    expect(await client.rows.count('orders_de')).toBe(4213);
  });
});
