/**
 * The example project deployed to the emulator, then read back over raw REST and SOAP the way an admin script
 * would check a real business unit (issue #12 "Done when").
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type RequestLogEntry } from '../../src/client/index.ts';
import { compileProject } from '../../src/compiler/index.ts';
import { loadProject } from '../../src/definitions/index.ts';
import { applyPlan, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** Operators real recorded filter definitions use (../shared/reference/sfmc-recorded …/filterdefinition/*). */
const SFMC_FILTER_OPERATORS = new Set([
  'Equal',
  'NotEqual',
  'GreaterThan',
  'LessThan',
  'GreaterThanOrEqual',
  'LessThanOrEqual',
  'Is',
  'IsNot',
  'IsEmpty',
  'IsNotEmpty',
  'Contains',
  'NotContains',
  'Begins',
  'Ends',
  'Between',
  'Before',
  'After',
  'On',
  'AtOrBefore',
  'AtOrAfter',
]);

type Raw = Record<string, unknown>;
type Step = { step: number; activities: Array<{ activityObjectId: string; objectTypeId: number }> };

async function deployExample(now?: () => Date) {
  const emu = await startEmulator({ port: 0, ...(now ? { now } : {}) });
  running.push(emu);
  const dir = mkdtempSync(join(tmpdir(), 'kit-realbu-'));
  cpSync(join(import.meta.dirname, '../../definitions'), dir, { recursive: true });
  const sfmc = { authBaseUrl: emu.urls.auth, ...emu.credentials };
  const log: RequestLogEntry[] = [];
  const s = await openSession({ dir, env: 'dev', sfmc, onRequest: (e) => log.push(e) });
  const { plan } = await planDeployment(s.port, s.desired, s.env);
  const result = await applyPlan(plan, s.port, { concurrency: 4 });
  expect(result.failed.map((f) => String(f.error))).toEqual([]);
  const project = await loadProject(dir, { env: 'dev' });
  return { emu, dir, sfmc, log, project, raw: createClient(sfmc) };
}

