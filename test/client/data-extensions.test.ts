import './setup.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { Field } from '../../src/client/index.ts';
import { planFieldChanges } from '../../src/client/index.ts';
import {
  caught,
  fixture,
  makeClient,
  mockToken,
  REST,
  SOAP,
  soapBodyIncludes,
  soapReply,
} from './helpers.ts';

const ORDERS_FIELDS: Field[] = [
  {
    name: 'SubscriberKey',
    type: 'Text',
    length: 254,
    isPrimaryKey: true,
    isRequired: true,
    ordinal: 0,
    objectId: 'f0',
  },
  { name: 'OrderDate', type: 'Date', isPrimaryKey: false, isRequired: false, ordinal: 1, objectId: 'f1' },
  {
    name: 'Amount',
    type: 'Decimal',
    length: 18,
    scale: 2,
    isPrimaryKey: false,
    isRequired: false,
    ordinal: 2,
    objectId: 'f2',
  },
];

function mockGetOrders() {
  nock(SOAP)
    .post(
      '/Service.asmx',
      soapBodyIncludes('<ObjectType>DataExtension</ObjectType>', '<Value>orders_de</Value>'),
    )
    .reply(200, fixture('de-retrieve.xml'))
    .post(
      '/Service.asmx',
      soapBodyIncludes(
        '<ObjectType>DataExtensionField</ObjectType>',
        '<Property>DataExtension.CustomerKey</Property>',
      ),
    )
    .reply(200, fixture('de-fields-retrieve.xml'));
}

