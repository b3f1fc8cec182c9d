import './setup.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { buildEnvelope, parseSoap, toXml } from '../../src/client/index.ts';
import { caught, fixture, makeClient, mockToken, SOAP, soapBodyIncludes, soapReply } from './helpers.ts';

describe('SOAP envelope and parser', () => {
  it('builds a SOAP 1.1 envelope with fueloauth and escapes values', () => {
    const xml = buildEnvelope('Create', 'TOKEN-1', {
      Objects: { '@xsi:type': 'DataFolder', Name: 'A & <B> "c"', ParentFolder: { ID: 5 }, Skip: undefined },
    });
    expect(xml).toContain('<Header><fueloauth xmlns="http://exacttarget.com">TOKEN-1</fueloauth></Header>');
    expect(xml).toContain(
      '<CreateRequest xmlns="http://exacttarget.com/wsdl/partnerAPI"><Objects xsi:type="DataFolder"><Name>A &amp; &lt;B&gt; &quot;c&quot;</Name><ParentFolder><ID>5</ID></ParentFolder></Objects></CreateRequest>',
    );
    expect(toXml('Properties', ['A', 'B'])).toBe('<Properties>A</Properties><Properties>B</Properties>');
  });

  it('parses a single Results element as an array and drops xsi:nil', () => {
    const reply = parseSoap(fixture('de-create.xml'));
    expect(reply).toMatchObject({ kind: 'reply', element: 'CreateResponse', overallStatus: 'OK' });
    if (reply.kind !== 'reply') throw new Error('expected reply');
    expect(reply.results).toHaveLength(1);
    expect(reply.results[0].NewObjectID).toBe('30400c03-0ec4-ec11-b83c-48df37d1de8a');
    expect((reply.results[0].Object as Record<string, unknown>).PartnerKey).toBeUndefined();
  });

  it('parses SOAP 1.1 and SOAP 1.2 faults', () => {
    expect(parseSoap(fixture('fault-token-expired.xml'))).toEqual({
      kind: 'fault',
      code: 'q0:Security',
      message: 'Token Expired',
    });
    expect(parseSoap(fixture('fault-soap12.xml'))).toEqual({
      kind: 'fault',
      code: 's:Sender',
      message: 'Invalid object type',
    });
  });

  it('parses a SOAP 1.2 reply with prefixed partnerAPI elements', () => {
    const xml =
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
      '<s:Header><a:Action s:mustUnderstand="1">Retrieve</a:Action></s:Header><s:Body>' +
      '<p:RetrieveResponseMsg xmlns:p="http://exacttarget.com/wsdl/partnerAPI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      '<p:OverallStatus>OK</p:OverallStatus><p:RequestID>r12</p:RequestID>' +
      '<p:Results xsi:type="DataFolder"><p:ID>00123</p:ID><p:Name>Query</p:Name></p:Results>' +
      '</p:RetrieveResponseMsg></s:Body></s:Envelope>';
    expect(parseSoap(xml)).toEqual({
      kind: 'reply',
      element: 'RetrieveResponseMsg',
      overallStatus: 'OK',
      overallStatusMessage: undefined,
      requestId: 'r12',
      results: [{ '@type': 'DataFolder', ID: '00123', Name: 'Query' }],
    });
  });

  it('parses an empty retrieve as no results', () => {
    const reply = parseSoap(
      soapReply('RetrieveResponseMsg', '<OverallStatus>OK</OverallStatus><RequestID>x</RequestID>'),
    );
    expect(reply).toMatchObject({ kind: 'reply', results: [] });
  });
});

