import { afterEach, describe, expect, it } from 'vitest';
import { type Session, session } from './helpers.ts';

let s: Session | undefined;
afterEach(async () => {
  await s?.emu.close();
  s = undefined;
});

const NOW = Date.parse('2026-03-01T12:00:00Z');

function seed(x: Session) {
  const st = x.emu.state;
  st.createDataExtension({
    customerKey: 'contacts',
    name: 'Contacts',
    fields: [
      { name: 'SubscriberKey', maxLength: 50, isPrimaryKey: true },
      { name: 'Email', fieldType: 'EmailAddress' },
    ],
  });
  st.createDataExtension({
    customerKey: 'target',
    name: 'Target',
    fields: [
      { name: 'SubscriberKey', maxLength: 50, isPrimaryKey: true },
      { name: 'Total', fieldType: 'Number' },
    ],
  });
  st.insertRows('contacts', [
    { SubscriberKey: 'a', Email: 'a@x.com' },
    { SubscriberKey: 'b', Email: 'b@x.com' },
    { SubscriberKey: 'c', Email: 'c@x.com' },
    { SubscriberKey: 'd', Email: 'd@x.com' },
  ]);
  st.insertRows('_Click', [
    {
      SubscriberKey: 'a',
      EventDate: '2026-02-25 10:00:00',
      URL: 'https://shop.example.com/premium',
      JobID: 1,
    },
    {
      SubscriberKey: 'b',
      EventDate: '2025-12-01 10:00:00',
      URL: 'https://shop.example.com/premium',
      JobID: 1,
    },
    { SubscriberKey: 'c', EventDate: '2026-02-27 10:00:00', URL: 'https://shop.example.com/basic', JobID: 1 },
  ]);
  st.insertRows('_Bounce', [
    ...Array.from({ length: 4 }, (_, i) => ({
      SubscriberKey: 'b',
      EventDate: `2026-02-0${i + 1} 00:00:00`,
      BounceCategory: 'Soft bounce',
    })),
    ...Array.from({ length: 3 }, (_, i) => ({
      SubscriberKey: 'c',
      EventDate: `2026-02-0${i + 1} 00:00:00`,
      BounceCategory: 'Soft bounce',
    })),
    { SubscriberKey: 'd', EventDate: '2026-02-01 00:00:00', BounceCategory: 'Hard bounce' },
  ]);
}

