import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type RequestLogEntry } from '../../src/client/index.ts';
import { applyPlan, type Change, type DeployPort, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const isWrite = (e: RequestLogEntry) =>
  e.soapAction
    ? !['Retrieve', 'Describe'].includes(e.soapAction)
    : e.method !== 'GET' && !e.url.includes('/v2/token');
const brief = (cs: Change[]) =>
  cs.map((c) => `${c.kind} ${c.resource} ${c.key}${'reasons' in c ? `: ${c.reasons.join('; ')}` : ''}`);

async function setup() {
  const emu = await startEmulator({ port: 0 });
  running.push(emu);
  const dir = mkdtempSync(join(tmpdir(), 'kit-deploy-'));
  cpSync(join(import.meta.dirname, '../../definitions'), dir, { recursive: true });
  const log: RequestLogEntry[] = [];
  const sfmc = { authBaseUrl: emu.urls.auth, ...emu.credentials };
  const session = () => openSession({ dir, env: 'dev', sfmc, onRequest: (e) => log.push(e) });
  return { emu, dir, log, session, client: createClient(sfmc) };
}

async function deployAll(s: Awaited<ReturnType<Awaited<ReturnType<typeof setup>>['session']>>) {
  const { plan } = await planDeployment(s.port, s.desired, s.env);
  const result = await applyPlan(plan, s.port, { concurrency: 4 });
  expect(result.failed.map((f) => String(f.error))).toEqual([]);
  return { plan, result };
}

describe('deploy over the emulator', () => {
  it('deploys the example from empty; a redeploy plans nothing and writes nothing', async () => {
    const t = await setup();
    const { plan, result } = await deployAll(await t.session());
    expect(plan.conflicts).toEqual([]);
    expect(result.done.length).toBe(plan.changes.length);
    // Static segments (no schedule) ran once; scheduled ones got activated automations.
    expect(result.runs).toContain('query:kit_Campaign_Audience_dev');

    t.log.length = 0;
    const again = await t.session();
    const second = await planDeployment(again.port, again.desired, again.env);
    expect(brief(second.plan.changes)).toEqual([]);
    expect(t.log.filter(isWrite)).toEqual([]);
    // Reads grow with object types, not objects: folders per content type + one list per type + token.
    expect(t.log.length).toBeLessThan(20);
  }, 90_000);

  it('a change to one segment plans exactly that change; after apply the plan is empty', async () => {
    const t = await setup();
    await deployAll(await t.session());
    const file = join(t.dir, 'segments/big-spenders.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('amount: { gte: 10000 }', 'amount: { gte: 20000 }'),
    );
    const s = await t.session();
    const { plan } = await planDeployment(s.port, s.desired, s.env);
    expect(brief(plan.changes)).toEqual(['update query kit_big-spenders_dev: SQL changed']);
    t.log.length = 0;
    await applyPlan(plan, s.port);
    expect(t.log.filter(isWrite).map((e) => `${e.method} ${e.path.replace(/[0-9a-f-]{36}/, ':id')}`)).toEqual(
      ['PATCH /automation/v1/queries/:id'],
    );
    const after = await t.session();
    expect(brief((await planDeployment(after.port, after.desired, after.env)).plan.changes)).toEqual([]);
  }, 90_000);

  it('a deploy that fails after N writes reports what was done; a rerun converges', async () => {
    const t = await setup();
    const s = await t.session();
    let writes = 0;
    const failing: DeployPort = {
      ...s.port,
      resources: Object.fromEntries(
        Object.entries(s.port.resources).map(([k, r]) => [
          k,
          {
            ...r,
            create: async (d: never) => {
              if (++writes > 30) throw new Error('injected: connection lost');
              return r.create(d);
            },
          },
        ]),
      ) as DeployPort['resources'],
    };
    const { plan } = await planDeployment(failing, s.desired, s.env);
    const first = await applyPlan(plan, failing, { concurrency: 1 });
    expect(first.failed.length).toBe(1);
    expect(first.done.length).toBe(30);
    expect(first.done.length + first.failed.length + first.skipped.length).toBe(plan.changes.length);

    const rerun = await t.session();
    const second = await planDeployment(rerun.port, rerun.desired, rerun.env);
    expect(second.plan.changes.length).toBe(plan.changes.length - 30);
    await applyPlan(second.plan, rerun.port);
    const last = await t.session();
    expect(brief((await planDeployment(last.port, last.desired, last.env)).plan.changes)).toEqual([]);
  }, 90_000);

  it('hand-made objects stay untouched; a colliding one is reported as a conflict', async () => {
    const t = await setup();
    const rootDe = (await t.client.folders.list('dataextension')).find((f) => f.parentId === 0)!;
    const fields = [{ name: 'Id', type: 'Text' as const, length: 10, isPrimaryKey: true, isRequired: true }];
    await t.client.dataExtensions.create({
      key: 'kit_suppressed_dev',
      name: 'Hand made suppression',
      folderId: rootDe.id,
      fields,
    });
    await t.client.dataExtensions.create({ key: 'my_own_de', name: 'My own', folderId: rootDe.id, fields });
    const s = await t.session();
    const { plan } = await planDeployment(s.port, s.desired, s.env);
    expect(brief(plan.conflicts)).toEqual([
      'conflict dataExtension kit_suppressed_dev: key kit_suppressed_dev is taken by "Hand made suppression", which sfmc-kit does not manage: left untouched',
    ]);
    expect(
      plan.changes.some(
        (c) => c.key === 'my_own_de' || (c.key === 'kit_suppressed_dev' && c.resource === 'dataExtension'),
      ),
    ).toBe(false);
    await applyPlan(plan, s.port, { concurrency: 4 });
    const mine = await t.client.dataExtensions.get('my_own_de');
    expect(mine?.fields.map((f) => f.name)).toEqual(['Id']);
    expect((await t.client.dataExtensions.get('kit_suppressed_dev'))?.name).toBe('Hand made suppression');
  }, 90_000);
});

describe('field changes over the emulator', () => {
  it('widens a field in place; narrowing it plans a replace, destructive (refused without the flag) once rows exist', async () => {
    const t = await setup();
    await deployAll(await t.session());
    const file = join(t.dir, 'data-extensions/Web_Searches.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      original.replace(
        'name: SearchTerm, type: Text, length: 500',
        'name: SearchTerm, type: Text, length: 1000',
      ),
    );
    let s = await t.session();
    let { plan } = await planDeployment(s.port, s.desired, s.env);
    expect(brief(plan.changes)).toEqual([
      'update dataExtension kit_Web_Searches_dev: field SearchTerm: Text(500) → Text(1000): widen',
    ]);
    await applyPlan(plan, s.port);
    s = await t.session();
    expect(brief((await planDeployment(s.port, s.desired, s.env)).plan.changes)).toEqual([]);
    expect(
      (await t.client.dataExtensions.get('kit_Web_Searches_dev'))?.fields.find((f) => f.name === 'SearchTerm')
        ?.length,
    ).toBe(1000);

    writeFileSync(
      file,
      original.replace(
        'name: SearchTerm, type: Text, length: 500',
        'name: SearchTerm, type: Text, length: 100',
      ),
    );
    s = await t.session();
    ({ plan } = await planDeployment(s.port, s.desired, s.env));
    expect(brief(plan.changes)[0]).toBe(
      'replace dataExtension kit_Web_Searches_dev: field SearchTerm: Text(1000) → Text(100): MaxLength decrease is not allowed by SFMC; requires replace; replace drops the data extension (0 rows)',
    );
    expect(plan.changes[0]).toMatchObject({ destructive: false });

    // With rows the replace is destructive: refused without allowDestructive, nothing written.
    await t.client.rows.upsertSync(
      'kit_Web_Searches_dev',
      [{ EventID: 'e1', SubscriberKey: 's1', EventDate: '2026-01-01', SearchTerm: 'x' }],
      ['EventID'],
    );
    s = await t.session();
    ({ plan } = await planDeployment(s.port, s.desired, s.env));
    expect(plan.changes[0]).toMatchObject({ kind: 'replace', destructive: true });
    expect(brief(plan.changes)[0]).toMatch(/replace drops the data extension \(1 rows\)$/);
    t.log.length = 0;
    await expect(applyPlan(plan, s.port)).rejects.toMatchObject({ code: 'FORBIDDEN_CHANGE' });
    expect(t.log.filter(isWrite)).toEqual([]);
    await applyPlan(plan, s.port, { allowDestructive: true });
    s = await t.session();
    expect(brief((await planDeployment(s.port, s.desired, s.env)).plan.changes)).toEqual([]);
  }, 90_000);
});
