import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import {
  diffShape,
  jsonShape,
  merge,
  type Shape,
  soapMessage,
  type XmlNode,
  xmlChildren,
  xmlShape,
} from './shapes.ts';

/**
 * The emulator as a witness (issue #12): every recorded real SFMC response in
 * ../shared/reference/sfmc-recorded is replayed — the request behind it is rebuilt from the file's
 * path and content — against a fresh emulator with the example project deployed, and the answer's
 * field names and value kinds are compared with the recorded ones (ids, dates and other values aside):
 * no field SFMC does not send, every field SFMC always sends, the same kinds of values.
 * The recorded set sits beside the repository in CI; the product never reads it.
 */
const repoRoot = resolve(import.meta.dirname, '../..');
const ROOT = resolve(repoRoot, '../shared/reference/sfmc-recorded');
const MID = '9999999';

/**
 * Known differences, each owned by a change under way elsewhere. A listed file must still differ
 * (the test is expected to fail); when the emulator is fixed, the test says so and the line goes.
 */
const AUTOMATIONS_TS =
  'src/emulator/sfmc/automations.ts (owned by the #12 deploy work): the POST and PATCH answers still lack fields SFMC sends (schedule pattern fields, createdByName/lastSavedByName, activities[].targetDataExtensions); the GET view matches';
const KNOWN: Record<string, string> = {
  '9999999/automation/v1/automations/08afb0e2-b00a-4c88-ad2e-1f7f8788c560/patch-response.json':
    AUTOMATIONS_TS,
  '9999999/automation/v1/automations/08afb0e2-b00a-4c88-ad2e-pause/patch-response.json': AUTOMATIONS_TS,
  '9999999/automation/v1/automations/post-response.json': AUTOMATIONS_TS,
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = existsSync(ROOT)
  ? walk(ROOT)
      .map((p) => relative(ROOT, p))
      .filter((p) => /\.(xml|json|txt)$/.test(p))
      .sort()
  : [];

// SOAP object type by the recorded folder name.
const SOAP_TYPE: Record<string, string> = {
  automation: 'Automation',
  dataExtension: 'DataExtension',
  dataExtensionField: 'DataExtensionField',
  dataFolder: 'DataFolder',
  filterActivity: 'FilterActivity',
  filterDefinition: 'FilterDefinition',
  queryDefinition: 'QueryDefinition',
};

interface Seeds {
  deKey: string;
  deId: string;
  emptyDeKey: string;
  query: { id: string; key: string; name: string };
  query2Id: string;
  automation: { id: string; key: string; name: string };
  filterActivity: { id: string; key: string };
  filterDefinition: { id: string; key: string; categoryId: number };
  dataextensionRoot: number;
}

let emu: RunningEmulator;
let token = '';
let seeds: Seeds;
const P = 'xmlns="http://exacttarget.com/wsdl/partnerAPI"';

async function soap(action: string, body: string): Promise<{ status: number; text: string }> {
  const xml = `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Header><fueloauth xmlns="http://exacttarget.com">${token}</fueloauth></Header><Body>${body}</Body></Envelope>`;
  const r = await fetch(emu.urls.soap, {
    method: 'POST',
    headers: { 'content-type': 'text/xml', soapaction: action },
    body: xml,
  });
  return { status: r.status, text: await r.text() };
}

async function rest(method: string, path: string, body?: unknown, auth = true) {
  const r = await fetch(`${emu.urls.base}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, text: await r.text() };
}

beforeAll(async () => {
  expect(existsSync(ROOT), `${ROOT} (the recorded responses) must sit beside the repository`).toBe(true);
  emu = await startEmulator({ port: 0, asyncDelayMs: 0, scheduleTickMs: 0, salesforce: false });
  const project = resolve(repoRoot, 'definitions');
  const s = await openSession({
    dir: project,
    env: 'dev',
    sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials },
  });
  const { plan } = await planDeployment(s.port, s.desired, s.env);
  const result = await applyPlan(plan, s.port, { concurrency: 4 });
  expect(result.failed.map((f) => String(f.error))).toEqual([]);
  const t = await fetch(`${emu.urls.auth}v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: emu.credentials.clientId,
      client_secret: emu.credentials.clientSecret,
    }),
  });
  token = ((await t.json()) as { access_token: string }).access_token;
  const st = emu.state;
  const de = st.dataExtensions.get('kit_CRM_Account_dev')!;
  st.createDataExtension({ customerKey: 'contract_empty', name: 'contract_empty', fields: [{ name: 'K' }] });
  const q = st.objects.list('query')[0];
  const auto = st.objects.list<{ schedule?: unknown }>('automation').find((a) => a.data.schedule)!;
  const fa = st.objects.list('filterActivity')[0];
  const fd = st.objects.list<{ categoryId: number }>('filterDefinition')[0];
  seeds = {
    deKey: de.customerKey,
    deId: de.objectId,
    emptyDeKey: 'contract_empty',
    query: { id: q.objectId, key: q.customerKey, name: q.name },
    query2Id: st.objects.list('query')[1].objectId,
    automation: { id: auto.objectId, key: auto.customerKey, name: auto.name },
    filterActivity: { id: fa.objectId, key: fa.customerKey },
    filterDefinition: { id: fd.objectId, key: fd.customerKey, categoryId: fd.data.categoryId },
    dataextensionRoot: st.folders.rootOf('dataextension')!.id,
  };
}, 180_000);

