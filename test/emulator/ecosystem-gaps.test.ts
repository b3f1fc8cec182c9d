import { afterEach, describe, expect, it } from 'vitest';
import { deXml, field, P, type Session, session, tags } from './helpers.ts';

// The requests third-party tools (mcdev 8, sfmc-sdk 2, sfmc-dataloader) send and the emulator used to
// refuse (issue #17). Shapes follow the recorded responses cited in the emulator's source.
let s: Session | undefined;
afterEach(async () => {
  await s?.emu.close();
  s = undefined;
});

const retrieve = (type: string, props: string[]) =>
  `<RetrieveRequestMsg ${P}><RetrieveRequest><ObjectType>${type}</ObjectType>${props.map((p) => `<Properties>${p}</Properties>`).join('')}</RetrieveRequest></RetrieveRequestMsg>`;
const results = (xml: string) =>
  [...xml.matchAll(/<Results xsi:type="[^"]+">(.*?)<\/Results>/gs)].map((m) => m[1]);

describe('SOAP object types third-party tools retrieve', () => {
  it('BusinessUnit lists the one account as parent BU (ParentID 0)', async () => {
    s = await session();
    const r = await s.soap(
      'Retrieve',
      retrieve('BusinessUnit', ['Name', 'ID', 'ParentName', 'ParentID', 'IsActive']),
    );
    expect(tags(r.text, 'OverallStatus')).toEqual(['OK']);
    const [bu] = results(r.text);
    expect(tags(bu, 'ID')).toEqual([s.emu.credentials.accountId]);
    expect(tags(bu, 'ParentID')).toEqual(['0']);
    expect(tags(bu, 'AccountType')).toEqual(['None']);
    expect(bu).not.toContain('<ParentName');
  });

  it('DataFolder answers ParentFolder.CustomerKey nested with the parent key; root parents have none', async () => {
    s = await session();
    const r = await s.soap(
      'Retrieve',
      retrieve('DataFolder', [
        'ID',
        'Client.ID',
        'ParentFolder.ID',
        'ParentFolder.CustomerKey',
        'CustomerKey',
        'Name',
        'ContentType',
      ]),
    );
    expect(tags(r.text, 'OverallStatus')).toEqual(['OK']);
    const all = results(r.text);
    expect(all.length).toBeGreaterThan(3);
    for (const f of all) {
      expect(f.startsWith('<Client><ID>')).toBe(true);
      expect(f).toMatch(
        /<ParentFolder><PartnerKey xsi:nil="true" \/><ID>\d+<\/ID><ObjectID xsi:nil="true" \/>/,
      );
    }
    const root = s.emu.state.folders.rootOf('dataextension')!;
    await s.soap(
      'Create',
      `<CreateRequest ${P}><Objects xsi:type="DataFolder"><Name>child</Name><CustomerKey>child</CustomerKey><ContentType>dataextension</ContentType><ParentFolder><ID>${root.id}</ID></ParentFolder></Objects></CreateRequest>`,
    );
    const again = results(
      (
        await s.soap(
          'Retrieve',
          retrieve('DataFolder', ['ID', 'ParentFolder.ID', 'ParentFolder.CustomerKey', 'Name']),
        )
      ).text,
    );
    const child = again.find((f) => f.includes('<Name>child</Name>'))!;
    expect(child).toContain(
      `<ParentFolder><PartnerKey xsi:nil="true" /><ID>${root.id}</ID><ObjectID xsi:nil="true" /><CustomerKey>${root.customerKey}</CustomerKey></ParentFolder>`,
    );
    const rootRow = again.find((f) => f.includes(`<ID>${root.id}</ID><ParentFolder>`))!;
    expect(rootRow).toContain(
      '<ParentFolder><PartnerKey xsi:nil="true" /><ID>0</ID><ObjectID xsi:nil="true" /></ParentFolder>',
    );
  });

  it('DataExtension takes Template.CustomerKey; a plain DE leaves Template, sendable and retention out', async () => {
    s = await session();
    await s.soap('Create', deXml('plain', field('K', 'Text', { len: 10, pk: true })));
    const r = await s.soap(
      'Retrieve',
      retrieve('DataExtension', [
        'CustomerKey',
        'Template.CustomerKey',
        'SendableDataExtensionField.Name',
        'SendableSubscriberField.Name',
        'DataRetentionPeriodLength',
        'RetainUntil',
      ]),
    );
    expect(tags(r.text, 'OverallStatus')).toEqual(['OK']);
    const [de] = results(r.text);
    expect(de).toBe('<PartnerKey xsi:nil="true" /><CustomerKey>plain</CustomerKey><RetainUntil />');
  });

  it('DataExtensionTemplate and EmailSendDefinition answer OK with an empty list', async () => {
    s = await session();
    for (const type of ['DataExtensionTemplate', 'EmailSendDefinition']) {
      const r = await s.soap('Retrieve', retrieve(type, ['Name', 'CustomerKey', 'ObjectID']));
      expect(tags(r.text, 'OverallStatus')).toEqual(['OK']);
      expect(results(r.text)).toEqual([]);
    }
  });

  it('Create and Update of a DataExtension echo Object with Fields/Field', async () => {
    s = await session();
    const c = await s.soap(
      'Create',
      deXml('echoed', field('K', 'Text', { len: 10, pk: true }) + field('N', 'Number')),
    );
    expect(c.text).toMatch(
      /<Object xsi:type="DataExtension"><PartnerKey xsi:nil="true" \/><ObjectID>[0-9a-f-]{36}<\/ObjectID><CustomerKey>echoed<\/CustomerKey>.*<Fields><Field><PartnerKey xsi:nil="true" \/><ObjectID xsi:nil="true" \/><Name>K<\/Name><DefaultValue \/><MaxLength>10<\/MaxLength><IsRequired>true<\/IsRequired><IsPrimaryKey>true<\/IsPrimaryKey><FieldType>Text<\/FieldType><\/Field><Field>.*<Name>N<\/Name><DefaultValue \/><IsRequired>false<\/IsRequired>.*<FieldType>Number<\/FieldType><\/Field><\/Fields><CategoryID>\d+<\/CategoryID><\/Object>/s,
    );
    const u = await s.soap(
      'Update',
      `<UpdateRequest ${P}><Objects xsi:type="DataExtension"><CustomerKey>echoed</CustomerKey><Fields>${field('Extra', 'Text', { len: 20 })}</Fields></Objects></UpdateRequest>`,
    );
    expect(tags(u.text, 'StatusMessage')).toEqual(['Data Extension updated.']);
    expect(u.text).toMatch(
      /<Fields><Field><PartnerKey xsi:nil="true" \/><ObjectID xsi:nil="true" \/><Name>Extra<\/Name>/,
    );
  });

  it('Program lists automations by ObjectID, Name and CustomerKey', async () => {
    s = await session();
    const a = await s.rest('POST', '/automation/v1/automations', { name: 'auto one', key: 'auto_one' });
    expect(a.status).toBe(200);
    const r = await s.soap('Retrieve', retrieve('Program', ['ObjectID', 'CustomerKey', 'Name']));
    expect(results(r.text)).toEqual([
      `<PartnerKey xsi:nil="true" /><ObjectID>${a.body.id}</ObjectID><Name>auto one</Name><CustomerKey>auto_one</CustomerKey>`,
    ]);
  });

  it('Perform ClearData empties a DataExtension and keeps it', async () => {
    s = await session();
    await s.soap('Create', deXml('clearme', field('K', 'Text', { len: 10, pk: true })));
    s.emu.state.insertRows('clearme', [{ K: 'a' }, { K: 'b' }]);
    const p = await s.soap(
      'Perform',
      `<PerformRequestMsg ${P}><Action>ClearData</Action><Definitions><Definition xsi:type="DataExtension"><CustomerKey>clearme</CustomerKey></Definition></Definitions></PerformRequestMsg>`,
    );
    expect(tags(p.text, 'OverallStatus')).toEqual(['OK']);
    expect(s.emu.state.readRows('clearme')).toEqual([]);
    expect(s.emu.state.dataExtensions.get('clearme')).toBeDefined();
  });
});

describe('REST routes third-party tools list', () => {
  it('answers the unmodelled Automation Studio lists with empty lists of the right shape', async () => {
    s = await session();
    for (const r of ['dataextracts', 'filetransfers', 'ftplocations', 'scripts', 'imports']) {
      const res = await s.rest('GET', `/automation/v1/${r}/?$pageSize=500&$page=1`);
      expect(res.status, r).toBe(200);
      expect(res.body).toEqual({ count: 0, page: 1, pageSize: 500, items: [] });
    }
    const m = await s.rest('GET', '/legacy/v1/beta/mobile/imports/?$top=50&$skip=0');
    expect(m.body).toEqual({ startIndex: 0, itemsPerPage: 50, totalResults: 0, entry: [] });
  });

  it('lists legacy automation definitions with $top/$skip and answers their notifications', async () => {
    s = await session();
    for (let i = 0; i < 3; i++)
      await s.rest('POST', '/automation/v1/automations', { name: `a${i}`, key: `a${i}` });
    const p0 = await s.rest('GET', '/legacy/v1/beta/bulk/automations/automation/definition/?$top=2&$skip=0');
    expect(p0.status).toBe(200);
    expect(p0.body).toMatchObject({ startIndex: 0, itemsPerPage: 2, totalResults: 3 });
    expect(p0.body.entry.map((e: { key: string }) => e.key)).toEqual(['a0', 'a1']);
    expect(Object.keys(p0.body.entry[0])).toEqual([
      'id',
      'key',
      'createdDate',
      'name',
      'description',
      'clientId',
      'status',
      'createdBy',
      'modifiedDate',
      'modifiedBy',
      'isPlatformObject',
      'notifications',
      'automationType',
    ]);
    const p1 = await s.rest('GET', '/legacy/v1/beta/bulk/automations/automation/definition/?$top=2&$skip=1');
    expect(p1.body.entry.map((e: { key: string }) => e.key)).toEqual(['a2']);
    const id = p0.body.entry[0].id;
    const n = await s.rest('GET', `/legacy/v1/beta/automations/notifications/${id}`);
    expect(n.body).toEqual({ programId: id });
    expect((await s.rest('GET', '/legacy/v1/beta/automations/notifications/nope')).status).toBe(404);
  });

  it('reads a rowset with $pagesize in lower case', async () => {
    s = await session();
    await s.soap('Create', deXml('rs', field('K', 'Text', { len: 10, pk: true })));
    s.emu.state.insertRows(
      'rs',
      Array.from({ length: 5 }, (_, i) => ({ K: `k${i}` })),
    );
    const r = await s.rest('GET', '/data/v1/customobjectdata/key/rs/rowset?$pagesize=2&$page=2');
    expect(r.body).toMatchObject({ pageSize: 2, page: 2, count: 5 });
    expect(r.body.items.map((i: { keys: { k: string } }) => i.keys.k)).toEqual(['k2', 'k3']);
  });
});
