import './setup.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { caught, makeClient, mockToken, SOAP, soapReply } from './helpers.ts';

const ok = (i: number) =>
  `<Results><StatusCode>OK</StatusCode><StatusMessage>Deleted DataExtensionObject</StatusMessage><OrdinalID>${i}</OrdinalID><Object xsi:type="DataExtensionObject"><PartnerKey xsi:nil="true" /></Object></Results>`;

describe('rows.delete', () => {
  it('sends SOAP Delete of DataExtensionObject with escaped keys per row and counts OK results', async () => {
    mockToken();
    const bodies: string[] = [];
    nock(SOAP)
      .matchHeader('soapaction', 'Delete')
      .post('/Service.asmx', (b) => {
        bodies.push(String(b));
        return true;
      })
      .reply(
        200,
        soapReply(
          'DeleteResponse',
          `${ok(0)}${ok(1)}<RequestID>r1</RequestID><OverallStatus>OK</OverallStatus>`,
        ),
      );
    const { client } = makeClient();
    const result = await client.rows.delete('orders_de', [
      { SubscriberKey: 'a&b<c>', OrderId: 7 },
      { SubscriberKey: "o'neil", OrderId: 8 },
    ]);
    expect(result).toEqual({ deleted: 2, errors: [] });
    expect(bodies).toHaveLength(1);
    const body = bodies[0];
    expect(body).toContain('<DeleteRequest xmlns="http://exacttarget.com/wsdl/partnerAPI">');
    expect(body).toContain(
      '<Objects xsi:type="DataExtensionObject"><CustomerKey>orders_de</CustomerKey><Keys>' +
        '<Key><Name>SubscriberKey</Name><Value>a&amp;b&lt;c&gt;</Value></Key>' +
        '<Key><Name>OrderId</Name><Value>7</Value></Key></Keys></Objects>' +
        '<Objects xsi:type="DataExtensionObject"><CustomerKey>orders_de</CustomerKey><Keys>' +
        '<Key><Name>SubscriberKey</Name><Value>o&apos;neil</Value></Key>' +
        '<Key><Name>OrderId</Name><Value>8</Value></Key></Keys></Objects></DeleteRequest>',
    );
  });

  it('splits rows into bounded batches and maps Error results to the row keys', async () => {
    mockToken();
    const counts: number[] = [];
    const countObjects = (b: unknown) => {
      counts.push((String(b).match(/<Objects /g) ?? []).length);
      return true;
    };
    nock(SOAP)
      .post('/Service.asmx', countObjects)
      .reply(
        200,
        soapReply(
          'DeleteResponse',
          `${ok(0)}${ok(1)}<RequestID>r1</RequestID><OverallStatus>OK</OverallStatus>`,
        ),
      )
      .post('/Service.asmx', countObjects)
      .reply(
        200,
        soapReply(
          'DeleteResponse',
          '<Results><StatusCode>Error</StatusCode><StatusMessage>Invalid key value for [Id]</StatusMessage>' +
            '<OrdinalID>0</OrdinalID><ErrorCode>310007</ErrorCode></Results>' +
            '<RequestID>r2</RequestID><OverallStatus>Error</OverallStatus>',
        ),
      );
    const { client } = makeClient();
    const result = await client.rows.delete('leads', [{ Id: '1' }, { Id: '2' }, { Id: '3' }], {
      batchSize: 2,
    });
    expect(counts).toEqual([2, 1]);
    expect(result).toEqual({
      deleted: 2,
      errors: [{ keys: { Id: '3' }, errorCode: '310007', message: 'Invalid key value for [Id]' }],
    });
  });

  it('retries a 503 through the transport and throws when the whole call fails', async () => {
    mockToken();
    nock(SOAP)
      .post('/Service.asmx')
      .reply(503, 'Service Unavailable')
      .post('/Service.asmx')
      .reply(
        200,
        soapReply('DeleteResponse', `${ok(0)}<RequestID>r1</RequestID><OverallStatus>OK</OverallStatus>`),
      )
      .post('/Service.asmx')
      .reply(
        200,
        soapReply(
          'DeleteResponse',
          '<RequestID>r2</RequestID><OverallStatus>Error: Unable to find a handler for object type: DataExtensionObject.</OverallStatus>',
        ),
      );
    const { client, log } = makeClient();
    expect(await client.rows.delete('leads', [{ Id: '1' }])).toEqual({ deleted: 1, errors: [] });
    expect(log().filter((l) => l.includes('Service.asmx'))).toEqual([
      'POST /Service.asmx Delete',
      'POST /Service.asmx Delete',
    ]);
    const error = await caught(client.rows.delete('leads', [{ Id: '2' }]));
    expect(error).toMatchObject({ code: 'API_ERROR' });
    expect(error.message).toMatch(/Unable to find a handler/);
  });

  it('refuses a row without key fields before calling SFMC', async () => {
    const { client } = makeClient();
    const error = await caught(client.rows.delete('leads', [{}]));
    expect(error).toMatchObject({ code: 'USAGE' });
  });
});