afterAll(async () => {
  await emu?.close();
});

// ---------------------------------------------------------------- SOAP

const soapAction = (rel: string) =>
  /^(retrieve|create|update|delete|perform)/.exec(rel.split('/').pop()!)![1];
const soapRoute = (rel: string) => {
  const parts = rel.split('/');
  return parts.length === 1 ? `*/${soapAction(rel)}` : `${parts[1]}/${soapAction(rel)}`;
};

/** Recorded Results items of a SOAP file (items of its Results elements; Perform nests Result). */
function recordedItems(rel: string): unknown[] {
  const { body } = soapMessage(readFileSync(join(ROOT, rel), 'utf8'));
  const results = xmlChildren(body).get('Results') ?? [];
  if (soapAction(rel) === 'perform')
    return results.flatMap((r) => xmlChildren(r as XmlNode).get('Result') ?? []);
  return results;
}

const soapRoutes = new Map<
  string,
  { union: Shape; always?: Set<string>; top: Set<string>; topAlways?: Set<string> }
>();
function soapRouteShape(route: string) {
  let r = soapRoutes.get(route);
  if (r) return r;
  r = { union: new Map(), top: new Set() };
  for (const f of files.filter((x) => x.endsWith('.xml') && soapRoute(x) === route)) {
    const names = [...xmlChildren(soapMessage(readFileSync(join(ROOT, f), 'utf8')).body).keys()].filter(
      (k) => k !== 'Results',
    );
    for (const n of names) r.top.add(n);
    r.topAlways = r.topAlways ? new Set([...r.topAlways].filter((n) => names.includes(n))) : new Set(names);
    for (const item of recordedItems(f)) {
      const s = xmlShape(item);
      merge(r.union, s);
      const keys = new Set(s.keys());
      r.always = r.always ? new Set([...r.always].filter((p) => keys.has(p))) : keys;
    }
  }
  soapRoutes.set(route, r);
  return r;
}

/** Retrieve properties behind a recorded item: its leaf paths, less the PartnerKey/ObjectID nils SFMC adds. */
function propertiesOf(items: unknown[]): string[] {
  const props = new Set<string>();
  for (const item of items)
    for (const [p, kinds] of xmlShape(item)) {
      const segs = p.split('/');
      if (segs.includes('PartnerKey')) continue;
      if (segs.length > 1 && segs[segs.length - 1] === 'ObjectID' && kinds.has('nil')) continue;
      props.add(segs.join('.'));
    }
  return [...props];
}

