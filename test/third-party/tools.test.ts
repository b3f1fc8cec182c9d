import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_URL, repoRoot, run, type TlsEmulator, tlsEmulatorWithExample } from './harness.ts';

// Third-party SFMC tools, unmodified, against a fresh emulator with the example project deployed
// (issue #17). sfmc-sdk 2.1.2 and mcdev 8.0.0 are devDependencies; both insist on SFMC's host names and
// reach the emulator through its TLS front.
let t: TlsEmulator;
beforeAll(async () => {
  t = await tlsEmulatorWithExample();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const node = process.execPath;
const mcdevCli = join(repoRoot, 'node_modules/mcdev/lib/cli.js');
const CRED = 'emu';
const BU = `${CRED}/_ParentBU_`;

describe('sfmc-sdk 2.1.2', () => {
  it('authenticates, creates/retrieves/retrieveBulks over SOAP and calls REST', async () => {
    const { emu } = t;
    const r = await run(
      node,
      [
        join(import.meta.dirname, 'sdk-script.mjs'),
        AUTH_URL,
        emu.credentials.clientId,
        emu.credentials.clientSecret,
        emu.credentials.accountId,
      ],
      { cwd: t.dir, env: t.env },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(out.auth).toEqual({
      rest: 'https://mcemulatortest00000000000000.rest.marketingcloudapis.com/',
      soap: 'https://mcemulatortest00000000000000.soap.marketingcloudapis.com/',
      hasToken: true,
    });
    expect(out.create.OverallStatus).toBe('OK');
    expect(out.create.Results[0].Object.Fields.Field.Name).toBe('Key');
    expect(out.retrieve.Results).toEqual([{ PartnerKey: '', CustomerKey: 'sdk_de', Name: 'sdk_de' }]);
    expect(out.retrieveBulk.Results.length).toBeGreaterThan(50);
    expect(out.retrieveBulk.Results.some((f: { Name: string }) => f.Name === 'Key')).toBe(true);
    expect(out.restGet.count).toBeGreaterThan(0);
    expect(out.restBulk.items.length).toBe(out.restBulk.count);
    expect(out.restPost.error).toBeUndefined();
    expect(out.rowset.count).toBe(1);
  }, 120_000);
});

describe('mcdev 8.0.0', () => {
  let project: string;
  const mcdev = (args: string[]) =>
    run(node, [mcdevCli, ...args], { cwd: project, env: t.env, timeoutMs: 150_000 });
  /** mcdev's errors go to its log (and stdout); any "error" line there fails the test. */
  const errorsIn = (stdout: string) =>
    stdout.split('\n').filter((l) => /\berror\b|☇/i.test(l) && l.length > 0);
  const retrieved = (type: string) =>
    readdirSync(join(project, 'retrieve', CRED, '_ParentBU_', type)).filter((f) => f.endsWith('-meta.json'));

  beforeAll(() => {
    // Scripted the way mcdev's own test project is (mcdev test/mockRoot): .mcdevrc.json from the
    // boilerplate with the credential's BUs, and .mcdev-auth.json with the installed package's secrets.
    project = join(t.dir, 'mcdev');
    mkdirSync(project, { recursive: true });
    const rc = JSON.parse(readFileSync(join(repoRoot, 'node_modules/mcdev/boilerplate/config.json'), 'utf8'));
    const mid = Number(t.emu.credentials.accountId);
    rc.credentials = { [CRED]: { eid: mid, businessUnits: { _ParentBU_: mid } } };
    rc.markets = {};
    rc.marketList = {};
    rc.version = '8.0.0';
    writeFileSync(join(project, '.mcdevrc.json'), JSON.stringify(rc, null, 2));
    // `mcdev init` copies its boilerplate files; mcdev formats retrieved SQL with this .prettierrc.
    cpSync(join(repoRoot, 'node_modules/mcdev/boilerplate/files/.prettierrc'), join(project, '.prettierrc'));
    writeFileSync(
      join(project, '.mcdev-auth.json'),
      JSON.stringify({
        [CRED]: {
          client_id: t.emu.credentials.clientId,
          client_secret: t.emu.credentials.clientSecret,
          auth_url: AUTH_URL,
          account_id: mid,
        },
      }),
    );
  });

  it('retrieves dataExtension, dataExtensionField, query, automation, folder and filter', async () => {
    const r = await mcdev([
      'retrieve',
      BU,
      'dataExtension,dataExtensionField,query,automation,folder,filter',
    ]);
    expect(errorsIn(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    const de = retrieved('dataExtension');
    expect(de).toContain('kit_Contacts_dev.dataExtension-meta.json');
    expect(retrieved('dataExtensionField').length).toBeGreaterThan(0);
    expect(retrieved('query').length).toBe(t.emu.state.objects.list('query').length);
    expect(retrieved('automation').length).toBe(t.emu.state.objects.list('automation').length);
    expect(retrieved('folder').length).toBeGreaterThan(0);
    expect(retrieved('filter').length).toBe(t.emu.state.objects.list('filterActivity').length);
    const contacts = JSON.parse(
      readFileSync(
        join(
          project,
          'retrieve',
          CRED,
          '_ParentBU_',
          'dataExtension',
          'kit_Contacts_dev.dataExtension-meta.json',
        ),
        'utf8',
      ),
    );
    expect(contacts.Fields.map((f: { Name: string }) => f.Name)).toEqual(
      t.emu.state.dataExtensions.get('kit_Contacts_dev')!.fields.map((f) => f.name),
    );
  }, 180_000);

  it('deploys a new dataExtension and query, and round-trips a retrieved pair with a change', async () => {
    const src = join(project, 'retrieve', CRED, '_ParentBU_');
    if (!existsSync(src)) await mcdev(['retrieve', BU, 'dataExtension,query']);
    const dst = join(project, 'deploy', CRED, '_ParentBU_');
    mkdirSync(join(dst, 'dataExtension'), { recursive: true });
    mkdirSync(join(dst, 'query'), { recursive: true });
    // Round trip: a retrieved DE and query, deployed back with a changed description.
    const deFile = 'kit_CRM_Account_dev.dataExtension-meta.json';
    const de = JSON.parse(readFileSync(join(src, 'dataExtension', deFile), 'utf8'));
    de.Description = 'changed through mcdev';
    writeFileSync(join(dst, 'dataExtension', deFile), JSON.stringify(de));
    const qKey = 'kit_Campaign_Audience_dev';
    const q = JSON.parse(readFileSync(join(src, 'query', `${qKey}.query-meta.json`), 'utf8'));
    q.description = 'changed through mcdev';
    writeFileSync(join(dst, 'query', `${qKey}.query-meta.json`), JSON.stringify(q));
    cpSync(join(src, 'query', `${qKey}.query-meta.sql`), join(dst, 'query', `${qKey}.query-meta.sql`));
    // New: a DE and a query that fills it.
    writeFileSync(
      join(dst, 'dataExtension', 'mcdev_new.dataExtension-meta.json'),
      JSON.stringify({
        ...de,
        CustomerKey: 'mcdev_new',
        Name: 'mcdev_new',
        Description: 'made by mcdev',
      }),
    );
    writeFileSync(
      join(dst, 'query', 'mcdev_new_query.query-meta.json'),
      JSON.stringify({
        name: 'mcdev_new_query',
        key: 'mcdev_new_query',
        description: '',
        targetUpdateTypeName: 'Overwrite',
        isFrozen: false,
        r__folder_Path: q.r__folder_Path,
        r__dataExtension_key: 'mcdev_new',
      }),
    );
    writeFileSync(
      join(dst, 'query', 'mcdev_new_query.query-meta.sql'),
      'SELECT a.[Id], a.[Name] FROM [CRM_Account] AS a',
    );

    const r = await mcdev(['deploy', BU]);
    expect(errorsIn(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/dataExtension upsert: 1 of 1 created \/ 1 of 1 updated/);
    expect(r.stdout).toMatch(/query upsert: 1 of 1 created \/ 1 of 1 updated/);
    const { state } = t.emu;
    expect(state.dataExtensions.get('kit_CRM_Account_dev')!.description).toBe('changed through mcdev');
    expect(state.dataExtensions.get('mcdev_new')!.fields.map((f) => f.name)).toEqual(
      state.dataExtensions.get('kit_CRM_Account_dev')!.fields.map((f) => f.name),
    );
    const made = state.objects.getByKey<{ queryText: string }>('query', 'mcdev_new_query');
    expect(made?.data.queryText).toBe('SELECT a.[Id], a.[Name] FROM [CRM_Account] AS a');
    expect(state.objects.getByKey<{ description: string }>('query', qKey)?.data.description).toBe(
      'changed through mcdev',
    );
  }, 180_000);
});
