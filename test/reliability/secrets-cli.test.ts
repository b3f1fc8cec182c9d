import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leadRecord } from '../../scripts/lib/leads.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { report } from './campaign.ts';
import { filesUnder, findSecrets, tokenRecorder } from './secrets.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/sfmc-kit.js');
let emu: RunningEmulator | undefined;
const work = mkdtempSync(path.join(tmpdir(), 'kit-rel-secrets-'));
afterAll(async () => {
  await emu?.close();
  rmSync(work, { recursive: true, force: true });
});

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ label: string; code: number | null; out: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', HOME: work, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d;
  });
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ label: args.slice(0, 2).join(' '), code, out })),
  );
}

describe('no secret in any output or file', () => {
  it('sync, plan and deploy — succeeding, rejecting rows and failing auth — never print or write a secret', async () => {
    const recorder = tokenRecorder();
    emu = await startEmulator({ port: 0, scheduleTickMs: 0, extraHandlers: [recorder.handler] });
    const e = emu;
    const sf = e.credentials.salesforce!;
    e.salesforce!.store.insert('Lead', [
      ...Array.from({ length: 300 }, (_, i) => leadRecord(i)),
      { ...leadRecord(301), Email: 'not-an-email' },
    ]);
    const defs = path.join(work, 'definitions');
    cpSync(path.join(ROOT, 'definitions'), defs, { recursive: true });
    const good = {
      SFMC_AUTH_URL: e.urls.auth,
      SFMC_CLIENT_ID: e.credentials.clientId,
      SFMC_CLIENT_SECRET: e.credentials.clientSecret,
      SFMC_ACCOUNT_ID: e.credentials.accountId,
      SF_LOGIN_URL: e.urls.base,
      SF_API_VERSION: '62.0',
      SF_AUTH: 'password',
      SF_CLIENT_ID: sf.clientId,
      SF_CLIENT_SECRET: sf.clientSecret,
      SF_USERNAME: sf.username,
      SF_PASSWORD: sf.password,
    };
    const wrongSfmc = 'wrong-sfmc-secret-Zq81xV';
    const wrongSf = 'wrong-sf-password-Kp27Lm';
    const runs = [
      await cli(['deploy', '--dir', defs, '--yes'], good),
      await cli(['sync', 'leads', '--dir', defs], good),
      await cli(['sync', 'leads', '--dir', defs, '--json', '--full'], good),
      await cli(['plan', '--dir', defs, '--out', path.join(work, 'plan.json')], good),
      await cli(['plan', '--dir', defs], { ...good, SFMC_CLIENT_SECRET: wrongSfmc }),
      await cli(['sync', 'leads', '--dir', defs], { ...good, SF_PASSWORD: wrongSf }),
      await cli(['sync', 'leads', '--dir', defs], { ...good, SF_CLIENT_SECRET: wrongSfmc }),
    ];
    const secrets = {
      'SFMC client secret': e.credentials.clientSecret,
      'SF client secret': sf.clientSecret,
      'SF password': sf.password,
      'wrong SFMC secret': wrongSfmc,
      'wrong SF password': wrongSf,
      ...Object.fromEntries([...recorder.tokens].map((t, i) => [`token ${i}`, t])),
    };
    const files = filesUnder(work).filter(([p]) => !p.startsWith(defs));
    const leaks = findSecrets(
      [...runs.map((r, i): [string, string] => [`${i} ${r.label}`, r.out]), ...files],
      secrets,
    );
    report(
      'secret scan over CLI runs',
      [
        ...runs.map(
          (r, i) => `${i} ${r.label}: exit ${r.code} — ${r.out.trim().split('\n').at(-1)?.slice(0, 140)}`,
        ),
        `${files.length} files written: ${files.map(([p]) => path.relative(work, p)).join(', ')}`,
        `${Object.keys(secrets).length} secrets and tokens looked for`,
      ],
      leaks.length ? leaks.join(', ') : 'nothing (no secret anywhere)',
    );
    // The runs did what they claim: deploy and sync worked (2 = rows rejected), bad credentials failed.
    expect(runs.map((r) => r.code)).toEqual([0, 2, 2, 0, 1, 1, 1]);
    expect(files.some(([p]) => p.includes('rejects'))).toBe(true);
    expect(files.some(([p]) => p.includes('checkpoints'))).toBe(true);
    expect(recorder.tokens.size).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