async function replaySoap(rel: string): Promise<string> {
  const dir = rel.split('/').length > 1 ? rel.split('/')[1] : '';
  const type = SOAP_TYPE[dir] ?? 'DataFolder';
  const items = recordedItems(rel);
  const action = soapAction(rel);
  if (action === 'retrieve') {
    const props = items.length ? propertiesOf(items) : ['CustomerKey'];
    // A recorded empty answer is replayed with a filter that matches nothing.
    const filter = items.length
      ? ''
      : '<Filter xsi:type="SimpleFilterPart"><Property>CustomerKey</Property><SimpleOperator>equals</SimpleOperator><Value>__no_such_key__</Value></Filter>';
    const objectType = items.length ? type : dir ? type : 'DataFolder';
    return (
      await soap(
        'Retrieve',
        `<RetrieveRequestMsg ${P}><RetrieveRequest><ObjectType>${objectType}</ObjectType>${props.map((p) => `<Properties>${p}</Properties>`).join('')}${filter}</RetrieveRequest></RetrieveRequestMsg>`,
      )
    ).text;
  }
  const uniq = `contract_${Math.random().toString(36).slice(2, 8)}`;
  const fieldsXml = (item: unknown) => {
    const fields = (
      ((item as XmlNode).Object as XmlNode[] | undefined)?.[0]?.Fields as XmlNode[] | undefined
    )?.[0]?.Field as XmlNode[] | undefined;
    return (fields ?? [])
      .map((f) => {
        const v = (k: string) => {
          const x = (f[k] as unknown[] | undefined)?.[0];
          return typeof x === 'string' ? x : '';
        };
        return `<Field><Name>${v('Name')}${action === 'update' ? uniq : ''}</Name><FieldType>${v('FieldType')}</FieldType>${v('MaxLength') ? `<MaxLength>${v('MaxLength')}</MaxLength>` : ''}<IsRequired>${v('IsRequired') || 'false'}</IsRequired><IsPrimaryKey>${v('IsPrimaryKey') || 'false'}</IsPrimaryKey></Field>`;
      })
      .join('');
  };
  if (type === 'DataExtension') {
    if (action === 'create')
      return (
        await soap(
          'Create',
          `<CreateRequest ${P}><Objects xsi:type="DataExtension"><CustomerKey>${uniq}</CustomerKey><Name>${uniq}</Name><Fields>${fieldsXml(items[0])}</Fields></Objects></CreateRequest>`,
        )
      ).text;
    if (action === 'update')
      return (
        await soap(
          'Update',
          `<UpdateRequest ${P}><Objects xsi:type="DataExtension"><CustomerKey>${seeds.deKey}</CustomerKey><Fields>${fieldsXml(items[0])}</Fields></Objects></UpdateRequest>`,
        )
      ).text;
    emu.state.createDataExtension({ customerKey: uniq, name: uniq, fields: [{ name: 'K' }] });
    return (
      await soap(
        'Delete',
        `<DeleteRequest ${P}><Objects xsi:type="DataExtension"><CustomerKey>${uniq}</CustomerKey></Objects></DeleteRequest>`,
      )
    ).text;
  }
  if (type === 'DataFolder') {
    if (action === 'create')
      return (
        await soap(
          'Create',
          `<CreateRequest ${P}><Objects xsi:type="DataFolder"><Name>${uniq}</Name><CustomerKey>${uniq}</CustomerKey><Description /><ContentType>dataextension</ContentType><IsActive>true</IsActive><IsEditable>true</IsEditable><AllowChildren>true</AllowChildren><ParentFolder><ID>${seeds.dataextensionRoot}</ID></ParentFolder></Objects></CreateRequest>`,
        )
      ).text;
    const made = emu.state.folders.create({
      name: uniq,
      contentType: 'dataextension',
      parentId: seeds.dataextensionRoot,
    });
    return (
      await soap(
        'Update',
        `<UpdateRequest ${P}><Objects xsi:type="DataFolder"><ID>${made.id}</ID><Name>${uniq}_renamed</Name></Objects></UpdateRequest>`,
      )
    ).text;
  }
  if (type === 'FilterActivity') {
    const fa = emu.state.objects.get<Record<string, unknown>>('filterActivity', seeds.filterActivity.id)!;
    const d = fa.data as { filterDefinitionId: string; sourceObjectId: string; destinationObjectId: string };
    return (
      await soap(
        'Create',
        `<CreateRequest ${P}><Objects xsi:type="FilterActivity"><CustomerKey>${uniq}</CustomerKey><Name>${uniq}</Name><FilterDefinitionID>${d.filterDefinitionId}</FilterDefinitionID><SourceObjectID>${d.sourceObjectId}</SourceObjectID><SourceTypeID>2</SourceTypeID><DestinationObjectID>${d.destinationObjectId}</DestinationObjectID><DestinationTypeID>2</DestinationTypeID></Objects></CreateRequest>`,
      )
    ).text;
  }
  if (type === 'Automation' && action === 'perform')
    return (
      await soap(
        'Perform',
        `<PerformRequestMsg ${P}><Action>start</Action><Definitions><Definition xsi:type="Automation"><ObjectID>${seeds.automation.id}</ObjectID></Definition></Definitions></PerformRequestMsg>`,
      )
    ).text;
  if (type === 'Automation' && action === 'delete')
    return (
      await soap(
        'Delete',
        `<DeleteRequest ${P}><Objects xsi:type="Automation"><ObjectID>${seeds.automation.id}</ObjectID></Objects></DeleteRequest>`,
      )
    ).text;
  throw new Error(`no replay for ${rel}`);
}

