import { afterEach, describe, expect, it } from 'vitest';
import { P, type Session, session, tags } from './helpers.ts';

let s: Session | undefined;
afterEach(async () => {
  await s?.emu.close();
  s = undefined;
});

describe('SOAP QueryDefinition, DataExtensionObject and REST customobjects', () => {
  it('creates a query over SOAP, retrieves it by key and Status, starts it with Perform', async () => {
    s = await session();
    s.emu.state.createDataExtension({
      customerKey: 'src',
      name: 'Src',
      fields: [{ name: 'K', isPrimaryKey: true }],
    });
    s.emu.state.createDataExtension({
      customerKey: 'dst',
      name: 'Dst',
      fields: [{ name: 'K', isPrimaryKey: true }],
    });
    const rows = await s.soap(
      'Create',
      `<CreateRequest ${P}><Objects xsi:type="DataExtensionObject"><CustomerKey>src</CustomerKey><Properties><Property><Name>K</Name><Value>r1</Value></Property></Properties></Objects></CreateRequest>`,
    );
    expect(tags(rows.text, 'StatusCode')).toEqual(['OK']);
    const c = await s.soap(
      'Create',
      `<CreateRequest ${P}><Objects xsi:type="QueryDefinition"><CustomerKey>qk</CustomerKey><Name>qk</Name><QueryText>SELECT K FROM [Src]</QueryText><TargetType>DE</TargetType><DataExtensionTarget><CustomerKey>dst</CustomerKey><Name>Dst</Name></DataExtensionTarget><TargetUpdateType>Overwrite</TargetUpdateType><CategoryID>2</CategoryID></Objects></CreateRequest>`,
    );
    expect(tags(c.text, 'StatusCode')).toEqual(['OK']);
    const r = await s.soap(
      'Retrieve',
      `<RetrieveRequestMsg ${P}><RetrieveRequest><ObjectType>QueryDefinition</ObjectType><Properties>ObjectID</Properties><Filter xsi:type="ComplexFilterPart"><LeftOperand xsi:type="SimpleFilterPart"><Property>CustomerKey</Property><SimpleOperator>equals</SimpleOperator><Value>qk</Value></LeftOperand><LogicalOperator>AND</LogicalOperator><RightOperand xsi:type="SimpleFilterPart"><Property>Status</Property><SimpleOperator>equals</SimpleOperator><Value>Active</Value></RightOperand></Filter></RetrieveRequest></RetrieveRequestMsg>`,
    );
    const [objectId] = tags(r.text, 'ObjectID');
    expect(objectId).toBe(tags(c.text, 'NewObjectID')[0]);
    const p = await s.soap(
      'Perform',
      `<PerformRequestMsg ${P}><Action>Start</Action><Definitions><Definition xsi:type="QueryDefinition"><ObjectID>${objectId}</ObjectID></Definition></Definitions></PerformRequestMsg>`,
    );
    expect(tags(p.text, 'OverallStatus')).toEqual(['OK']);
    await s.emu.core.idle();
    expect(s.emu.state.readRows('dst')).toEqual([{ K: 'r1' }]);
    const badSql = await s.soap(
      'Create',
      `<CreateRequest ${P}><Objects xsi:type="QueryDefinition"><CustomerKey>bad</CustomerKey><Name>bad</Name><QueryText>DELETE FROM Src</QueryText><DataExtensionTarget><CustomerKey>dst</CustomerKey></DataExtensionTarget></Objects></CreateRequest>`,
    );
    expect(tags(badSql.text, 'StatusCode')).toEqual(['Error']);
  });

  it('creates and searches DEs over /data/v1/customobjects', async () => {
    s = await session();
    const c = await s.rest('POST', '/data/v1/customobjects', {
      name: 'Orders',
      key: 'orders',
      categoryId: 1,
      fields: [
        { name: 'Id', type: 'Text', length: 36, isPrimaryKey: true, isNullable: false },
        { name: 'Amount', type: 'Decimal', length: 18, scale: 2, isNullable: true },
      ],
    });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({
      key: 'orders',
      name: 'Orders',
      fieldCount: 2,
      partnerApiObjectTypeId: 310,
    });
    const dup = await s.rest('POST', '/data/v1/customobjects', {
      name: 'Orders',
      key: 'orders',
      fields: [{ name: 'Id', type: 'Text' }],
    });
    expect(dup.status).toBe(400);
    const list = await s.rest('GET', '/data/v1/customobjects?$search=ord');
    expect(list.body.items.map((i: { key: string }) => i.key)).toEqual(['orders']);
    expect((await s.rest('GET', '/data/v1/customobjects')).status).toBe(400);
    const fields = await s.rest('GET', `/data/v1/customobjects/${c.body.id}/fields`);
    expect(
      fields.body.fields.map((f: { name: string; isNullable: boolean }) => [f.name, f.isNullable]),
    ).toEqual([
      ['Id', false],
      ['Amount', true],
    ]);
    expect((await s.rest('GET', '/data/v1/customobjects/unknown-id')).body).toEqual({
      documentation:
        'https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm',
      errorcode: 404,
      message: 'Not Found',
    });
  });
});
