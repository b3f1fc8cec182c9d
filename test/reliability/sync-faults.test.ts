import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsforce from 'jsforce';
import { afterAll, describe, expect, it } from 'vitest';
import { LEAD_SYNC_FIELDS, leadRecords } from '../../scripts/lib/leads.ts';
import { createClient } from '../../src/client/index.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import {
  createFileCheckpointStore,
  createSfmcSink,
  runSync,
  type SyncSummary,
} from '../../src/sync/index.ts';
import { report } from './campaign.ts';
import { compareLeads, describeLoss, lostNothing } from './compare.ts';
import { filesUnder, findSecrets, tokenRecorder } from './secrets.ts';

const ROWS = Number(process.env.RELIABILITY_SYNC_ROWS ?? 200_000);
// Far more often than the 60 s of the bar: the run takes seconds, and must still cross several expiries.
const EXPIRY_MS = Number(process.env.RELIABILITY_TOKEN_EXPIRY_MS ?? 2_000);
const FAULTS = [
  { kind: 'status' as const, status: 500, rate: 0.025 },
  { kind: 'status' as const, status: 503, rate: 0.025 },
  { kind: 'status' as const, status: 429, rate: 0.05, retryAfter: 1 },
  { kind: 'reset' as const, rate: 0.01 },
  { kind: 'latency' as const, ms: 400, rate: 0.02 },
];

let emu: RunningEmulator | undefined;
const dir = mkdtempSync(path.join(tmpdir(), 'kit-rel-sync-'));
afterAll(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sync under injected faults', () => {
  it(`copies ${ROWS.toLocaleString('en')} leads through 5xx, 429, resets, latency spikes and token expiry with every row equal to the source`, async () => {
    const recorder = tokenRecorder();
    emu = await startEmulator({
      port: 0,
      scheduleTickMs: 0,
      extraHandlers: [recorder.handler],
      faultSeed: 8,
    });
    const e = emu;
    for (const chunk of leadRecords(ROWS)) e.salesforce!.store.insert('Lead', chunk);
    const sf = e.credentials.salesforce!;
    const conn = new jsforce.Connection({
      oauth2: { clientId: sf.clientId, clientSecret: sf.clientSecret, loginUrl: e.urls.base },
      loginUrl: e.urls.base,
      version: '62.0',
    });
    await conn.login(sf.username, sf.password);
    const client = createClient({ authBaseUrl: e.urls.auth, ...e.credentials });
    const counts = { requests: 0, faulted: 0, expiries: 0 };
    e.faults.set(FAULTS);
    const expiry = setInterval(() => {
      e.salesforce!.expireTokens();
      e.core.tokens.expireAll();
      counts.expiries += 1;
    }, EXPIRY_MS);

    const attempts: Array<{ ok: boolean; error?: string; summary?: SyncSummary }> = [];
    const logs: string[] = [];
    try {
      // A failed run is retried the way a user (or a scheduler) would: run again, resuming from the checkpoint.
      for (let i = 0; i < 5; i++) {
        try {
          const summary = await runSync({
            sync: {
              name: 'leads',
              object: 'Lead',
              fields: LEAD_SYNC_FIELDS,
              targetKey: 'rel_leads',
              mode: 'incremental',
              deletes: 'flag',
            },
            conn,
            target: createSfmcSink(client),
            checkpoint: createFileCheckpointStore(path.join(dir, 'checkpoints')),
            options: {
              batchRows: 2000,
              concurrency: 4,
              bulkPollIntervalMs: 100,
              bulkPageSize: 10_000,
              rejectsFile: path.join(dir, 'rejects', 'leads.jsonl'),
              onProgress: (p) => logs.push(JSON.stringify(p)),
            },
          });
          attempts.push({ ok: true, summary });
          break;
        } catch (err) {
          attempts.push({ ok: false, error: String((err as Error).message).slice(0, 300) });
          logs.push(String((err as Error).stack));
        }
      }
    } finally {
      clearInterval(expiry);
      e.faults.clear();
    }
    const diff = compareLeads(e, 'rel_leads');
    const secrets = {
      'SFMC client secret': e.credentials.clientSecret,
      'SF client secret': sf.clientSecret,
      'SF password': sf.password,
      ...Object.fromEntries([...recorder.tokens].map((t, i) => [`token ${i}`, t])),
    };
    const leaks = findSecrets([['progress and error log', logs.join('\n')], ...filesUnder(dir)], secrets);
    report(
      `sync ${ROWS.toLocaleString('en')} leads under faults`,
      [
        `faults ${JSON.stringify(FAULTS)}, tokens expired every ${EXPIRY_MS / 1000} s (${counts.expiries} times)`,
        `${attempts.length} run(s): ${attempts.map((a) => (a.ok ? `ok (resumed ${a.summary?.resumed}, upserted ${a.summary?.upserted}, rejected ${a.summary?.rejected})` : `failed: ${a.error}`)).join(' | ')}`,
        `secret scan over logs and ${filesUnder(dir).length} files for ${Object.keys(secrets).length} secrets/tokens: ${leaks.length ? leaks.join(', ') : 'clean'}`,
      ],
      lostNothing(diff) ? 'nothing' : describeLoss(diff),
    );
    expect(attempts.at(-1)?.ok, attempts.map((a) => a.error).join(' | ')).toBe(true);
    expect(lostNothing(diff), describeLoss(diff)).toBe(true);
    expect(diff.sourceCount).toBe(ROWS);
    expect(leaks).toEqual([]);
    // The expiries happened mid-run and were recovered from: each one forced new tokens into use.
    expect(counts.expiries).toBeGreaterThanOrEqual(2);
    expect(recorder.tokens.size).toBeGreaterThanOrEqual(2 + counts.expiries);
    // Every attempt after the first must have resumed rather than started over.
    expect(attempts.slice(1).every((a) => !a.ok || a.summary?.resumed)).toBe(true);
  });
});