function compareSoap(rel: string, emuXml: string): string[] {
  const recorded = soapMessage(readFileSync(join(ROOT, rel), 'utf8'));
  const got = soapMessage(emuXml);
  const diffs: string[] = [];
  if (got.name !== recorded.name) diffs.push(`message ${got.name}, SFMC sends ${recorded.name}`);
  const recItems = recordedItems(rel);
  const route = soapRouteShape(soapRoute(rel));
  // Some recorded files were trimmed by hand (no OverallStatus/RequestID): compare with the route's set.
  const gotTop = [...xmlChildren(got.body).keys()].filter((k) => k !== 'Results');
  for (const n of gotTop) if (!route.top.has(n)) diffs.push(`extra message child ${n}`);
  for (const n of route.topAlways ?? []) if (!gotTop.includes(n)) diffs.push(`missing message child ${n}`);
  const gotResults = xmlChildren(got.body).get('Results') ?? [];
  const gotItems =
    soapAction(rel) === 'perform'
      ? gotResults.flatMap((r) => xmlChildren(r as XmlNode).get('Result') ?? [])
      : gotResults;
  if (recItems.length && !gotItems.length)
    diffs.push(
      `no Results, SFMC sends some (OverallStatus ${JSON.stringify(xmlChildren(got.body).get('OverallStatus'))})`,
    );
  if (!recItems.length && gotItems.length) diffs.push('Results, SFMC sends none');
  const always = new Set(
    [...(route.always ?? [])].filter((p) => soapAction(rel) !== 'retrieve' || propertiesOfPath(p, recItems)),
  );
  for (const item of gotItems) diffs.push(...diffShape(xmlShape(item), route.union, always, true));
  return [...new Set(diffs)];
}

/** For a retrieve, a path counts as always-sent only when this file's request asked for it. */
function propertiesOfPath(path: string, items: unknown[]): boolean {
  return items.some((i) => xmlShape(i).has(path));
}

// ---------------------------------------------------------------- REST