describe('SOAP call statuses', () => {
  it('"Error: …" OverallStatus becomes an ApiError with that message', async () => {
    mockToken();
    nock(SOAP)
      .post('/Service.asmx')
      .reply(
        200,
        soapReply(
          'RetrieveResponseMsg',
          '<OverallStatus>Error: Unable to find a handler for object type: DataExtensionz. Object types are case-sensitive, check spelling.</OverallStatus><RequestID>r</RequestID>',
        ),
      );
    const { client } = makeClient();
    const error = await caught(
      client.soap.retrieveList({ objectType: 'DataExtensionz', properties: ['Name'] }),
    );
    expect(error).toMatchObject({
      code: 'API_ERROR',
      method: 'POST',
      path: '/Service.asmx Retrieve',
      status: 200,
    });
    expect(error.message).toContain('Unable to find a handler for object type: DataExtensionz');
  });

  it('"Has Errors" lists every failed object with its ErrorCode; allowErrors returns it', async () => {
    mockToken();
    const body = soapReply(
      'CreateResponse',
      '<Results><StatusCode>OK</StatusCode><StatusMessage>Folder created successfully.</StatusMessage><NewID>1</NewID></Results>' +
        '<Results><StatusCode>Error</StatusCode><StatusMessage>Name already exists</StatusMessage><ErrorCode>12014</ErrorCode></Results>' +
        '<RequestID>r</RequestID><OverallStatus>Has Errors</OverallStatus>',
    );
    nock(SOAP).post('/Service.asmx').twice().reply(200, body);
    const { client } = makeClient();
    const error = await caught(client.soap.call('Create', { Objects: [] }));
    expect(error).toMatchObject({ code: 'API_ERROR', sfmcCode: '12014' });
    expect(error.message).toContain('Name already exists');
    const reply = await client.soap.call('Create', { Objects: [] }, { allowErrors: true });
    expect(reply.results.map((r) => r.StatusCode)).toEqual(['OK', 'Error']);
  });

  it('a non-token SOAP fault is a SOAP_FAULT and is not retried', async () => {
    mockToken();
    nock(SOAP).post('/Service.asmx').reply(500, fixture('fault-soap12.xml'));
    const { client, log } = makeClient();
    const error = await caught(client.soap.call('Describe', {}));
    expect(error).toMatchObject({ code: 'SOAP_FAULT', sfmcCode: 's:Sender', status: 500 });
    expect(log()).toEqual(['POST /v2/token', 'POST /Service.asmx Describe']);
  });

  it('retrieveAll follows ContinueRequest over three pages', async () => {
    mockToken();
    const page = (status: string, id: string, names: string[]) =>
      soapReply(
        'RetrieveResponseMsg',
        `<OverallStatus>${status}</OverallStatus><RequestID>${id}</RequestID>${names
          .map((n) => `<Results xsi:type="DataExtension"><Name>${n}</Name></Results>`)
          .join('')}`,
      );
    nock(SOAP)
      .post(
        '/Service.asmx',
        soapBodyIncludes('<ObjectType>DataExtension</ObjectType>', '<Properties>Name</Properties>'),
      )
      .reply(200, page('MoreDataAvailable', 'req-1', ['a', 'b']))
      .post('/Service.asmx', soapBodyIncludes('<ContinueRequest>req-1</ContinueRequest>'))
      .reply(200, page('MoreDataAvailable', 'req-2', ['c', 'd']))
      .post('/Service.asmx', soapBodyIncludes('<ContinueRequest>req-2</ContinueRequest>'))
      .reply(200, page('OK', 'req-3', ['e']));
    const { client, log } = makeClient();
    const names: string[] = [];
    for await (const r of client.soap.retrieveAll({ objectType: 'DataExtension', properties: ['Name'] }))
      names.push(String(r.Name));
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(log().filter((l) => l.includes('Retrieve'))).toHaveLength(3);
  });

  it('writes complex filters with xsi:type on every operand', async () => {
    mockToken();
    nock(SOAP)
      .post(
        '/Service.asmx',
        soapBodyIncludes(
          '<Filter xsi:type="ComplexFilterPart"><LeftOperand xsi:type="SimpleFilterPart"><Property>CustomerKey</Property><SimpleOperator>equals</SimpleOperator><Value>k</Value></LeftOperand><LogicalOperator>OR</LogicalOperator><RightOperand xsi:type="SimpleFilterPart"><Property>Name</Property><SimpleOperator>IN</SimpleOperator><Value>a</Value><Value>b</Value></RightOperand></Filter>',
        ),
      )
      .reply(200, soapReply('RetrieveResponseMsg', '<OverallStatus>OK</OverallStatus>'));
    const { client } = makeClient();
    await client.soap.retrieveList({
      objectType: 'DataExtension',
      properties: ['Name'],
      filter: {
        left: { property: 'CustomerKey', operator: 'equals', value: 'k' },
        logical: 'OR',
        right: { property: 'Name', operator: 'IN', value: ['a', 'b'] },
      },
    });
  });
});
