/** Issue #12 / #13.6 rules that need no emulator: each failed on the code before the fix. */
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.ts';
import type { CompiledSegment } from '../../src/compiler/index.ts';
import { filterXml, resolveFilterXml } from '../../src/compiler/filter.ts';
import { portFromClient } from '../../src/deploy/client-port.ts';
import { diff } from '../../src/deploy/diff.ts';
import { type DataExtensionModel, emptyModel, type Model, normaliseField } from '../../src/deploy/model.ts';
import { refreshGroups } from '../../src/deploy/refresh-groups.ts';
import { sameSchedule, scheduleModel } from '../../src/deploy/schedule.ts';
import { IANA_TO_SFMC_TIMEZONE, sfmcTimezoneId } from '../../src/deploy/timezones.ts';
import { nextRun } from '../../src/emulator/run/runner.ts';
import { startEmulator } from '../../src/emulator/index.ts';

const de = (over: Partial<DataExtensionModel> = {}): DataExtensionModel => ({
  key: 'kit_vip',
  name: 'kit_vip',
  folder: 'sfmc-kit',
  fields: [normaliseField({ name: 'SubscriberKey', type: 'Text', length: 18, primaryKey: true })],
  ...over,
});
const model = (over: Partial<Model>): Model => ({ ...emptyModel(), ...over });
const brief = (cs: ReturnType<typeof diff>) =>
  cs.map((c) => `${c.kind}: ${'reasons' in c ? c.reasons.join('; ') : ''}`);

describe('time zones (#12.6, #13.9)', () => {
  it('maps every IANA zone SFMC has to its id; Europe/Paris is Romance Standard Time, not UTC', () => {
    expect(sfmcTimezoneId('Europe/Paris')).toBe(7);
    expect(sfmcTimezoneId('Europe/Berlin')).toBe(5);
    expect(sfmcTimezoneId('America/New_York')).toBe(76);
    expect(sfmcTimezoneId('America/Chicago')).toBe(79);
    expect(sfmcTimezoneId('UTC')).toBe(4);
    const supported = Intl.supportedValuesOf('timeZone');
    expect(supported.filter((z) => sfmcTimezoneId(z) !== undefined).length).toBeGreaterThan(300);
    for (const z of Object.keys(IANA_TO_SFMC_TIMEZONE))
      expect(() => new Intl.DateTimeFormat('en', { timeZone: z })).not.toThrow();
  });

  it('refuses a zone SFMC cannot run, naming it', () => {
    expect(() => scheduleModel({ frequency: 'daily', interval: 1, timezone: 'Europe/Istanbul' })).toThrow(
      /Europe\/Istanbul/,
    );
    expect(() => scheduleModel({ frequency: 'daily', interval: 1, timezone: 'Mars/Olympus' })).toThrow(
      /Mars\/Olympus/,
    );
    expect(
      scheduleModel({ frequency: 'daily', interval: 1, time: '06:00', timezone: 'Europe/Paris' }).timezoneId,
    ).toBe(7);
  });

  it('the emulator runs a 06:00 Europe/Paris schedule at 05:00Z in winter and 04:00Z in summer', () => {
    const winter = nextRun(
      'FREQ=DAILY;INTERVAL=1',
      Date.parse('2026-01-10T05:00:00Z'),
      Date.parse('2026-01-10T06:00:00Z'),
      7,
    );
    expect(new Date(winter!).toISOString()).toBe('2026-01-11T05:00:00.000Z');
    const summer = nextRun(
      'FREQ=DAILY;INTERVAL=1',
      Date.parse('2026-03-28T05:00:00Z'),
      Date.parse('2026-03-28T06:00:00Z'),
      7,
    );
    expect(new Date(summer!).toISOString()).toBe('2026-03-29T04:00:00.000Z');
  });
});