const IDS: Array<[RegExp, string]> = [
  [/^automation\/v1\/automations\/[^/]+\//, 'automation/v1/automations/{id}/'],
  [/^automation\/v1\/filters\/[^/]+\//, 'automation/v1/filters/{id}/'],
  [/^automation\/v1\/queries\/[^/]+\//, 'automation/v1/queries/{id}/'],
  [
    /^email\/v1\/filters\/filterdefinition\/category\/[^/]+\//,
    'email/v1/filters/filterdefinition/category/{id}/',
  ],
  [/^email\/v1\/filters\/filterdefinition\/(?!category)[^/]+\//, 'email/v1/filters/filterdefinition/{id}/'],
  [/^data\/v1\/customobjectdata\/key\/[^/]+\//, 'data/v1/customobjectdata/key/{key}/'],
];

function restRoute(rel: string): string {
  let p = rel.replace(/^9999999\//, '');
  for (const [re, to] of IDS) p = p.replace(re, to);
  return p.replace(/-response(-[^.]*)?\.(json|txt)$/, '').replace(/\/(get|post|patch|delete)$/, ' $1');
}

const MAP_KEYS = /(^|\.)items\[\]\.(keys|values)$/;

function recordedJson(rel: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, rel), 'utf8'));
}

const restRoutes = new Map<string, { union: Shape; always: Set<string> }>();
function restRouteShape(route: string) {
  let r = restRoutes.get(route);
  if (r) return r;
  let always: Set<string> | undefined;
  const union: Shape = new Map();
  for (const f of files.filter(
    (x) => x.endsWith('.json') && x.startsWith(`${MID}/`) && restRoute(x) === route,
  )) {
    const s = jsonShape(recordedJson(f), MAP_KEYS);
    merge(union, s);
    const keys = new Set(s.keys());
    always = always ? new Set([...always].filter((p) => keys.has(p))) : keys;
  }
  r = { union, always: always ?? new Set() };
  restRoutes.set(route, r);
  return r;
}

async function replayRest(rel: string): Promise<{ status: number; text: string }> {
  const route = restRoute(rel);
  const [path, method] = route.split(' ');
  const uniq = `contract_${Math.random().toString(36).slice(2, 8)}`;
  const s = seeds;
  switch (route) {
    case 'automation/v1/automations/{id} get':
      return rest('GET', `/automation/v1/automations/${s.automation.id}`);
    case 'automation/v1/automations/{id} patch':
      return rest('PATCH', `/automation/v1/automations/${s.automation.id}`, { description: 'contract' });
    case 'automation/v1/automations post':
      return rest('POST', '/automation/v1/automations', {
        name: uniq,
        key: uniq,
        description: '',
        steps: [
          {
            name: '',
            step: 1,
            activities: [
              { name: s.query.key, objectTypeId: 300, activityObjectId: s.query.id, displayOrder: 1 },
            ],
          },
        ],
      });
    case 'automation/v1/filters get':
      return rest('GET', '/automation/v1/filters/');
    case 'automation/v1/filters/{id} get':
      return rest('GET', `/automation/v1/filters/${s.filterActivity.id}`);
    case 'automation/v1/filters/{id} patch':
      return rest('PATCH', `/automation/v1/filters/${s.filterActivity.id}`, { description: 'contract' });
    case 'automation/v1/filters/{id} delete':
      return rest('DELETE', `/automation/v1/filters/${s.filterActivity.id}`);
    case 'automation/v1/queries get':
      return rel.includes('Name=')
        ? rest('GET', `/automation/v1/queries/?$filter=${encodeURIComponent(`Name eq '${s.query.name}'`)}`)
        : rest('GET', '/automation/v1/queries/');
    case 'automation/v1/queries post': {
      return rest('POST', '/automation/v1/queries', {
        name: uniq,
        key: uniq,
        description: '',
        queryText: `SELECT a.[Id] FROM [CRM_Account] AS a`,
        targetKey: s.deKey,
        targetId: s.deId,
        targetUpdateTypeId: 0,
        categoryId: emu.state.folders.rootOf('queryactivity')!.id,
      });
    }
    case 'automation/v1/queries/{id} get':
      return rest('GET', `/automation/v1/queries/${rel.includes('abcde') ? s.query2Id : s.query.id}`);
    case 'automation/v1/queries/{id} patch':
      return rest('PATCH', `/automation/v1/queries/${s.query.id}`, { description: 'contract' });
    case 'automation/v1/queries/{id} delete':
      return rest('DELETE', `/automation/v1/queries/${s.query.id}`);
    case 'automation/v1/queries/{id}/actions/start post':
      return rest('POST', `/automation/v1/queries/${s.query.id}/actions/start/`);
    case 'data/v1/customobjectdata/key/{key}/rowset get':
      return rest('GET', `/data/v1/customobjectdata/key/${s.emptyDeKey}/rowset?$pageSize=1`);
    case 'email/v1/filters/filterdefinition/{id} get':
      return rest('GET', `/email/v1/filters/filterdefinition/${s.filterDefinition.id}`);
    case 'email/v1/filters/filterdefinition/{id} patch':
      return rest('PATCH', `/email/v1/filters/filterdefinition/${s.filterDefinition.id}`, {
        description: 'contract',
      });
    case 'email/v1/filters/filterdefinition/{id} delete':
      return rest('DELETE', `/email/v1/filters/filterdefinition/${s.filterDefinition.id}`);
    case 'email/v1/filters/filterdefinition/category/{id} get':
      return rest('GET', `/email/v1/filters/filterdefinition/category/${s.filterDefinition.categoryId}`);
    case 'email/v1/filters/filterdefinition post': {
      const fd = emu.state.objects.get<{ filterDefinitionXml: string; derivedFromObjectId: string }>(
        'filterDefinition',
        s.filterDefinition.id,
      )!;
      return rest('POST', '/email/v1/filters/filterdefinition', {
        name: uniq,
        key: uniq,
        categoryId: s.filterDefinition.categoryId,
        derivedFromObjectId: fd.data.derivedFromObjectId,
        derivedFromType: 2,
        filterDefinitionXml: fd.data.filterDefinitionXml,
      });
    }
    default:
      throw new Error(`no replay for ${rel} (${path} ${method})`);
  }
}

function compareRest(rel: string, got: { status: number; text: string }): string[] {
  const recordedText = readFileSync(join(ROOT, rel), 'utf8').trim();
  if (rel.endsWith('.txt')) {
    // A bare id (a deleted filter definition's) is compared as an id; other text exactly.
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const same = uuid.test(recordedText) ? uuid.test(got.text.trim()) : got.text.trim() === recordedText;
    return same ? [] : [`body ${got.text}, SFMC sends ${recordedText}`];
  }
  let body: unknown;
  try {
    body = JSON.parse(got.text);
  } catch {
    return [`not JSON: ${got.text.slice(0, 200)}`];
  }
  const { union, always } = restRouteShape(restRoute(rel));
  return diffShape(jsonShape(body, MAP_KEYS), union, always, false);
}

// ---------------------------------------------------------------- the tests

// Reads before writes, deletes last: each replay leaves the seeded objects the next one needs.
const phase = (rel: string) =>
  /(^|\/)(delete)[-.]/.test(rel.split('/').pop()!)
    ? 2
    : /(^|\/)(get|retrieve)[-.]/.test(rel.split('/').pop()!)
      ? 0
      : 1;
const ordered = files
  .filter((f) => !/(^|\/)(LICENSE|README\.md)$/.test(f))
  .sort((a, b) => phase(a) - phase(b));

describe('recorded SFMC responses replayed against the emulator', () => {
  it('finds the recorded set', () => {
    expect(files.length).toBeGreaterThan(70);
  });

  for (const rel of ordered) {
    const test = KNOWN[rel] ? it.fails : it;
    test(rel, async () => {
      let diffs: string[];
      if (rel === 'auth.json') {
        const rec = recordedJson(rel) as Record<string, { response: unknown; status: number }>;
        diffs = [];
        const cases: Record<string, () => Promise<{ status: number; text: string }>> = {
          success: () =>
            rest('POST', '/v2/token', {
              grant_type: 'client_credentials',
              client_id: emu.credentials.clientId,
              client_secret: emu.credentials.clientSecret,
            }),
          unauthorized: () =>
            rest('POST', '/v2/token', {
              grant_type: 'client_credentials',
              client_id: 'x',
              client_secret: 'y',
            }),
          expired: () => rest('GET', '/automation/v1/queries/', undefined, false),
        };
        for (const [k, v] of Object.entries(rec)) {
          const got = await cases[k]();
          if (got.status !== v.status) diffs.push(`${k}: status ${got.status}, SFMC sends ${v.status}`);
          const want = jsonShape(v.response, undefined);
          diffs.push(
            ...diffShape(jsonShape(JSON.parse(got.text), undefined), want, new Set(want.keys()), false).map(
              (d) => `${k}: ${d}`,
            ),
          );
        }
      } else if (rel === 'rest404-response.json') {
        const got = await rest('GET', '/automation/v1/no-such-route/');
        const want = jsonShape(recordedJson(rel), undefined);
        diffs =
          got.status === 404
            ? diffShape(jsonShape(JSON.parse(got.text), undefined), want, new Set(want.keys()), false)
            : [`status ${got.status}`];
      } else if (rel.endsWith('.xml')) {
        diffs = compareSoap(rel, await replaySoap(rel));
      } else {
        diffs = compareRest(rel, await replayRest(rel));
      }
      expect(diffs, rel).toEqual([]);
    });
  }
});
