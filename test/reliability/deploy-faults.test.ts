import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { report } from './campaign.ts';
import { filesUnder, findSecrets, tokenRecorder } from './secrets.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/sfmc-kit.js');
const FAULTS = [
  { kind: 'status' as const, status: 500, rate: 0.025 },
  { kind: 'status' as const, status: 503, rate: 0.025 },
  { kind: 'status' as const, status: 429, rate: 0.05, retryAfter: 1 },
  { kind: 'reset' as const, rate: 0.01 },
  { kind: 'latency' as const, ms: 1500, rate: 0.02 },
];

let emu: RunningEmulator | undefined;
const work = mkdtempSync(path.join(tmpdir(), 'kit-rel-deploy-'));
afterAll(async () => {
  await emu?.close();
  rmSync(work, { recursive: true, force: true });
});

interface CliRun {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real CLI, configured only through SFMC_* variables, from a directory with no .env. */
function cli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', HOME: work, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: CliRun = { args, code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => {
    run.stdout += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    run.stderr += d;
  });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      run.code = code;
      resolve(run);
    }),
  );
}

describe('deploy under injected faults', () => {
  it('the example definitions deploy through 5xx, 429, resets, latency spikes and token expiry; the following plan is empty', async () => {
    const recorder = tokenRecorder();
    // Tokens live 60 s, and are also expired outright every 10 s: both refresh paths get exercised.
    emu = await startEmulator({
      port: 0,
      scheduleTickMs: 0,
      extraHandlers: [recorder.handler],
      tokenTtlSec: 60,
      faultSeed: 6,
    });
    const e = emu;
    const defs = path.join(work, 'definitions');
    mkdirSync(defs);
    cpSync(path.join(ROOT, 'definitions'), defs, { recursive: true });
    const env = {
      SFMC_AUTH_URL: e.urls.auth,
      SFMC_CLIENT_ID: e.credentials.clientId,
      SFMC_CLIENT_SECRET: e.credentials.clientSecret,
      SFMC_ACCOUNT_ID: e.credentials.accountId,
    };
    e.faults.set(FAULTS);
    let expiries = 0;
    const expiry = setInterval(() => {
      e.core.tokens.expireAll();
      expiries += 1;
    }, 10_000);
    const runs: CliRun[] = [];
    try {
      // Converges: a deploy that stops on an exhausted retry is run again, as an operator would.
      for (let i = 0; i < 5; i++) {
        const r = await cli(['deploy', '--dir', defs, '--yes'], env);
        runs.push(r);
        if (r.code === 0) break;
      }
      runs.push(await cli(['plan', '--dir', defs, '--out', path.join(work, 'plan.json'), '--json'], env));
    } finally {
      clearInterval(expiry);
      e.faults.clear();
    }
    const planRun = runs.at(-1)!;
    const deploys = runs.slice(0, -1);
    const plan = JSON.parse(readFileSync(path.join(work, 'plan.json'), 'utf8'));
    const changes = plan.changes;
    const secrets = {
      'SFMC client secret': e.credentials.clientSecret,
      ...Object.fromEntries([...recorder.tokens].map((t, i) => [`token ${i}`, t])),
    };
    const texts: Array<[string, string]> = [
      ...runs.flatMap((r, i): Array<[string, string]> => [
        [`${r.args[0]} ${i} stdout`, r.stdout],
        [`${r.args[0]} ${i} stderr`, r.stderr],
      ]),
      ...filesUnder(work).filter(([p]) => !p.startsWith(defs)),
    ];
    const leaks = findSecrets(texts, secrets);
    report(
      'deploy of the example definitions under faults',
      [
        `faults ${JSON.stringify(FAULTS)}, token TTL 60 s and expired every 10 s (${expiries} times)`,
        ...deploys.map(
          (r, i) =>
            `deploy ${i}: exit ${r.code}${r.code ? ` — ${r.stderr.trim().split('\n').slice(-2).join(' ')}` : ''}`,
        ),
        `plan afterwards (faults still on): exit ${planRun.code}, ${changes.length} changes`,
        `secret scan over ${runs.length * 2} output streams and the plan file for ${Object.keys(secrets).length} secrets/tokens: ${leaks.length ? leaks.join(', ') : 'clean'}`,
      ],
      changes.length === 0 && deploys.at(-1)?.code === 0 ? 'nothing' : `${changes.length} changes left`,
    );
    expect(deploys.at(-1)?.code, deploys.at(-1)?.stderr.slice(-800)).toBe(0);
    expect(planRun.code, planRun.stderr.slice(-800)).toBe(0);
    expect(Array.isArray(changes)).toBe(true);
    expect(changes).toEqual([]);
    expect(leaks).toEqual([]);
  });
});
