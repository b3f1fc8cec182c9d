import './setup.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { jsonFixture, makeClient, mockToken, REST } from './helpers.ts';

const ID = '549f0568-607c-4940-afef-437965094dae';

describe('queries', () => {
  it('creates with a flat body and maps the answer', async () => {
    mockToken();
    let body: unknown;
    nock(REST)
      .post('/automation/v1/queries/', (b) => {
        body = b;
        return true;
      })
      .reply(200, jsonFixture('query-create.json'));
    const { client } = makeClient();
    const query = await client.queries.create({
      key: 'clickers_q',
      name: 'clickers_q',
      sql: 'SELECT SubscriberKey FROM _Click',
      targetKey: 'clickers',
      updateType: 'Overwrite',
      folderId: 999,
    });
    expect(body).toEqual({
      name: 'clickers_q',
      key: 'clickers_q',
      queryText: 'SELECT SubscriberKey FROM _Click',
      targetKey: 'clickers',
      targetUpdateTypeId: 0,
      targetUpdateTypeName: 'Overwrite',
      categoryId: 999,
    });
    expect(query).toMatchObject({
      id: ID,
      key: 'clickers_q',
      targetKey: 'clickers',
      updateType: 'Overwrite',
      folderId: 999,
    });
    expect(query.validatedSql).toContain('INSERT INTO C518001158.[clickers]');
  });

  it('updates, gets, gets by key, lists, deletes', async () => {
    mockToken();
    const raw = jsonFixture('query-create.json');
    nock(REST)
      .patch(`/automation/v1/queries/${ID}`, { targetUpdateTypeId: 1, targetUpdateTypeName: 'Update' })
      .reply(200, { ...raw, targetUpdateTypeId: 1, targetUpdateTypeName: 'Update' })
      .get(`/automation/v1/queries/${ID}`)
      .reply(200, { ...raw, validatedQueryText: undefined })
      .get('/automation/v1/queries/')
      .query({ $filter: "key eq 'clickers_q'", $page: '1', $pageSize: '50' })
      .reply(200, { count: 1, page: 1, pageSize: 50, items: [raw] })
      .get('/automation/v1/queries/')
      .query({ $page: '1', $pageSize: '2' })
      .reply(200, { count: 3, page: 1, pageSize: 2, items: [raw, { ...raw, key: 'b' }] })
      .get('/automation/v1/queries/')
      .query({ $page: '2', $pageSize: '2' })
      .reply(200, { count: 3, page: 2, pageSize: 2, items: [{ ...raw, key: 'c' }] })
      .delete(`/automation/v1/queries/${ID}`)
      .reply(200, '"OK"');
    const { client, log } = makeClient();
    expect((await client.queries.update(ID, { updateType: 'Update' })).updateType).toBe('Update');
    expect((await client.queries.get(ID)).validatedSql).toBeUndefined();
    expect((await client.queries.getByKey('clickers_q'))?.id).toBe(ID);
    const keys: string[] = [];
    for await (const q of client.queries.list({ pageSize: 2 })) keys.push(q.key);
    expect(keys).toEqual(['clickers_q', 'b', 'c']);
    await client.queries.delete(ID);
    expect(log()).toEqual([
      'POST /v2/token',
      `PATCH /automation/v1/queries/${ID}`,
      `GET /automation/v1/queries/${ID}`,
      "GET /automation/v1/queries/?$filter=key%20eq%20'clickers_q'&$page=1&$pageSize=50",
      'GET /automation/v1/queries/?$page=1&$pageSize=2',
      'GET /automation/v1/queries/?$page=2&$pageSize=2',
      `DELETE /automation/v1/queries/${ID}`,
    ]);
  });

  it('starts and waits until no longer running', async () => {
    mockToken();
    nock(REST)
      .post(`/automation/v1/queries/${ID}/actions/start/`)
      .reply(200, 'OK')
      .get(`/automation/v1/queries/${ID}/actions/isrunning/`)
      .twice()
      .reply(200, { queryDefinitionId: ID, isRunning: true })
      .get(`/automation/v1/queries/${ID}/actions/isrunning/`)
      .reply(200, { queryDefinitionId: ID, isRunning: false });
    const { client, sleeps } = makeClient();
    await client.queries.start(ID);
    await client.queries.waitUntilDone(ID, { pollIntervalMs: 3000 });
    expect(sleeps).toEqual([3000, 3000]);
  });

  it('validates SQL via actions/validate with the Text field', async () => {
    mockToken();
    nock(REST)
      .post('/automation/v1/queries/actions/validate/', { Text: 'SELECT * FROM' })
      .reply(200, { queryValid: false, errors: [{ message: 'Incorrect syntax near FROM.' }], warnings: [] })
      .post('/automation/v1/queries/actions/validate/', { Text: 'SELECT 1 AS x' })
      .reply(200, { queryValid: true });
    const { client } = makeClient();
    expect(await client.queries.validate('SELECT * FROM')).toEqual({
      valid: false,
      errors: ['Incorrect syntax near FROM.'],
      warnings: [],
    });
    expect(await client.queries.validate('SELECT 1 AS x')).toEqual({ valid: true, errors: [], warnings: [] });
  });
});

describe('queries getByKey fallback', () => {
  it('pages through all queries when SFMC refuses the $filter', async () => {
    mockToken();
    const raw = jsonFixture('query-create.json');
    nock(REST)
      .get('/automation/v1/queries/')
      .query({ $filter: "key eq 'CLICKERS_Q'", $page: '1', $pageSize: '50' })
      .reply(400, { message: 'Invalid filter', errorcode: 10003 })
      .get('/automation/v1/queries/')
      .query({ $page: '1', $pageSize: '50' })
      .reply(200, { count: 2, page: 1, pageSize: 50, items: [{ ...raw, key: 'other' }, raw] });
    const { client } = makeClient();
    expect((await client.queries.getByKey('CLICKERS_Q'))?.key).toBe('clickers_q');
  });
});
