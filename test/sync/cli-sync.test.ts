import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from 'citty';
import { afterEach, describe, expect, it, vi } from 'vitest';
import syncCommand from '../../src/cli/commands/sync.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import { createSalesforceEmulator, type SalesforceEmulator } from '../../src/emulator/salesforce/index.ts';
import { runCli } from '../support/run-cli.ts';
import { creds, leads } from './fixture.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await close?.();
  close = undefined;
});

describe('sfmc-kit sync', () => {
  it('refuses a bad --concurrency with exit 64 before reading any config, through the real CLI process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-sync-usage-'));
    // bin/sfmc-kit.js starts the sync in a node of its own (with SYNC_NODE_FLAGS): the child's exit
    // code and message must come through.
    for (const bad of ['0', '2.5', 'many']) {
      const r = runCli(dir, ['sync', '--concurrency', bad]);
      expect(r.status).toBe(64);
      expect(r.stderr).toContain(`--concurrency must be a whole number from 1 to 50, not "${bad}"`);
    }
  });

  it('runs the named sync from definitions into the emulator and prints a JSON summary', async () => {
    let base = '';
    let sf: SalesforceEmulator | undefined;
    const emulator = await startEmulator({
      asyncDelayMs: 0,
      scheduleTickMs: 0,
      mountHandlers: (state) => {
        sf = createSalesforceEmulator(state.db, { ...creds, baseUrl: () => base });
        return [sf.handler];
      },
    });
    close = emulator.close;
    base = emulator.urls.base;
    sf!.store.insert('Lead', leads(12));

    const dir = await mkdtemp(join(tmpdir(), 'cli-sync-'));
    await mkdir(join(dir, 'definitions', 'syncs'), { recursive: true });
    await writeFile(join(dir, 'definitions', 'sfmc-kit.yaml'), 'name: Test\nkeyPrefix: t_\n');
    await writeFile(
      join(dir, 'definitions', 'syncs', 'leads.yaml'),
      'name: leads\nobject: Lead\nfields: [LastName, Email, Status]\ntarget: CRM Leads\nmode: incremental\ndeletes: flag\n',
    );
    for (const [k, v] of Object.entries({
      SFMC_AUTH_URL: emulator.urls.auth,
      SFMC_CLIENT_ID: emulator.credentials.clientId,
      SFMC_CLIENT_SECRET: emulator.credentials.clientSecret,
      SFMC_ACCOUNT_ID: emulator.credentials.accountId,
      SF_LOGIN_URL: base,
      SF_CLIENT_ID: creds.clientId,
      SF_CLIENT_SECRET: creds.clientSecret,
      SF_USERNAME: creds.username,
      SF_PASSWORD: creds.password,
      SF_API_VERSION: '62.0',
      SF_AUTH: 'password',
    })) {
      vi.stubEnv(k, v);
    }
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    const { result } = await runCommand(syncCommand, {
      rawArgs: ['leads', '--json', '--dir', join(dir, 'definitions'), '--state', join(dir, '.state')],
    });
    expect(result).toBe(0);
    const summary = JSON.parse(out.join('\n'));
    expect(summary.syncs).toEqual([
      expect.objectContaining({
        sync: 'leads',
        targetKey: 'CRM Leads',
        upserted: 12,
        rejected: 0,
        method: 'rest',
      }),
    ]);
    expect(emulator.state.readRows('CRM Leads')).toHaveLength(12);
    const cp = JSON.parse(await readFile(join(dir, '.state', 'checkpoints', 'leads.json'), 'utf8'));
    expect(cp).toEqual({
      version: 1,
      sync: 'leads',
      watermark: expect.stringMatching(/^\d{4}-/),
      deletesCovered: expect.stringMatching(/^\d{4}-/),
    });
  });
});