async function createQuery(x: Session, key: string, queryText: string, targetUpdateTypeId = 0) {
  const r = await x.rest('POST', '/automation/v1/queries/', {
    name: key,
    key,
    description: '',
    queryText,
    targetKey: 'target',
    targetUpdateTypeId,
    categoryId: 2,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.queryDefinitionId as string;
}

async function start(x: Session, id: string) {
  const r = await x.rest('POST', `/automation/v1/queries/${id}/actions/start/`);
  expect(r.status).toBe(200);
  expect(r.text).toBe('OK');
  await x.emu.core.idle();
  const running = await x.rest('GET', `/automation/v1/queries/${id}/actions/isrunning/`);
  expect(running.body).toEqual({ queryDefinitionId: id, isRunning: false });
}

const keys = (x: Session) =>
  x.emu.state
    .readRows('target')
    .map((r) => `${r.SubscriberKey}:${r.Total}`)
    .sort();

describe('query activities', () => {
  it('runs a correlated EXISTS over _Click into the target', async () => {
    s = await session({ now: () => new Date(NOW) });
    seed(s);
    const id = await createQuery(
      s,
      'clicked_premium',
      `SELECT c.SubscriberKey, 1 AS Total FROM [Contacts] c
       WHERE EXISTS (SELECT 1 FROM _Click k WHERE k.SubscriberKey = c.SubscriberKey
                     AND k.URL LIKE '%premium%' AND k.EventDate >= DATEADD(day, -30, GETDATE()))`,
    );
    await start(s, id);
    expect(keys(s)).toEqual(['a:1']);
  });

  it('runs GROUP BY / HAVING over _Bounce', async () => {
    s = await session({ now: () => new Date(NOW) });
    seed(s);
    const id = await createQuery(
      s,
      'soft_bouncers',
      `SELECT SubscriberKey, COUNT(*) AS Total FROM _Bounce WHERE BounceCategory = 'Soft bounce'
       GROUP BY SubscriberKey HAVING COUNT(*) >= 4`,
    );
    await start(s, id);
    expect(keys(s)).toEqual(['b:4']);
  });

  it('Overwrite replaces, Update upserts, Append inserts and fails on a duplicate key', async () => {
    s = await session({ now: () => new Date(NOW) });
    seed(s);
    s.emu.state.insertRows('target', [
      { SubscriberKey: 'old', Total: 0 },
      { SubscriberKey: 'a', Total: 0 },
    ]);
    const sql = "SELECT SubscriberKey, 7 AS Total FROM Contacts WHERE SubscriberKey IN ('a', 'b')";
    const update = await createQuery(s, 'upd', sql, 1);
    await start(s, update);
    expect(keys(s)).toEqual(['a:7', 'b:7', 'old:0']);
    const append = await createQuery(
      s,
      'app',
      "SELECT SubscriberKey, 1 AS Total FROM Contacts WHERE SubscriberKey = 'c'",
      2,
    );
    await start(s, append);
    expect(keys(s)).toEqual(['a:7', 'b:7', 'c:1', 'old:0']);
    await start(s, append);
    expect(keys(s)).toEqual(['a:7', 'b:7', 'c:1', 'old:0']);
    expect(
      s.emu.state.objects.get<{ lastRun: { status: string; message: string } }>('query', append)!.data
        .lastRun,
    ).toMatchObject({
      status: 'Error',
      message: expect.stringMatching(/PRIMARY KEY/),
    });
    const overwrite = await createQuery(s, 'ow', sql, 0);
    await start(s, overwrite);
    expect(keys(s)).toEqual(['a:7', 'b:7']);
  });

  it('validates on create, lists with $filter, patches and deletes', async () => {
    s = await session();
    seed(s);
    const missingPk = await s.rest('POST', '/automation/v1/queries/', {
      name: 'q',
      key: 'q',
      queryText: 'SELECT Email AS Total FROM Contacts',
      targetKey: 'target',
      targetUpdateTypeId: 0,
      categoryId: 2,
    });
    expect(missingPk.status).toBe(400);
    expect(missingPk.body.message).toBe("Field 'SubscriberKey' is required for the Target Data Extension");
    const v = await s.rest('POST', '/automation/v1/queries/actions/validate/', {
      Text: 'SELECT SubscriberKey FROM Contacts WHERE',
    });
    expect(v.body.queryValid).toBe(false);
    expect(v.body.errors[0].message).toMatch(/syntax/i);
    expect(
      (
        await s.rest('POST', '/automation/v1/queries/actions/validate/', {
          Text: 'SELECT SubscriberKey FROM Contacts',
        })
      ).body,
    ).toEqual({
      queryValid: true,
    });
    const id = await createQuery(s, 'q1', 'SELECT SubscriberKey FROM Contacts');
    await createQuery(s, 'q2', 'SELECT SubscriberKey FROM Contacts');
    const list = await s.rest('GET', "/automation/v1/queries/?$page=1&$pageSize=50&$filter=Name%20eq%20'q1'");
    expect(list.body).toMatchObject({ count: 1, page: 1, pageSize: 50 });
    expect(list.body.items[0].queryDefinitionId).toBe(id);
    const patched = await s.rest('PATCH', `/automation/v1/queries/${id}`, { targetUpdateTypeName: 'Append' });
    expect(patched.body).toMatchObject({
      targetUpdateTypeId: 2,
      targetUpdateTypeName: 'Append',
      targetName: 'Target',
    });
    expect(patched.body.validatedQueryText).toContain('INSERT INTO C100000001.[Target]');
    const del = await s.rest('DELETE', `/automation/v1/queries/${id}`);
    expect(del.text).toBe('"OK"');
    expect((await s.rest('GET', `/automation/v1/queries/${id}`)).status).toBe(404);
    const dup = await s.rest('POST', '/automation/v1/queries/', {
      name: 'q2',
      key: 'q2',
      queryText: 'SELECT SubscriberKey FROM Contacts',
      targetKey: 'target',
      categoryId: 2,
    });
    expect(dup.status).toBe(400);
  });
});
