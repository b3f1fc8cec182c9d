/**
 * The same documented meaning through a real deploy and automation runs on the emulator, over HTTP, with
 * two refreshes: a static segment keeps the members of its one run at deploy, an additive one adds the
 * members of each refresh, a dynamic one is exactly the latest refresh. Does not import the compiler.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPlan, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { CASES, sortKeys } from './cases.ts';
import { NOW_ISO } from './clock.ts';
import { CONTACTS, dataExtensionRows, VIEWS } from './dataset.ts';
import { attr, fold } from './oracle.ts';
import { type SegmentSpec, writeProject } from './project.ts';

/** One case per class of issue #14 and the suppression of #12, plus a segment reading a segment. */
const PICKED = [
  'text-equals',
  'text-in',
  'contains-underscore',
  'date-lte-day',
  'date-gt-day',
  'date-between-days',
  'score-highest-cut',
  'score-rose',
  'lead-status',
  'opportunity-stage',
  'inactive-guarded',
  'no-sales-activity',
  'unsubscribed-status',
  'clicked-30',
  'in-segment',
];
const cases = CASES.filter((c) => PICKED.includes(c.name));
const gold = { name: 'gold', rules: { attribute: { field: 'Tier', equals: 'GOLD' } } };

let emu: RunningEmulator | undefined;
afterAll(async () => emu?.close());

describe('semantics: deploy and two automation refreshes on the emulator', () => {
  it('dynamic, additive and static members follow the documented meaning', async () => {
    emu = await startEmulator({ port: 0, now: () => new Date(NOW_ISO), scheduleTickMs: 0 });
    const segments: SegmentSpec[] = [
      ...cases.map((c) => ({ name: c.name, rules: c.rules, membership: 'dynamic' as const })),
      { ...gold, name: 'gold-additive', membership: 'additive' },
    ];
    const project = writeProject(segments);
    const sfmc = { authBaseUrl: emu.urls.auth, ...emu.credentials };
    const deploy = async () => {
      const s = await openSession({ dir: project.dir, sfmc });
      const { plan } = await planDeployment(s.port, s.desired, s.env);
      const result = await applyPlan(plan, s.port, { concurrency: 4 });
      expect(result.failed.map((f) => String(f.error))).toEqual([]);
      return s;
    };
    try {
      await deploy();
      // The dataset arrives after the data extensions exist, as a sync would bring it.
      for (const [name, rows] of Object.entries(dataExtensionRows()))
        emu.state.insertRows(`sem_${name}`, rows);
      for (const [view, rows] of Object.entries(VIEWS)) emu.state.insertRows(view, rows);
      // A static segment added now runs once, at this deploy, over the first dataset.
      writeFileSync(
        join(project.dir, 'segments/gold-static.yaml'),
        JSON.stringify({
          name: 'gold-static',
          membership: 'static',
          audience: 'Contacts',
          select: ['SubscriberKey'],
          lint: { allow: ['no-suppression'] },
          rules: gold.rules,
        }),
      );
      const session = await deploy();

      const refresh = async () => {
        const list = await session.client.rest.request<{ items: { id: string; key: string }[] }>({
          method: 'GET',
          path: '/automation/v1/automations',
        });
        // Twice over every automation: whatever their order, a reader's second run sees finished targets.
        // Runs start in the background (SOAP Perform answers at once): each pass waits for them to finish.
        for (let pass = 0; pass < 2; pass++) {
          for (const a of list.items) await session.client.automations.runOnce(a.id);
          await emu!.core.idle();
        }
      };
      const members = (segment: string) =>
        sortKeys(emu!.state.readRows(`sem_${segment}`).map((r) => String(r.SubscriberKey)));

      await refresh();
      for (const c of cases) expect({ [c.name]: members(c.name) }).toEqual({ [c.name]: sortKeys(c.members) });
      const first = CONTACTS.filter(attr.equals('Tier', 'GOLD')).map((c) => c.SubscriberKey);
      expect(members('gold-additive')).toEqual(sortKeys(first));
      expect(members('gold-static')).toEqual(sortKeys(first));

      // Second dataset: alice leaves the Gold tier, a new contact (key with a trailing space) joins it.
      const upserted = emu.state.upsertRows('sem_Contacts', [
        { ...CONTACTS[0], Tier: 'Silver' },
        { ...CONTACTS[0], SubscriberKey: 'zed ', EmailAddress: 'zed@example.com', Tier: 'gold' },
      ]);
      expect(upserted.filter((r) => !r.ok)).toEqual([]);
      await refresh();
      const second = [...first.filter((k) => fold(k) !== 'alice'), 'zed '];
      expect(members('text-equals')).toEqual(sortKeys(second));
      expect(members('gold-additive')).toEqual(sortKeys([...first, 'zed ']));
      expect(members('gold-static')).toEqual(sortKeys(first));
    } finally {
      project.cleanup();
    }
  }, 60_000);
});
