import { afterEach, describe, expect, it } from 'vitest';
import { deXml, field, P, type Session, session, tags } from './helpers.ts';

let s: Session | undefined;
afterEach(async () => {
  await s?.emu.close();
  s = undefined;
});

const retrieve = (type: string, props: string[], filter = '') =>
  `<RetrieveRequestMsg ${P}><RetrieveRequest><ObjectType>${type}</ObjectType>${props.map((p) => `<Properties>${p}</Properties>`).join('')}${filter}</RetrieveRequest></RetrieveRequestMsg>`;
const simple = (prop: string, op: string, value: string) =>
  `<Filter xsi:type="SimpleFilterPart"><Property>${prop}</Property><SimpleOperator>${op}</SimpleOperator><Value>${value}</Value></Filter>`;
const update = (key: string, fields: string) =>
  `<UpdateRequest ${P}><Objects xsi:type="DataExtension"><CustomerKey>${key}</CustomerKey><Fields>${fields}</Fields></Objects></UpdateRequest>`;

describe('SOAP DataExtension', () => {
  it('creates, refuses a duplicate, retrieves by filter and lists fields with ordinals', async () => {
    s = await session();
    const fields =
      field('SubscriberKey', 'Text', { len: 254, pk: true }) +
      field('Email', 'EmailAddress') +
      field('Amount', 'Decimal', { len: 18 });
    const created = await s.soap('Create', deXml('orders_de', fields));
    expect(created.status).toBe(200);
    expect(tags(created.text, 'StatusMessage')).toEqual(['Data Extension created.']);
    expect(tags(created.text, 'OverallStatus')).toEqual(['OK']);
    const objectId = tags(created.text, 'NewObjectID')[0];
    expect(objectId).toMatch(/^[0-9a-f-]{36}$/);

    const dup = await s.soap('Create', deXml('orders_de', fields));
    expect(tags(dup.text, 'StatusCode')).toEqual(['Error']);
    expect(dup.text).toContain(
      '<StatusMessage>Updating an existing Data Extension definition is not allowed when doing an add-only operation. </StatusMessage>',
    );
    expect(tags(dup.text, 'ErrorCode')).toEqual(['310003']);
    expect(tags(dup.text, 'OverallStatus')).toEqual(['Error']);

    const r = await s.soap(
      'Retrieve',
      retrieve(
        'DataExtension',
        ['ObjectID', 'CustomerKey', 'Name'],
        simple('CustomerKey', 'equals', 'orders_de'),
      ),
      {
        version: '1.2',
      },
    );
    expect(r.text).toContain('http://www.w3.org/2003/05/soap-envelope');
    expect(tags(r.text, 'CustomerKey')).toEqual(['orders_de']);
    expect(tags(r.text, 'ObjectID')).toEqual([objectId]);

    const f = await s.soap(
      'Retrieve',
      retrieve(
        'DataExtensionField',
        ['Name', 'FieldType', 'Ordinal', 'IsPrimaryKey', 'DataExtension.CustomerKey'],
        simple('DataExtension.CustomerKey', 'equals', 'orders_de'),
      ),
    );
    expect(tags(f.text, 'Name')).toEqual(['SubscriberKey', 'Email', 'Amount']);
    expect(tags(f.text, 'Ordinal')).toEqual(['0', '1', '2']);
    expect(tags(f.text, 'FieldType')).toEqual(['Text', 'EmailAddress', 'Decimal']);

    const bad = await s.soap('Retrieve', retrieve('DataExtension', ['Nope']));
    expect(tags(bad.text, 'OverallStatus')).toEqual([
      'Error: The Request Property(s) Nope do not match with the fields of DataExtension retrieve',
    ]);
    const badType = await s.soap('Retrieve', retrieve('Dataextension', ['Name']));
    expect(tags(badType.text, 'OverallStatus')[0]).toBe(
      'Error: Unable to find a handler for object type: Dataextension. Object types are case-sensitive, check spelling.',
    );
  });

  it('pages DataExtensionObject retrieves at 2,500 rows with ContinueRequest', async () => {
    s = await session();
    s.emu.state.createDataExtension({
      customerKey: 'big',
      name: 'big',
      fields: [{ name: 'Id', fieldType: 'Number', isPrimaryKey: true }],
    });
    s.emu.state.insertRows(
      'big',
      Array.from({ length: 2600 }, (_, i) => ({ Id: i + 1 })),
    );
    const first = await s.soap('Retrieve', retrieve('DataExtensionObject[big]', ['Id']));
    expect(tags(first.text, 'OverallStatus')).toEqual(['MoreDataAvailable']);
    expect(tags(first.text, 'Value')).toHaveLength(2500);
    const requestId = tags(first.text, 'RequestID')[0];
    const second = await s.soap(
      'Retrieve',
      `<RetrieveRequestMsg ${P}><RetrieveRequest><ContinueRequest>${requestId}</ContinueRequest></RetrieveRequest></RetrieveRequestMsg>`,
    );
    expect(tags(second.text, 'OverallStatus')).toEqual(['OK']);
    const ids = tags(second.text, 'Value');
    expect(ids).toHaveLength(100);
    expect(ids[0]).toBe('2501');
    expect(ids.at(-1)).toBe('2600');
  });

  it('combines filters with ComplexFilterPart', async () => {
    s = await session();
    for (const k of ['a_1', 'a_2', 'b_1'])
      s.emu.state.createDataExtension({ customerKey: k, name: k, fields: [{ name: 'X' }] });
    const filter = `<Filter xsi:type="ComplexFilterPart"><LeftOperand xsi:type="SimpleFilterPart"><Property>Name</Property><SimpleOperator>like</SimpleOperator><Value>a%</Value></LeftOperand><LogicalOperator>OR</LogicalOperator><RightOperand xsi:type="SimpleFilterPart"><Property>CustomerKey</Property><SimpleOperator>IN</SimpleOperator><Value>b_1</Value><Value>zz</Value></RightOperand></Filter>`;
    const r = await s.soap('Retrieve', retrieve('DataExtension', ['CustomerKey'], filter));
    expect(tags(r.text, 'CustomerKey')).toEqual(['a_1', 'a_2', 'b_1']);
    const noType = filter.replace('<LeftOperand xsi:type="SimpleFilterPart">', '<LeftOperand>');
    const bad = await s.soap('Retrieve', retrieve('DataExtension', ['CustomerKey'], noType));
    expect(tags(bad.text, 'OverallStatus')[0]).toMatch(/^Error: /);
  });

  it('enforces what cannot change after creation', async () => {
    s = await session();
    await s.soap(
      'Create',
      deXml(
        'imm',
        field('Key', 'Text', { len: 50, pk: true }) +
          field('Note', 'Text', { len: 100 }) +
          field('N', 'Number'),
      ),
    );
    const ids = tags(
      (
        await s.soap(
          'Retrieve',
          retrieve(
            'DataExtensionField',
            ['ObjectID', 'Name'],
            simple('DataExtension.CustomerKey', 'equals', 'imm'),
          ),
        )
      ).text,
      'ObjectID',
    );
    const [, noteId, nId] = ids;
    const shrink = await s.soap('Update', update('imm', field('Note', 'Text', { len: 20, id: noteId })));
    expect(tags(shrink.text, 'ErrorCode')).toEqual(['310007']);
    expect(tags(shrink.text, 'StatusMessage')[0]).toContain('cannot be decreased');
    const retype = await s.soap('Update', update('imm', field('N', 'Text', { id: nId })));
    expect(tags(retype.text, 'StatusCode')).toEqual(['Error']);
    const required = await s.soap(
      'Update',
      update('imm', field('Note', 'Text', { len: 100, req: true, id: noteId })),
    );
    expect(tags(required.text, 'ErrorCode')).toEqual(['310007']);
    const grow = await s.soap('Update', update('imm', field('Note', 'Text', { len: 200, id: noteId })));
    expect(tags(grow.text, 'StatusMessage')).toEqual(['Data Extension updated.']);

    s.emu.state.insertRows('imm', [{ Key: 'k1', Note: 'x', N: 1 }]);
    const newPk = await s.soap('Update', update('imm', field('Key2', 'Text', { pk: true })));
    expect(tags(newPk.text, 'StatusCode')).toEqual(['Error']);
    const newRequired = await s.soap('Update', update('imm', field('Must', 'Text', { req: true })));
    expect(tags(newRequired.text, 'StatusCode')).toEqual(['Error']);
    const withDefault = await s.soap(
      'Update',
      update('imm', field('Country', 'Text', { req: true, def: 'US' })),
    );
    expect(tags(withDefault.text, 'StatusCode')).toEqual(['OK']);
    expect(s.emu.state.readRows('imm')).toEqual([{ Key: 'k1', Note: 'x', N: 1, Country: 'US' }]);
    const del = await s.soap(
      'Delete',
      `<DeleteRequest ${P}><Objects xsi:type="DataExtension"><CustomerKey>imm</CustomerKey></Objects></DeleteRequest>`,
    );
    expect(tags(del.text, 'StatusMessage')).toEqual([
      'Data Extension deleted. / Data Extension Fields deleted',
    ]);
    const missing = await s.soap(
      'Delete',
      `<DeleteRequest ${P}><Objects xsi:type="DataExtension"><CustomerKey>imm</CustomerKey></Objects></DeleteRequest>`,
    );
    expect(tags(missing.text, 'ErrorCode')).toEqual(['310002']);
  });

  it('creates and retrieves folders under the default tree', async () => {
    s = await session();
    const c = await s.soap(
      'Create',
      `<CreateRequest ${P}><Objects xsi:type="DataFolder"><Name>segments</Name><ContentType>dataextension</ContentType><ParentFolder><ID>1</ID></ParentFolder><IsActive>true</IsActive><IsEditable>true</IsEditable><AllowChildren>true</AllowChildren></Objects></CreateRequest>`,
    );
    expect(tags(c.text, 'StatusMessage')).toEqual(['Folder created successfully.']);
    const newId = tags(c.text, 'NewID')[0];
    const r = await s.soap(
      'Retrieve',
      retrieve(
        'DataFolder',
        ['ID', 'Name', 'ParentFolder.ID', 'ContentType'],
        simple('ContentType', 'equals', 'dataextension'),
      ),
    );
    expect(tags(r.text, 'Name')).toEqual(['Data Extensions', 'segments']);
    expect(tags(r.text, 'ID')).toEqual(['1', '0', newId, '1']);
  });
});
