import './setup.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { jsonFixture, makeClient, mockToken, REST, SOAP, soapBodyIncludes, soapReply } from './helpers.ts';

const DEF_ID = '10ef27dd-4be8-4bf6-970a-8acf8e281e55';
const ACT_ID = 'f018f237-f7ef-40b0-afc8-39ea2e5dcca4';
const SRC = '30400c03-0ec4-ec11-b83c-48df37d1de8a';
const DST = 'a1b2c3d4-0ec4-ec11-b83c-48df37d1de8a';

describe('filter definitions', () => {
  it('create, get, update, list, delete over REST', async () => {
    mockToken();
    const raw = jsonFixture('filter-definition.json');
    nock(REST)
      .post('/email/v1/filters/filterdefinition/', {
        key: 'us_only',
        name: 'us_only',
        description: '',
        categoryId: 5318,
        derivedFromType: 2,
        derivedFromObjectId: SRC,
        filterDefinitionXml: String(raw.filterDefinitionXml),
      })
      .reply(200, raw)
      .get(`/email/v1/filters/filterdefinition/${DEF_ID}`)
      .reply(200, raw)
      .patch(`/email/v1/filters/filterdefinition/${DEF_ID}`, { name: 'us_only_2' })
      .reply(200, { ...raw, name: 'us_only_2' })
      .get('/email/v1/filters/filterdefinition/category/5318')
      .query({ derivedFromType: '1,2,3,4', $page: '1', $pageSize: '100' })
      .reply(200, { count: 1, page: 1, pageSize: 100, links: {}, items: [raw] })
      .delete(`/email/v1/filters/filterdefinition/${DEF_ID}`)
      .reply(200, DEF_ID);
    const { client } = makeClient();
    const created = await client.filters.definitions.create({
      key: 'us_only',
      name: 'us_only',
      folderId: 5318,
      sourceDataExtensionId: SRC,
      xml: String(raw.filterDefinitionXml),
    });
    expect(created).toMatchObject({ id: DEF_ID, key: 'us_only', folderId: 5318, sourceDataExtensionId: SRC });
    expect((await client.filters.definitions.get(DEF_ID)).xml).toContain(
      '<FilterDefinition Source="DataExtension"',
    );
    expect((await client.filters.definitions.update(DEF_ID, { name: 'us_only_2' })).name).toBe('us_only_2');
    const ids: string[] = [];
    for await (const d of client.filters.definitions.list(5318)) ids.push(d.id);
    expect(ids).toEqual([DEF_ID]);
    await client.filters.definitions.delete(DEF_ID);
  });
});

describe('filter activities', () => {
  it('creates over SOAP between two DEs, then files it in a folder over REST', async () => {
    mockToken();
    nock(SOAP)
      .post(
        '/Service.asmx',
        soapBodyIncludes(
          '<Objects xsi:type="FilterActivity"><CustomerKey>us_only_refresh</CustomerKey><Name>us_only_refresh</Name>',
          `<FilterDefinitionID>${DEF_ID}</FilterDefinitionID><SourceTypeID>2</SourceTypeID><SourceObjectID>${SRC}</SourceObjectID><DestinationTypeID>2</DestinationTypeID><DestinationObjectID>${DST}</DestinationObjectID>`,
        ),
      )
      .reply(
        200,
        soapReply(
          'CreateResponse',
          `<Results><StatusCode>OK</StatusCode><StatusMessage>FilterActivity Created</StatusMessage><OrdinalID>0</OrdinalID><NewID>0</NewID><NewObjectID>${ACT_ID}</NewObjectID></Results><RequestID>r</RequestID><OverallStatus>OK</OverallStatus>`,
        ),
      );
    nock(REST)
      .patch(`/automation/v1/filters/${ACT_ID}`, { categoryId: 8502 })
      .reply(200, jsonFixture('filter-activity.json'));
    const { client, log } = makeClient();
    const activity = await client.filters.activities.create({
      key: 'us_only_refresh',
      name: 'us_only_refresh',
      folderId: 8502,
      filterDefinitionId: DEF_ID,
      sourceDataExtensionId: SRC,
      destinationDataExtensionId: DST,
    });
    expect(activity).toMatchObject({ id: ACT_ID, folderId: 8502, destinationObjectId: DST });
    expect(log()).toEqual([
      'POST /v2/token',
      'POST /Service.asmx Create',
      `PATCH /automation/v1/filters/${ACT_ID}`,
    ]);
  });

  it('get, list, delete over REST and start over SOAP Perform', async () => {
    mockToken();
    const raw = jsonFixture('filter-activity.json');
    nock(REST)
      .get(`/automation/v1/filters/${ACT_ID}`)
      .reply(200, raw)
      .get('/automation/v1/filters/')
      .query({ $page: '1', $pageSize: '50' })
      .reply(200, { count: 1, page: 1, pageSize: 50, items: [raw] })
      .delete(`/automation/v1/filters/${ACT_ID}`)
      .reply(200, '');
    nock(SOAP)
      .post(
        '/Service.asmx',
        soapBodyIncludes(
          '<Action>start</Action>',
          `<Definition xsi:type="FilterActivity"><ObjectID>${ACT_ID}</ObjectID>`,
        ),
      )
      .reply(
        200,
        soapReply(
          'PerformResponseMsg',
          '<Results><Result><StatusCode>OK</StatusCode><StatusMessage>Performed</StatusMessage></Result></Results><OverallStatus>OK</OverallStatus>',
        ),
      );
    const { client } = makeClient();
    expect(await client.filters.activities.get(ACT_ID)).toMatchObject({
      key: 'us_only_refresh',
      statusId: 1,
      sourceObjectId: SRC,
    });
    const keys: string[] = [];
    for await (const a of client.filters.activities.list()) keys.push(a.key);
    expect(keys).toEqual(['us_only_refresh']);
    await client.filters.activities.start(ACT_ID);
    await client.filters.activities.delete(ACT_ID);
  });
});