describe('the example project on the emulator, read back like an admin script', () => {
  it('scheduled, one automation per schedule, readers in later steps, sendable, SFMC operators and zones, converged', async () => {
    const t = await deployExample();
    const { raw, project } = t;
    const compiled = compileProject(project).segments;

    // Automations: the managed ones, each read whole by GET (as SFMC answers it: no legacyId there).
    const list = await raw.rest.request<{ items: Raw[] }>({
      method: 'GET',
      path: '/automation/v1/automations/',
      query: { $page: 1, $pageSize: 50 },
    });
    const mine = list.items.filter((a) => String(a.key).startsWith('kit_'));
    const full = await Promise.all(
      mine.map((a) => raw.rest.request<Raw>({ method: 'GET', path: `/automation/v1/automations/${a.id}` })),
    );
    const schedules = new Set(compiled.filter((s) => s.schedule).map((s) => JSON.stringify(s.schedule)));
    expect(full).toHaveLength(schedules.size);
    for (const a of full) {
      expect(a).not.toHaveProperty('legacyId');
      expect(a.statusId, String(a.key)).toBe(6);
      expect(a.status).toBe('Scheduled');
      const schedule = a.schedule as Raw;
      // Daily at 06:00 UTC: scheduleTypeId 3 (Daily), SFMC's "Greenwich Standard Time" (4, UTC+0, no DST).
      expect(schedule).toMatchObject({ typeId: 3, timezoneId: 4, timezoneName: 'Greenwich Standard Time' });
    }

    // Every segment reading another runs in a later step of the same automation.
    const queries = await raw.rest.request<{ items: Raw[] }>({
      method: 'GET',
      path: '/automation/v1/queries/',
      query: { $page: 1, $pageSize: 500 },
    });
    const filters = await raw.rest.request<{ items: Raw[] }>({
      method: 'GET',
      path: '/automation/v1/filters/',
      query: { $page: 1, $pageSize: 500 },
    });
    const keyById = new Map<string, string>([
      ...queries.items.map((q) => [String(q.queryDefinitionId), String(q.key)] as [string, string]),
      ...filters.items.map((f) => [String(f.filterActivityId), String(f.customerKey)] as [string, string]),
    ]);
    const place = new Map<string, { automation: string; step: number }>();
    for (const a of full)
      for (const step of a.steps as Step[])
        for (const act of step.activities)
          place.set(keyById.get(act.activityObjectId)!, { automation: String(a.id), step: step.step });
    let readers = 0;
    for (const seg of compiled.filter((s) => s.schedule)) {
      const me = place.get(seg.targetKey);
      expect(me, seg.name).toBeDefined();
      for (const dep of seg.dependsOn) {
        const d = compiled.find((s) => s.name === dep)!;
        if (!d.schedule) continue;
        const them = place.get(d.targetKey)!;
        expect(them.automation, `${seg.name} reads ${dep}`).toBe(me!.automation);
        expect(them.step, `${seg.name} reads ${dep}`).toBeLessThan(me!.step);
        readers++;
      }
    }
    expect(readers).toBeGreaterThan(5);

    // Contacts is sendable (SOAP, as SFMC answers a retrieve: "_SubscriberKey"); the archive keeps its retention.
    const des = await raw.soap.retrieveList({
      objectType: 'DataExtension',
      properties: [
        'CustomerKey',
        'IsSendable',
        'SendableDataExtensionField.Name',
        'SendableSubscriberField.Name',
        'DataRetentionPeriodLength',
        'DataRetentionPeriodUnitOfMeasure',
      ],
      filter: {
        property: 'CustomerKey',
        operator: 'IN',
        value: ['kit_Contacts_dev', 'kit_Email_Open_Archive_dev'],
      },
    });
    const byKey = new Map(des.map((d) => [String(d.CustomerKey), d as Raw]));
    expect(byKey.get('kit_Contacts_dev')).toMatchObject({
      IsSendable: 'true',
      SendableDataExtensionField: { Name: 'SubscriberKey' },
      SendableSubscriberField: { Name: '_SubscriberKey' },
    });
    expect(byKey.get('kit_Email_Open_Archive_dev')).toMatchObject({
      DataRetentionPeriodLength: '2',
      DataRetentionPeriodUnitOfMeasure: '6',
    });

    // Filter definitions use SFMC's operator names.
    const operators = new Set<string>();
    for (const f of filters.items) {
      const def = await raw.rest.request<Raw>({
        method: 'GET',
        path: `/email/v1/filters/filterdefinition/${f.filterDefinitionId}`,
      });
      for (const m of String(def.filterDefinitionXml).matchAll(/<Condition [^>]*Operator="([^"]+)"/g))
        operators.add(m[1]);
    }
    expect(operators.size).toBeGreaterThan(0);
    expect([...operators].filter((o) => !SFMC_FILTER_OPERATORS.has(o))).toEqual([]);

    // The automation folder was made over REST, never SOAP DataFolder.
    expect(t.log.some((e) => e.method === 'POST' && e.path === '/email/v1/category')).toBe(true);

    // A second plan is empty.
    const again = await openSession({ dir: t.dir, env: 'dev', sfmc: t.sfmc });
    expect((await planDeployment(again.port, again.desired, again.env)).plan.changes).toEqual([]);
  }, 120_000);

  it('a reader refreshed in a later step sees finished targets; the old one-automation-per-segment layout does not', async () => {
    let clock = Date.parse('2026-03-02T05:00:00Z');
    const t = await deployExample(() => new Date(clock));
    const { emu, raw } = t;
    const day = '2026-03-01';
    emu.state.insertRows('kit_Contacts_dev', [
      { SubscriberKey: 'a', EmailAddress: 'a@x.example', CreatedDate: day },
      { SubscriberKey: 'b', EmailAddress: 'b@x.example', CreatedDate: day },
      { SubscriberKey: 'c', EmailAddress: 'c@x.example', CreatedDate: day },
    ]);
    emu.state.insertRows('kit_Web_Searches_dev', [
      { EventID: 'e1', SubscriberKey: 'a', EventDate: day, SearchTerm: 'premium service' },
      { EventID: 'e2', SubscriberKey: 'b', EventDate: day, SearchTerm: 'service plan' },
    ]);
    const members = () =>
      emu.state
        .readRows('kit_premium-not-customers_dev')
        .map((r) => String(r.SubscriberKey))
        .sort();

    // The deployed layout: the schedule fires at 06:00 UTC.
    clock = Date.parse('2026-03-02T06:00:30Z');
    expect(emu.core.runner.tick()).toHaveLength(1);
    expect(members()).toEqual(['a', 'b']);

    // The layout before: one single-step automation per segment, all on the same schedule, started together.
    const queries = await raw.rest.request<{ items: Raw[] }>({
      method: 'GET',
      path: '/automation/v1/queries/',
      query: { $page: 1, $pageSize: 500 },
    });
    const mine = (
      await raw.rest.request<{ items: Raw[] }>({
        method: 'GET',
        path: '/automation/v1/automations/',
        query: { $page: 1, $pageSize: 50 },
      })
    ).items.filter((a) => String(a.key).startsWith('kit_'));
    for (const a of mine)
      await raw.rest.request({ method: 'DELETE', path: `/automation/v1/automations/${a.id}` });
    for (const q of queries.items.filter((x) => String(x.key).startsWith('kit_'))) {
      const created = await raw.rest.request<Raw>({
        method: 'POST',
        path: '/automation/v1/automations/',
        body: {
          name: `old ${q.key}`,
          key: `old_${q.key}`,
          startSource: {
            typeId: 1,
            schedule: {
              scheduleTypeId: 3,
              startDate: '2026-01-01T06:00:00',
              icalRecur: 'FREQ=DAILY;INTERVAL=1',
              timezoneId: 4,
            },
          },
          steps: [
            {
              annotation: 'Step 1',
              stepNumber: 0,
              activities: [
                { name: q.key, objectTypeId: 300, activityObjectId: q.queryDefinitionId, displayOrder: 1 },
              ],
            },
          ],
        },
      });
      const def = await raw.rest.request<{ scheduleObject: { id: string } }>({
        method: 'GET',
        path: `/legacy/v1/beta/bulk/automations/automation/definition/${created.legacyId}`,
      });
      await raw.rest.request({
        method: 'POST',
        path: '/legacy/v1/beta/bulk/automations/automation/definition/',
        query: { action: 'schedule' },
        body: { id: created.legacyId, scheduleObject: { id: def.scheduleObject.id } },
      });
    }
    clock = Date.parse('2026-03-03T06:00:30Z');
    expect(emu.core.runner.tick().length).toBeGreaterThan(10);
    // premium-not-customers read interested-premium-service while it was being overwritten: empty.
    expect(members()).toEqual([]);
  }, 120_000);
});