describe('data extensions', () => {
  it('creates with fields, primary key, sendable relation and retention', async () => {
    mockToken();
    let xml = '';
    nock(SOAP)
      .post('/Service.asmx', (b) => {
        xml = String(b);
        return true;
      })
      .reply(200, fixture('de-create.xml'));
    const { client } = makeClient();
    const de = await client.dataExtensions.create({
      key: 'orders_de',
      name: 'orders_de',
      folderId: 12345,
      isSendable: true,
      sendableField: 'SubscriberKey',
      retention: { length: 6, unit: 'months', mode: 'rows' },
      fields: [
        { name: 'SubscriberKey', type: 'Text', length: 254, isPrimaryKey: true },
        { name: 'Amount', type: 'Decimal', length: 18, scale: 2 },
      ],
    });
    expect(de.objectId).toBe('30400c03-0ec4-ec11-b83c-48df37d1de8a');
    expect(xml).toContain(
      '<CreateRequest xmlns="http://exacttarget.com/wsdl/partnerAPI"><Objects xsi:type="DataExtension"><CustomerKey>orders_de</CustomerKey>',
    );
    expect(xml).toContain(
      '<CategoryID>12345</CategoryID><IsSendable>true</IsSendable><SendableDataExtensionField><Name>SubscriberKey</Name></SendableDataExtensionField><SendableSubscriberField><Name>Subscriber Key</Name></SendableSubscriberField>',
    );
    expect(xml).toContain(
      '<DataRetentionPeriodLength>6</DataRetentionPeriodLength><DataRetentionPeriodUnitOfMeasure>5</DataRetentionPeriodUnitOfMeasure><RowBasedRetention>true</RowBasedRetention>',
    );
    expect(xml).toContain(
      '<Field><CustomerKey>SubscriberKey</CustomerKey><Name>SubscriberKey</Name><FieldType>Text</FieldType><MaxLength>254</MaxLength><IsRequired>true</IsRequired><IsPrimaryKey>true</IsPrimaryKey><Ordinal>0</Ordinal></Field>',
    );
    expect(xml).toContain(
      '<Name>Amount</Name><FieldType>Decimal</FieldType><MaxLength>18</MaxLength><Scale>2</Scale><IsRequired>false</IsRequired>',
    );
  });

  it('a duplicate create surfaces SFMC code 310003 and its message', async () => {
    mockToken();
    nock(SOAP).post('/Service.asmx').reply(200, fixture('de-create-duplicate.xml'));
    const { client } = makeClient();
    const error = await caught(
      client.dataExtensions.create({ key: 'orders_de', name: 'orders_de', fields: [] }),
    );
    expect(error).toMatchObject({ code: 'API_ERROR', sfmcCode: '310003', path: '/Service.asmx Create' });
    expect(error.message).toContain('not allowed when doing an add-only operation');
  });

  it('get returns fields sorted by Ordinal with retention and sendable field', async () => {
    mockToken();
    mockGetOrders();
    const { client } = makeClient();
    const de = await client.dataExtensions.get('orders_de');
    expect(de).toEqual({
      objectId: '30400c03-0ec4-ec11-b83c-48df37d1de8a',
      key: 'orders_de',
      name: 'orders_de',
      description: undefined,
      folderId: 12345,
      isSendable: true,
      sendableField: 'SubscriberKey',
      retention: { length: 6, unit: 'months', mode: 'rows', resetOnImport: false },
      fields: [
        {
          name: 'SubscriberKey',
          type: 'Text',
          length: 254,
          isPrimaryKey: true,
          isRequired: true,
          objectId: '8018397d-880d-4f88-940e-3b4eca098a0c',
          ordinal: 0,
        },
        {
          name: 'OrderDate',
          type: 'Date',
          isPrimaryKey: false,
          isRequired: false,
          objectId: '2557b461-a699-4744-950d-e80a19afc2dc',
          ordinal: 1,
        },
        {
          name: 'Amount',
          type: 'Decimal',
          length: 18,
          scale: 2,
          isPrimaryKey: false,
          isRequired: false,
          objectId: 'bea0e308-5d45-4181-a673-da9972a7c674',
          ordinal: 2,
        },
      ],
    });
  });

  it('get of an unknown key is undefined', async () => {
    mockToken();
    nock(SOAP)
      .post('/Service.asmx')
      .reply(200, soapReply('RetrieveResponseMsg', '<OverallStatus>OK</OverallStatus>'));
    const { client } = makeClient();
    expect(await client.dataExtensions.get('nope')).toBeUndefined();
  });

  it('list makes one DataExtension and one DataExtensionField retrieve for all DEs', async () => {
    mockToken();
    const other =
      '<Results xsi:type="DataExtension"><CustomerKey>empty_de</CustomerKey><Name>empty_de</Name><IsSendable>false</IsSendable></Results>';
    nock(SOAP)
      .post('/Service.asmx', soapBodyIncludes('<ObjectType>DataExtension</ObjectType>'))
      .reply(200, fixture('de-retrieve.xml').replace('</Results>', `</Results>${other}`))
      .post(
        '/Service.asmx',
        (b) =>
          String(b).includes('<ObjectType>DataExtensionField</ObjectType>') && !String(b).includes('<Filter'),
      )
      .reply(200, fixture('de-fields-retrieve.xml'));
    const { client, log } = makeClient();
    const all = await client.dataExtensions.list();
    expect(all.map((d) => [d.key, d.fields.map((f) => f.name)])).toEqual([
      ['orders_de', ['SubscriberKey', 'OrderDate', 'Amount']],
      ['empty_de', []],
    ]);
    expect(log()).toEqual(['POST /v2/token', 'POST /Service.asmx Retrieve', 'POST /Service.asmx Retrieve']);
  });

  it('addFields adds a nullable field and widens a Text field in one Update', async () => {
    mockToken();
    mockGetOrders();
    nock(SOAP)
      .post(
        '/Service.asmx',
        soapBodyIncludes(
          '<UpdateRequest',
          '<Objects xsi:type="DataExtension"><CustomerKey>orders_de</CustomerKey><Fields>',
          '<Field><ObjectID>8018397d-880d-4f88-940e-3b4eca098a0c</ObjectID><Name>SubscriberKey</Name><MaxLength>500</MaxLength>',
          '<Field><CustomerKey>Country</CustomerKey><Name>Country</Name><FieldType>Text</FieldType><MaxLength>2</MaxLength><IsRequired>false</IsRequired><IsPrimaryKey>false</IsPrimaryKey><Ordinal>3</Ordinal></Field>',
        ),
      )
      .reply(
        200,
        soapReply(
          'UpdateResponse',
          '<Results><StatusCode>OK</StatusCode><StatusMessage>Data Extension updated.</StatusMessage></Results><OverallStatus>OK</OverallStatus>',
        ),
      );
    const { client } = makeClient();
    const result = await client.dataExtensions.addFields('orders_de', [
      { name: 'subscriberkey', type: 'Text', length: 500, isPrimaryKey: true, isRequired: true },
      { name: 'Amount', type: 'Decimal', length: 18, scale: 2 },
      { name: 'Country', type: 'Text', length: 2 },
    ]);
    expect(result).toEqual({ added: ['Country'], widened: ['SubscriberKey'], unchanged: ['Amount'] });
  });

  it('addFields refuses a required field without default when the DE has rows', async () => {
    mockToken();
    mockGetOrders();
    nock(REST)
      .get('/data/v1/customobjectdata/key/orders_de/rowset')
      .query({ $page: '1', $pageSize: '1' })
      .reply(200, { count: 3, items: [] });
    const { client } = makeClient();
    const error = await caught(
      client.dataExtensions.addFields('orders_de', [{ name: 'Tier', type: 'Number', isRequired: true }]),
    );
    expect(error).toMatchObject({ code: 'FORBIDDEN_CHANGE' });
    expect(error.message).toContain('Tier: a new required field needs a default value when the DE has rows');
  });

  it('planFieldChanges names every forbidden change', () => {
    expect(() =>
      planFieldChanges(
        'orders_de',
        ORDERS_FIELDS,
        [
          { name: 'SubscriberKey', type: 'Text', length: 100, isPrimaryKey: true },
          { name: 'OrderDate', type: 'Text', length: 20 },
          { name: 'Amount', type: 'Decimal', length: 18, scale: 4, isRequired: true },
        ],
        false,
      ),
    ).toThrowError(
      /SubscriberKey: length cannot decrease \(254 → 100\)\n {2}- OrderDate: type cannot change \(Date → Text\)\n {2}- Amount: decimal scale cannot change \(2 → 4\); a nullable field cannot become required/,
    );
    expect(
      planFieldChanges('x', ORDERS_FIELDS, [{ name: 'Id', type: 'Number', isPrimaryKey: true }], false),
    ).toEqual([{ kind: 'add', field: { name: 'Id', type: 'Number', isPrimaryKey: true } }]);
    expect(() =>
      planFieldChanges('x', ORDERS_FIELDS, [{ name: 'Id', type: 'Number', isPrimaryKey: true }], true),
    ).toThrow(/cannot add a primary key field to a DE that has rows/);
  });

  it('deletes by CustomerKey', async () => {
    mockToken();
    nock(SOAP)
      .post(
        '/Service.asmx',
        soapBodyIncludes(
          '<DeleteRequest',
          '<Objects xsi:type="DataExtension"><CustomerKey>orders_de</CustomerKey></Objects>',
        ),
      )
      .reply(
        200,
        soapReply(
          'DeleteResponse',
          '<Results><StatusCode>OK</StatusCode><StatusMessage>Data Extension deleted.</StatusMessage></Results><OverallStatus>OK</OverallStatus>',
        ),
      );
    const { client } = makeClient();
    await client.dataExtensions.delete('orders_de');
  });
});
