import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { runCommand } from 'citty';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import activateCommand from '../../src/cli/commands/activate.ts';
import statusCommand from '../../src/cli/commands/status.ts';
import { compileProject } from '../../src/compiler/index.ts';
import { applyPlan, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { runSegmentsOnce } from '../../src/report/run-segments.ts';

const dir = path.join(import.meta.dirname, 'fixtures/definitions');
let emu: RunningEmulator;
let clock = new Date('2026-04-01T06:00:00Z');
let state: string;
let leads: string[];

async function run(command: typeof activateCommand | typeof statusCommand, args: string[]) {
  const out: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(String(s)));
  try {
    const { result } = await runCommand(command as typeof activateCommand, {
      rawArgs: [...args, '--dir', dir],
    });
    return { code: result as number, out: out.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  emu = await startEmulator({ now: () => clock, scheduleTickMs: 0 });
  leads = emu.salesforce!.store.insert(
    'Lead',
    Array.from({ length: 4 }, (_, i) => ({
      LastName: `L${i}`,
      Company: 'Acme',
      Status: 'Open - Not Contacted',
    })),
  );
  const session = await openSession({ dir, sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials } });
  const { plan } = await planDeployment(session.port, session.desired, session.env);
  expect((await applyPlan(plan, session.port)).failed).toEqual([]);
  const refresh = async (statuses: string[]) => {
    emu.state.clearRows('act_CRM_Lead');
    emu.state.insertRows(
      'act_CRM_Lead',
      statuses.map((Status, i) => ({ Id: leads[i], Email: `l${i}@example.com`, Status, Country: 'US' })),
    );
    clock = new Date(clock.getTime() + 86_400_000);
    await runSegmentsOnce(session.client, compileProject(session.project).segments, { pollIntervalMs: 10 });
  };
  await refresh(['Working', 'New', 'New', 'New']);
  await refresh(['Working', 'Working', 'Working', 'New']);
  // A member key that is no Lead or Contact Id cannot become a CampaignMember: a reject, not an error.
  emu.state.insertRows('act_working-leads', [{ Id: 'someone-else', Email: 'x@example.com' }]);
  state = await mkdtemp(join(tmpdir(), 'kit-activate-'));
  const sf = emu.credentials.salesforce!;
  for (const [k, v] of Object.entries({
    SFMC_AUTH_URL: emu.urls.auth,
    SFMC_CLIENT_ID: emu.credentials.clientId,
    SFMC_CLIENT_SECRET: emu.credentials.clientSecret,
    SFMC_ACCOUNT_ID: emu.credentials.accountId,
    SF_LOGIN_URL: emu.urls.salesforce!,
    SF_CLIENT_ID: sf.clientId,
    SF_CLIENT_SECRET: sf.clientSecret,
    SF_USERNAME: sf.username,
    SF_PASSWORD: sf.password,
    SF_API_VERSION: '62.0',
    SF_AUTH: 'password',
  })) {
    vi.stubEnv(k, v);
  }
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await emu?.close();
});

describe('sfmc-kit activate and status', { timeout: 120_000 }, () => {
  it('--dry-run shows the CampaignMember changes, writes nothing and exits 2', async () => {
    const r = await run(activateCommand, ['--dry-run', '--state', state]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      '~ working-leads → Salesforce Campaign Working Leads Nurture (created): +3 added',
    );
    expect(r.out).toContain('! 1 members are not Lead or Contact Ids');
    expect(emu.salesforce!.store.count('CampaignMember')).toBe(0);
  });

  it('applies them, writes the rejects file and exits 2 for the reject; a re-run writes nothing', async () => {
    const r = await run(activateCommand, ['working-leads', '--state', state]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('3 added, 0 removed, 0 status changes, 1 rejected (collections)');
    const rejects = (await readFile(join(state, 'rejects', 'activation.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects).toEqual([
      expect.objectContaining({ segment: 'working-leads', key: 'someone-else', operation: 'resolve' }),
    ]);
    emu.state.db.exec(
      `DELETE FROM "${emu.state.dataExtensions.get('act_working-leads')!.tableName}" WHERE "Id" = 'someone-else'`,
    );
    const again = await run(activateCommand, ['working-leads', '--json', '--state', state]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).campaigns).toEqual([
      expect.objectContaining({ added: 0, removed: 0, method: 'none' }),
    ]);
  });

  it('refuses a segment without activate:', async () => {
    await expect(run(activateCommand, ['no-such-segment'])).rejects.toThrow(
      'no segment named no-such-segment',
    );
  });

  it('status prints each segment’s size, change since the previous run and last run', async () => {
    const r = await run(statusCommand, ['--json']);
    const rows = Object.fromEntries(
      (JSON.parse(r.out) as Array<Record<string, unknown>>).map((x) => [x.segment, x]),
    );
    expect(Object.keys(rows).sort()).toEqual(['ever-working', 'us-leads', 'working-leads']);
    expect(rows['working-leads']).toMatchObject({
      previousRun: 1,
      change: 2,
      // GETDATE() answers SFMC's server time, CST (UTC−6): the 06:00 UTC run is stamped 00:00.
      lastRun: '2026-04-03T00:00:00',
      flag: 'size 1 → 3 (+200 %, more than 50 %)',
    });
    expect(rows['us-leads']).toMatchObject({ rows: 4, previousRun: 4, change: 0 });
    const text = await run(statusCommand, []);
    expect(text.out).toMatch(/working-leads\s+3 \(\+2 since previous run\)/);
  });
});
