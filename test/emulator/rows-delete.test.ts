import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function setup() {
  emu = await startEmulator({ asyncDelayMs: 0, scheduleTickMs: 0 });
  const c = createClient(
    {
      authBaseUrl: emu.urls.auth,
      clientId: emu.credentials.clientId,
      clientSecret: emu.credentials.clientSecret,
    },
    { sleep: async () => {} },
  );
  await c.dataExtensions.create({
    key: 'orders_de',
    name: 'Orders',
    fields: [
      { name: 'SubscriberKey', type: 'Text', length: 50, isPrimaryKey: true, isRequired: true },
      { name: 'OrderId', type: 'Number', isPrimaryKey: true, isRequired: true },
      { name: 'Amount', type: 'Decimal', length: 18, scale: 2 },
    ],
  });
  emu.state.insertRows('orders_de', [
    { SubscriberKey: 'a&b', OrderId: 1, Amount: 10 },
    { SubscriberKey: 'a&b', OrderId: 2, Amount: 20 },
    { SubscriberKey: 'c', OrderId: 1, Amount: 30 },
    { SubscriberKey: 'd', OrderId: 4, Amount: 40 },
  ]);
  return { c, state: emu.state };
}

const keysLeft = (state: RunningEmulator['state']) =>
  state.readRows('orders_de').map((r) => `${r.SubscriberKey}/${r.OrderId}`);

describe('SOAP Delete of DataExtensionObject rows', () => {
  it('removes exactly the keyed rows, over HTTP through the client, and leaves the others', async () => {
    const { c, state } = await setup();
    const result = await c.rows.delete('orders_de', [
      { SubscriberKey: 'a&b', OrderId: 2 },
      { SubscriberKey: 'c', OrderId: '1' },
    ]);
    expect(result).toEqual({ deleted: 2, errors: [] });
    expect(keysLeft(state)).toEqual(['a&b/1', 'd/4']);
    expect(await c.rows.count('orders_de')).toBe(2);
  });

  it('answers OK for a key with no row, and per-object errors for bad keys and unknown DEs', async () => {
    const { c, state } = await setup();
    const result = await c.rows.delete(
      'orders_de',
      [
        { SubscriberKey: 'zz', OrderId: 9 },
        { SubscriberKey: 'd' },
        { SubscriberKey: 'd', OrderId: 4, Nope: 'x' },
        { SubscriberKey: 'd', OrderId: 'four' },
        { SubscriberKey: 'd', OrderId: 4 },
      ],
      { batchSize: 2 },
    );
    expect(result.deleted).toBe(2);
    expect(result.errors.map((e) => [e.keys, e.errorCode])).toEqual([
      [{ SubscriberKey: 'd' }, '310001'],
      [{ SubscriberKey: 'd', OrderId: '4', Nope: 'x' }, '310007'],
      [{ SubscriberKey: 'd', OrderId: 'four' }, '310007'],
    ]);
    expect(result.errors[0].message).toMatch(/OrderId/);
    expect(result.errors[1].message).toMatch(/\[Nope\] does not exist/);
    expect(keysLeft(state)).toEqual(['a&b/1', 'a&b/2', 'c/1']);

    const unknown = await c.rows.delete('no_such_de', [{ Id: '1' }]);
    expect(unknown.deleted).toBe(0);
    expect(unknown.errors).toHaveLength(1);
    expect(unknown.errors[0]).toMatchObject({ keys: { Id: '1' } });
    expect(keysLeft(state)).toHaveLength(3);
  });

  it('also finds the DE by Name, as SFMC accepts either', async () => {
    const { state } = await setup();
    const t = await fetch(`${emu!.urls.auth}v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: emu!.credentials.clientId,
        client_secret: emu!.credentials.clientSecret,
      }),
    });
    const token = ((await t.json()) as { access_token: string }).access_token;
    const res = await fetch(emu!.urls.soap, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', soapaction: 'Delete' },
      body:
        '<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<Header><fueloauth xmlns="http://exacttarget.com">${token}</fueloauth></Header><Body>` +
        '<DeleteRequest xmlns="http://exacttarget.com/wsdl/partnerAPI"><Objects xsi:type="DataExtensionObject"><Name>Orders</Name>' +
        '<Keys><Key><Name>SubscriberKey</Name><Value>d</Value></Key><Key><Name>OrderId</Name><Value>4</Value></Key></Keys>' +
        '</Objects></DeleteRequest></Body></Envelope>',
    });
    const text = await res.text();
    expect(text).toContain(
      '<StatusCode>OK</StatusCode><StatusMessage>Deleted DataExtensionObject</StatusMessage>',
    );
    expect(text).toContain('<OverallStatus>OK</OverallStatus>');
    expect(keysLeft(state)).toEqual(['a&b/1', 'a&b/2', 'c/1']);
  });
});
