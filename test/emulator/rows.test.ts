import { afterEach, describe, expect, it } from 'vitest';
import { type Session, session } from './helpers.ts';

let s: Session | undefined;
afterEach(async () => {
  await s?.emu.close();
  s = undefined;
});

function seed(x: Session) {
  x.emu.state.createDataExtension({
    customerKey: 'people',
    name: 'People',
    fields: [
      { name: 'SubscriberKey', fieldType: 'Text', maxLength: 20, isPrimaryKey: true },
      { name: 'Email', fieldType: 'EmailAddress' },
      { name: 'Score', fieldType: 'Number' },
      { name: 'Joined', fieldType: 'Date' },
      { name: 'Active', fieldType: 'Boolean' },
    ],
  });
}

describe('rows', () => {
  it('async insert → 202, status Complete, per-row errors in results, stored values', async () => {
    s = await session();
    seed(s);
    const post = await s.rest('POST', '/data/v1/async/dataextensions/key:people/rows', {
      items: [
        {
          SubscriberKey: 'a',
          Email: 'a@example.com',
          Score: 5,
          Joined: '2026-01-02T03:04:05Z',
          Active: true,
        },
        { SubscriberKey: 'b', Email: 'not-an-email' },
        { SubscriberKey: 'a', Email: 'dup@example.com' },
      ],
    });
    expect(post.status).toBe(202);
    expect(post.body.resultMessages).toEqual([]);
    const id = post.body.requestId as string;
    await s.emu.core.idle();
    const status = await s.rest('GET', `/data/v1/async/${id}/status`);
    expect(status.body.status).toMatchObject({
      requestStatus: 'Complete',
      hasErrors: true,
      resultStatus: 'Has Errors',
      requestId: id,
    });
    const results = await s.rest('GET', `/data/v1/async/${id}/results`);
    expect(results.body.count).toBe(2);
    expect(results.body.items[0].message).toBe(
      'Email: The value for column [Email] is not a valid email address. Parse error [InvalidEmailAddress]',
    );
    expect(results.body.items[1].message).toMatch(/^Violation of PRIMARY KEY constraint/);
    expect(s.emu.state.readRows('people')).toEqual([
      { SubscriberKey: 'a', Email: 'a@example.com', Score: 5, Joined: '2026-01-02 03:04:05', Active: true },
    ]);
    const put = await s.rest('PUT', '/data/v1/async/dataextensions/key:people/rows', {
      items: [{ SubscriberKey: 'a', Score: 9 }],
    });
    expect(put.status).toBe(202);
    await s.emu.core.idle();
    expect(s.emu.state.readRows('people')[0]).toMatchObject({
      SubscriberKey: 'a',
      Score: 9,
      Email: 'a@example.com',
    });
  });

  it('async on an unknown DE answers CustomObjectNotFound', async () => {
    s = await session();
    const r = await s.rest('POST', '/data/v1/async/dataextensions/key:nope/rows', { items: [{ a: 1 }] });
    expect(r.status).toBe(400);
    expect(r.body.resultMessages[0]).toEqual({
      resultType: 'Validation',
      resultClass: 'Error',
      resultCode: 'CustomObjectNotFound',
      message:
        'Failed to resolve the Custom Object from the provided ObjectReferenceIdentifier [Id: , Key: nope].',
    });
  });

  it('sync rowset upserts and refuses a bad batch as a whole with SFMC’s error body', async () => {
    s = await session();
    seed(s);
    const ok = await s.rest('POST', '/hub/v1/dataevents/key:people/rowset', [
      { keys: { SubscriberKey: 'x' }, values: { Email: 'x@example.com', Score: '3' } },
    ]);
    expect(ok.status).toBe(200);
    const bad = await s.rest('POST', '/hub/v1/dataevents/key:people/rowset', [
      { keys: { SubscriberKey: 'y' }, values: { Email: 'y@example.com' } },
      { keys: { SubscriberKey: 'z' }, values: { Email: 'bad' } },
    ]);
    expect(bad.status).toBe(400);
    const de = s.emu.state.dataExtensions.get('people')!;
    expect(bad.body).toEqual({
      message: `Unable to save rows for data extension ID ${de.objectId}`,
      errorcode: 10006,
      documentation: '',
      additionalErrors: [
        {
          message:
            'Email: The value for column [Email] is not a valid email address. Parse error [InvalidEmailAddress]',
          errorcode: 10000,
          documentation: '',
        },
      ],
    });
    expect(s.emu.state.readRows('people').map((r) => r.SubscriberKey)).toEqual(['x']);
    const tooLong = await s.rest('POST', '/hub/v1/dataevents/key:people/rowset', [
      { keys: { SubscriberKey: 'k'.repeat(21) }, values: {} },
    ]);
    expect(tooLong.status).toBe(400);
  });

  it('reads rowsets in pages with a requestToken next link and $filter', async () => {
    s = await session();
    seed(s);
    s.emu.state.insertRows(
      'people',
      Array.from({ length: 5 }, (_, i) => ({ SubscriberKey: `k${i}`, Email: `k${i}@example.com`, Score: i })),
    );
    const p1 = await s.rest('GET', '/data/v1/customobjectdata/key/people/rowset?$pageSize=2');
    expect(p1.body).toMatchObject({ count: 5, page: 1, pageSize: 2, customObjectKey: 'people' });
    expect(p1.body.items[0]).toEqual({
      keys: { subscriberkey: 'k0' },
      values: { email: 'k0@example.com', score: '0', joined: '', active: '' },
    });
    expect(p1.body.links.next).toBe(`/v1/customobjectdata/token/${p1.body.requestToken}/rowset?$page=2`);
    const p3 = await s.rest('GET', `/data/v1/customobjectdata/token/${p1.body.requestToken}/rowset?$page=3`);
    expect(p3.body.items.map((i: { keys: { subscriberkey: string } }) => i.keys.subscriberkey)).toEqual([
      'k4',
    ]);
    expect(p3.body.links.next).toBeUndefined();
    const f = await s.rest('GET', "/data/v1/customobjectdata/key/people/rowset?$filter=Score%20eq%20'3'");
    expect(f.body.count).toBe(1);
    expect((await s.rest('GET', '/data/v1/customobjectdata/key/none/rowset')).status).toBe(404);
  });

  it('bulk insertRows validates and writes nothing on a bad row', async () => {
    s = await session();
    seed(s);
    expect(() =>
      s!.emu.state.insertRows('people', [{ SubscriberKey: 'ok' }, { SubscriberKey: null }]),
    ).toThrow(/required/);
    expect(s.emu.state.readRows('people')).toEqual([]);
    s.emu.state.insertRows('_Click', [
      { SubscriberKey: 'a', EventDate: '2026-01-01', URL: 'https://x', IsUnique: true },
    ]);
    expect(s.emu.state.readRows('_Click')[0]).toMatchObject({
      SubscriberKey: 'a',
      EventDate: '2026-01-01 00:00:00',
      IsUnique: true,
    });
  });
});
