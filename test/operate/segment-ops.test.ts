import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { runSegment, setSchedule } from '../../src/operate/index.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const segment = (name: string, extra: string, country: string) =>
  `name: ${name}\n${extra}audience: Contacts\nselect: [City]\nrules:\n  attribute: { field: Country, equals: ${country} }\n`;

async function setup() {
  emu = await startEmulator({ port: 0, salesforce: false, asyncDelayMs: 0, scheduleTickMs: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'kit-ops-'));
  mkdirSync(join(dir, 'data-extensions'));
  mkdirSync(join(dir, 'segments'));
  writeFileSync(join(dir, 'sfmc-kit.yaml'), 'name: T\nkeyPrefix: t_\n');
  writeFileSync(
    join(dir, 'data-extensions', 'Contacts.yaml'),
    'name: Contacts\nkey: Contacts\nfields:\n  - { name: SubscriberKey, type: Text, length: 18, primaryKey: true }\n  - { name: Country, type: Text, length: 2 }\n  - { name: City, type: Text, length: 80 }\n',
  );
  writeFileSync(
    join(dir, 'segments', 'us.yaml'),
    segment('us', 'membership: dynamic\nschedule: { frequency: daily, time: "06:00" }\n', 'US'),
  );
  writeFileSync(join(dir, 'segments', 'fr.yaml'), segment('fr', 'membership: static\n', 'FR'));
  const sfmc = { authBaseUrl: emu.urls.auth, ...emu.credentials };
  const session = () => openSession({ dir, sfmc });
  const s = await session();
  const { plan } = await planDeployment(s.port, s.desired, s.env);
  expect((await applyPlan(plan, s.port, { concurrency: 2 })).failed).toEqual([]);
  return { dir, session, client: s.client };
}

describe('run / pause / resume one segment', () => {
  it('run refreshes the segment through its query activity and prints the new size', async () => {
    const t = await setup();
    await t.client.rows.upsert('Contacts', [
      { SubscriberKey: 'a', Country: 'US' },
      { SubscriberKey: 'b', Country: 'US' },
      { SubscriberKey: 'c', Country: 'FR' },
    ]);
    expect(await t.client.rows.count('t_us')).toBe(0);
    const r = await runSegment(await t.session(), 'us', { pollIntervalMs: 50 });
    expect(r).toMatchObject({ segment: 'us', targetKey: 't_us', rows: 2, activity: 'query:t_us' });
    expect(await t.client.rows.count('t_us')).toBe(2);
  });

  it('refuses to run a segment whose definition differs from what is deployed', async () => {
    const t = await setup();
    writeFileSync(
      join(t.dir, 'segments', 'us.yaml'),
      segment('us', 'membership: dynamic\nschedule: { frequency: daily, time: "06:00" }\n', 'CA'),
    );
    await expect(runSegment(await t.session(), 'us')).rejects.toThrow(
      /cannot run segment "us": the business unit differs from the definitions \(update query t_us\)/,
    );
    await expect(runSegment(await t.session(), 'nope')).rejects.toThrow(/no segment "nope"/);
  });

  it('pause and resume act on the automation that holds the segment', async () => {
    const t = await setup();
    const automation = async () => {
      for await (const a of t.client.automations.list()) if (a.key.startsWith('t_refresh_')) return a; // one automation per schedule (#12.7)
      throw new Error('no automation');
    };
    expect((await automation()).status).toBe('Scheduled');
    const paused = await setSchedule(await t.session(), 'us', 'pause');
    expect(paused).toMatchObject({
      automation: 't_refresh_daily_0600_UTC',
      segments: ['us'],
      action: 'paused',
      before: 'scheduled',
    });
    expect((await automation()).status).toBe('PausedSchedule');
    // After a pause the BU differs from the definitions (they say scheduled): resume is what restores it.
    const resumed = await setSchedule(await t.session(), 't_refresh_daily_0600_UTC', 'resume');
    expect(resumed).toMatchObject({ automation: 't_refresh_daily_0600_UTC', action: 'resumed' });
    expect((await automation()).status).toBe('Scheduled');
    await expect(setSchedule(await t.session(), 'fr', 'pause')).rejects.toThrow(/static/);
  });
});
