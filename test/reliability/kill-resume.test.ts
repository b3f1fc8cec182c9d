import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leadRecords } from '../../scripts/lib/leads.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { report } from './campaign.ts';
import { compareLeads, describeLoss, lostNothing } from './compare.ts';
import { filesUnder, findSecrets, tokenRecorder } from './secrets.ts';
import type { ChildConfig } from './sync-child.ts';

const ROWS = Number(process.env.RELIABILITY_KILL_ROWS ?? 100_000);
const KILLS = 3;
const CHILD = path.join(import.meta.dirname, 'sync-child.ts');

let emu: RunningEmulator | undefined;
const dir = mkdtempSync(path.join(tmpdir(), 'kit-rel-kill-'));
afterAll(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface ChildRun {
  killedAt?: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the sync child; with `killAfterBatches`, SIGKILLs it once that many batch commits were reported. */
function runChild(cfg: ChildConfig, killAfterBatches?: number): Promise<ChildRun> {
  const child = spawn(process.execPath, [CHILD, JSON.stringify(cfg)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: ChildRun = { code: null, signal: null, stdout: '', stderr: '' };
  let batches = 0;
  child.stdout.on('data', (d: Buffer) => {
    run.stdout += d;
    batches += (String(d).match(/^progress upsert/gm) ?? []).length;
    if (killAfterBatches !== undefined && batches >= killAfterBatches && run.killedAt === undefined) {
      run.killedAt = batches;
      child.kill('SIGKILL');
    }
  });
  child.stderr.on('data', (d: Buffer) => {
    run.stderr += d;
  });
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      run.code = code;
      run.signal = signal;
      resolve(run);
    }),
  );
}

describe('SIGKILL and resume', () => {
  it(`a sync of ${ROWS.toLocaleString('en')} leads killed ${KILLS} times at random batches, then resumed, ends equal to the source`, async () => {
    const recorder = tokenRecorder();
    emu = await startEmulator({
      port: 0,
      scheduleTickMs: 0,
      extraHandlers: [recorder.handler],
      faults: [{ kind: 'latency', ms: 5 }],
    });
    for (const chunk of leadRecords(ROWS)) emu.salesforce!.store.insert('Lead', chunk);
    const cfg: ChildConfig = {
      base: emu.urls.base,
      sfmc: {
        clientId: emu.credentials.clientId,
        clientSecret: emu.credentials.clientSecret,
        accountId: emu.credentials.accountId,
      },
      sf: emu.credentials.salesforce!,
      stateDir: dir,
      targetKey: 'rel_kill_leads',
      batchRows: 1000,
    };
    const batchesTotal = Math.ceil(ROWS / cfg.batchRows);
    const runs: ChildRun[] = [];
    for (let k = 0; k < KILLS; k++) {
      // Progress lines count commits; a kill lands between any two of them, in-flight batches included.
      const at = 1 + Math.floor(Math.random() * Math.floor(batchesTotal / (KILLS + 1)));
      runs.push(await runChild(cfg, at));
    }
    const last = await runChild(cfg);
    runs.push(last);
    const summary = JSON.parse(/^summary (.*)$/m.exec(last.stdout)?.[1] ?? '{}');
    const diff = compareLeads(emu, 'rel_kill_leads');
    const secrets = {
      'SFMC client secret': emu.credentials.clientSecret,
      'SF client secret': cfg.sf.clientSecret,
      'SF password': cfg.sf.password,
      ...Object.fromEntries([...recorder.tokens].map((t, i) => [`token ${i}`, t])),
    };
    const leaks = findSecrets(
      [
        ...runs.flatMap((r, i): Array<[string, string]> => [
          [`run ${i} stdout`, r.stdout],
          [`run ${i} stderr`, r.stderr],
        ]),
        ...filesUnder(dir),
      ],
      secrets,
    );
    report(
      `SIGKILL and resume, ${ROWS.toLocaleString('en')} leads in ${batchesTotal} batches`,
      [
        ...runs.map((r, i) =>
          r.signal
            ? `run ${i}: SIGKILL after ${r.killedAt} committed batches`
            : `run ${i}: exit ${r.code}, resumed ${summary.resumed}, upserted ${summary.upserted} (${summary.upserted - ROWS} rows sent again after kills)`,
        ),
        `secret scan over ${runs.length * 2} output streams and ${filesUnder(dir).length} files: ${leaks.length ? leaks.join(', ') : 'clean'}`,
      ],
      lostNothing(diff) ? 'nothing' : describeLoss(diff),
    );
    expect(runs.slice(0, KILLS).every((r) => r.signal === 'SIGKILL')).toBe(true);
    expect(last.code, last.stderr.slice(-1000)).toBe(0);
    expect(summary.resumed).toBe(true);
    // Batches in flight at a kill are sent again on resume (at-least-once; upserts by Id make that harmless),
    // so the run's upsert count may exceed the source; the data extension must still hold each row once.
    expect(summary.upserted).toBeGreaterThanOrEqual(ROWS);
    expect(lostNothing(diff), describeLoss(diff)).toBe(true);
    expect(diff.targetCount).toBe(ROWS);
    expect(leaks).toEqual([]);
  });
});
