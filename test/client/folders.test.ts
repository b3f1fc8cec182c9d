import './setup.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { caught, makeClient, mockToken, SOAP, soapBodyIncludes, soapReply } from './helpers.ts';

const folder = (id: number, name: string, parent: number) =>
  `<Results xsi:type="DataFolder"><Client><ID>9999999</ID></Client><ID>${id}</ID><CustomerKey>${name}</CustomerKey><ParentFolder><ID>${parent}</ID><ObjectID xsi:nil="true" /></ParentFolder><Name>${name}</Name><Description /><ContentType>dataextension</ContentType><IsActive>true</IsActive><IsEditable>false</IsEditable><AllowChildren>true</AllowChildren></Results>`;

const created = (id: number) =>
  soapReply(
    'CreateResponse',
    `<Results><StatusCode>OK</StatusCode><StatusMessage>Folder created successfully.</StatusMessage><OrdinalID>0</OrdinalID><NewID>${id}</NewID><NewObjectID>d890243b-a4e1-4010-85e4-db6d6ae8450${id % 10}</NewObjectID></Results><RequestID>r</RequestID><OverallStatus>OK</OverallStatus>`,
  );

describe('folders', () => {
  it('lists folders of a content type', async () => {
    mockToken();
    nock(SOAP)
      .post(
        '/Service.asmx',
        soapBodyIncludes(
          '<ObjectType>DataFolder</ObjectType>',
          '<Property>ContentType</Property>',
          '<Value>dataextension</Value>',
        ),
      )
      .reply(
        200,
        soapReply(
          'RetrieveResponseMsg',
          `<OverallStatus>OK</OverallStatus><RequestID>r</RequestID>${folder(2, 'Data Extensions', 0)}${folder(862001, 'sfmc-kit', 2)}`,
        ),
      );
    const { client } = makeClient();
    expect(await client.folders.list('dataextension')).toEqual([
      {
        id: 2,
        name: 'Data Extensions',
        customerKey: 'Data Extensions',
        parentId: 0,
        contentType: 'dataextension',
      },
      { id: 862001, name: 'sfmc-kit', customerKey: 'sfmc-kit', parentId: 2, contentType: 'dataextension' },
    ]);
  });

  it('ensurePath reuses existing levels and creates the missing ones in order', async () => {
    mockToken();
    nock(SOAP)
      .post('/Service.asmx', soapBodyIncludes('<ObjectType>DataFolder</ObjectType>'))
      .reply(
        200,
        soapReply(
          'RetrieveResponseMsg',
          `<OverallStatus>OK</OverallStatus>${folder(2, 'Data Extensions', 0)}${folder(862001, 'SFMC-Kit', 2)}`,
        ),
      )
      .post(
        '/Service.asmx',
        soapBodyIncludes(
          '<Name>segments</Name>',
          '<ParentFolder><ID>862001</ID></ParentFolder>',
          '<ContentType>dataextension</ContentType>',
        ),
      )
      .reply(200, created(862002))
      .post(
        '/Service.asmx',
        soapBodyIncludes('<Name>daily</Name>', '<ParentFolder><ID>862002</ID></ParentFolder>'),
      )
      .reply(200, created(862003));
    const { client, log } = makeClient();
    const leaf = await client.folders.ensurePath('Data Extensions/sfmc-kit/segments/daily', 'dataextension');
    expect(leaf).toEqual({ id: 862003, name: 'daily', parentId: 862002, contentType: 'dataextension' });
    expect(log()).toEqual([
      'POST /v2/token',
      'POST /Service.asmx Retrieve',
      'POST /Service.asmx Create',
      'POST /Service.asmx Create',
    ]);
  });

  it('ensurePath names the missing root', async () => {
    mockToken();
    nock(SOAP)
      .post('/Service.asmx')
      .reply(
        200,
        soapReply(
          'RetrieveResponseMsg',
          `<OverallStatus>OK</OverallStatus>${folder(2, 'Data Extensions', 0)}`,
        ),
      );
    const { client } = makeClient();
    const error = await caught(client.folders.ensurePath('Shared/x', 'dataextension'));
    expect(error).toMatchObject({ code: 'NOT_FOUND', hint: 'Root folders: "Data Extensions"' });
  });
});