describe('schedules converge (#12.11)', () => {
  it('SFMC adding UNTIL and reordering the recurrence is the same schedule', () => {
    const sent = scheduleModel({
      frequency: 'hourly',
      interval: 1,
      time: '12:15',
      timezone: 'Europe/Berlin',
    });
    const answered = {
      icalRecur: 'FREQ=HOURLY;UNTIL=20790606T080000;INTERVAL=1',
      startDate: '2026-01-01T12:15:00.000-06:00',
      timezoneId: 5,
    };
    expect(sameSchedule(sent, answered)).toBe(true);
    expect(sameSchedule(sent, { ...answered, timezoneId: 4 })).toBe(false);
    expect(sameSchedule(sent, { ...answered, icalRecur: 'FREQ=HOURLY;INTERVAL=2' })).toBe(false);
  });
});

describe('sendable and retention in the diff (#12.3)', () => {
  it('a sendable change is an update; a retention change is a replace', () => {
    const sendable = de({ sendableField: 'SubscriberKey' });
    expect(
      brief(
        diff(
          model({ dataExtensions: [sendable] }),
          model({ dataExtensions: [{ ...de(), managed: true, rowCount: 0 }] }),
        ),
      ),
    ).toEqual(['update: sendable: no → yes (SubscriberKey ↔ Subscriber Key) (update)']);
    const kept = de({ retention: { period: 2, unit: 'years', deleteRows: true, resetOnImport: false } });
    const changes = diff(
      model({ dataExtensions: [kept] }),
      model({ dataExtensions: [{ ...de(), managed: true, rowCount: 3 }] }),
    );
    expect(changes.map((c) => c.kind)).toEqual(['replace']);
    expect(brief(changes)[0]).toMatch(
      /retention: none → 2 years, rows: SFMC cannot change retention in place; requires replace/,
    );
  });
});

describe('filter XML (#12.4, #13.6)', () => {
  const tree = {
    op: 'AND' as const,
    children: [
      { field: 'City', operator: 'Begins', values: ['{{field:NoSuchField}} and {{source}}'] },
      { field: 'Region', operator: 'IsEmpty', values: [] },
    ],
  };
  it('user values never pass through placeholder substitution', () => {
    const xml = resolveFilterXml(filterXml(tree), { City: 'id-city', Region: 'id-region' }, 'de-guid');
    expect(xml).toContain('<![CDATA[{{field:NoSuchField}} and {{source}}]]>');
    expect(xml).toContain('ID="id-city"');
    expect(xml).toContain('SourceID="de-guid"');
  });
  it('IsEmpty carries an empty Value', () => {
    expect(filterXml(tree)).toMatch(/Operator="IsEmpty"><Value\/><\/Condition>/);
  });
});

describe('refresh groups (#12.7)', () => {
  const seg = (name: string, dependsOn: string[], time = '06:00'): CompiledSegment =>
    ({
      name,
      targetKey: `kit_${name}`,
      dependsOn,
      schedule: { frequency: 'daily', interval: 1, time, timezone: 'UTC' },
    }) as unknown as CompiledSegment;
  it('readers go in later steps of the same automation; a read across schedules is refused with the reason', () => {
    const ok = refreshGroups([seg('a', []), seg('b', ['a']), seg('c', ['b', 'a']), seg('d', [])]);
    expect(ok.problems).toEqual([]);
    expect(ok.groups.map((g) => g.levels)).toEqual([[['a', 'd'], ['b'], ['c']]]);
    const bad = refreshGroups([seg('a', [], '05:00'), seg('b', ['a'])]);
    expect(bad.groups).toHaveLength(2);
    expect(bad.problems.map((p) => p.message).join()).toMatch(
      /b .*reads segment a, which refreshes on another schedule/,
    );
  });
});

