import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileProject } from '../../src/compiler/index.ts';
import { applyPlan, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { reportFromClient } from '../../src/report/build-report.ts';
import { runSegmentsOnce } from '../../src/report/run-segments.ts';

const dir = path.join(import.meta.dirname, 'fixtures/definitions');
let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const CONTACTS = [
  { SubscriberKey: 'C1', Country: 'US', LoyaltyTier: 'Gold', HasOptedIn: 'true', Score: 90 },
  { SubscriberKey: 'C2', Country: 'US', LoyaltyTier: null, HasOptedIn: 'true', Score: 55 },
  { SubscriberKey: 'C3', Country: 'FR', LoyaltyTier: 'Platinum', HasOptedIn: 'false', Score: 85 },
  { SubscriberKey: 'C4', Country: 'DE', LoyaltyTier: 'Gold', HasOptedIn: 'true', Score: 5 },
  { SubscriberKey: 'C5', Country: 'US', LoyaltyTier: null, HasOptedIn: 'false', Score: 20 },
  { SubscriberKey: 'C6', Country: 'GB', LoyaltyTier: null, HasOptedIn: 'true', Score: 80 },
].map((c) => ({
  ...c,
  EmailAddress: `${c.SubscriberKey.toLowerCase()}@example.com`,
  CreatedDate: '2024-01-01',
}));

describe('report from a business unit (the emulator, through the client)', () => {
  it('reads the sizes the deployed segments produced, their overlaps, funnel and automation last runs', async () => {
    emu = await startEmulator();
    const session = await openSession({ dir, sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials } });
    const { plan } = await planDeployment(session.port, session.desired, session.env);
    const applied = await applyPlan(plan, session.port);
    expect(applied.failed).toEqual([]);
    emu.state.insertRows('rf_Contacts', CONTACTS);
    const compiled = compileProject(session.project).segments;
    // The static segment ran at deploy, before any contact existed: run it again now (runSegmentsOnce waits).
    await session.port.run('query', 'rf_us-contacts');
    const ran = await runSegmentsOnce(session.client, compiled);
    expect(ran).not.toContain('us-contacts');
    expect(ran).toContain('vip');

    const data = await reportFromClient(session.project, session.client);
    const size = Object.fromEntries(data.segments.map((s) => [s.name, s.size]));
    expect(size).toEqual({
      journey: 6,
      newsletter: 4,
      'us-contacts': 3,
      vip: 2,
      'stage-subscriber': 0,
      'stage-lead': 1,
      'stage-mql': 1,
      'stage-sql': 1,
      'stage-customer': 3,
    });
    const at = (a: string, b: string) =>
      data.overlaps.shared[data.overlaps.segments.indexOf(a)][data.overlaps.segments.indexOf(b)];
    expect(at('newsletter', 'us-contacts')).toBe(2);
    expect(at('us-contacts', 'vip')).toBe(1);
    expect(data.funnels[0].stages.map((s) => s.count)).toEqual([0, 1, 1, 1, 3]);
    expect(data.segments.find((s) => s.name === 'vip')!.lastRun).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(data.segments.find((s) => s.name === 'us-contacts')!.lastRun).toBeUndefined();
  });

  it('reports a segment whose target is missing with no size and the API error, not a crash', async () => {
    emu = await startEmulator();
    const session = await openSession({ dir, sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials } });
    const data = await reportFromClient(session.project, session.client);
    expect(data.segments.every((s) => s.size === null)).toBe(true);
    expect(data.segments.find((s) => s.name === 'vip')!.error).toMatch(/rf_vip/);
  });
});