describe('retried creates (#12.12)', () => {
  it('a create whose answer was lost is found by key, not repeated into "already exists"', async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      const real = createClient({ authBaseUrl: emu.urls.auth, ...emu.credentials });
      let posts = 0;
      // The POST is written, then its answer is lost (a timeout after the write).
      const client = {
        ...real,
        automations: {
          ...real.automations,
          create: async (input: Parameters<typeof real.automations.create>[0]) => {
            posts++;
            await real.automations.create(input);
            throw new Error('socket hang up');
          },
        },
      } as typeof real;
      const port = portFromClient(client, { keyPrefix: 'kit_', folders: {} });
      await port.readModel();
      await port.resources.automation.create({
        key: 'kit_nightly',
        name: 'kit nightly',
        folder: '',
        steps: [],
        status: 'ready',
      } as never);
      const keys: string[] = [];
      for await (const a of real.automations.list()) keys.push(a.key);
      expect(keys).toEqual(['kit_nightly']);
      expect(posts).toBe(1);
    } finally {
      await emu.close();
    }
  });
});

describe('validate catches what would fail at deploy (#13.6, #12.6, #12.7)', () => {
  it('an unknown time zone and a read across schedules are validate errors, with file and reason', async () => {
    const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { validateProject } = await import('../../src/lint/validate-project.ts');
    const dir = mkdtempSync(join(tmpdir(), 'kit-validate-'));
    cpSync(join(import.meta.dirname, '../../definitions'), dir, { recursive: true });
    const edit = (name: string, from: string, to: string) => {
      const file = join(dir, 'segments', `${name}.yaml`);
      writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
    };
    edit('big-spenders', 'time: "${refreshTime}"', 'time: "${refreshTime}", timezone: Europe/Istanbul');
    edit('premium-not-customers', 'time: "${refreshTime}"', 'time: "07:00"');
    const result = await validateProject(dir, { env: 'dev' });
    const deploy = result.diagnostics.filter((d) => d.code === 'deploy');
    expect(deploy.map((d) => `${d.file.split('/').pop()}: ${d.message}`).join('\n')).toMatch(
      /big-spenders\.yaml: time zone "Europe\/Istanbul" has no SFMC equivalent/,
    );
    expect(
      deploy.some((d) => /premium-not-customers.*reads segment .*another schedule/.test(d.message)),
    ).toBe(true);
  }, 60_000);
});

describe('static segments run after what they read (#12.8)', () => {
  it('the example plans the static segment one level after the scheduled segment it reads', async () => {
    const { join } = await import('node:path');
    const { loadProject } = await import('../../src/definitions/index.ts');
    const { compileProject } = await import('../../src/compiler/index.ts');
    const { desiredFromProject } = await import('../../src/deploy/from-project.ts');
    const project = await loadProject(join(import.meta.dirname, '../../definitions'), { env: 'dev' });
    const m = desiredFromProject(project, compileProject(project));
    const runs = m.queries.filter((q) => q.runOnDeploy).map((q) => [q.key, q.runLevel]);
    expect(runs).toEqual([
      ['kit_suppressed_dev', 0],
      ['kit_Campaign_Audience_dev', 1],
    ]);
  });

  it('apply starts a level only when every run of the level before has finished', async () => {
    const { applyPlan } = await import('../../src/deploy/apply.ts');
    const { makePlan } = await import('../../src/deploy/plan.ts');
    const events: string[] = [];
    const q = (key: string, runLevel: number) => ({
      key,
      name: key,
      folder: 'kit',
      sql: 'SELECT 1',
      targetKey: key,
      updateType: 'Overwrite' as const,
      runOnDeploy: true,
      runLevel,
    });
    const desired = { ...emptyModel(), queries: [q('reader', 1), q('read', 0)] };
    const ok = async () => {};
    const port = {
      readModel: async () => emptyModel(),
      rowCount: async () => 0,
      run: async (_kind: string, key: string) => {
        events.push(`start ${key}`);
        await new Promise((r) => setTimeout(r, 30));
        events.push(`end ${key}`);
      },
      resources: Object.fromEntries(
        ['folder', 'dataExtension', 'filterDefinition', 'query', 'filterActivity', 'automation'].map((k) => [
          k,
          { create: ok, update: ok, delete: ok },
        ]),
      ),
    } as unknown as Parameters<typeof applyPlan>[1];
    await applyPlan(makePlan(diff(desired, emptyModel()), emptyModel(), 'dev'), port);
    expect(events).toEqual(['start read', 'end read', 'start reader', 'end reader']);
  });
});
