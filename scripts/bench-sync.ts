/**
 * Sync benchmark: N leads in the emulated Salesforce org → a data extension in the emulated SFMC, every
 * call delayed by a fixed latency. The sync runs in its own process (so its peak RSS is its own, not the
 * emulator's); the same run measures a naive baseline (REST query + sequential 50-row synchronous rowsets)
 * on fewer rows, and computes the API-bound ceiling: rows per upsert call × concurrency ÷ latency.
 *   node scripts/bench-sync.ts [--rows 1000000] [--full (= 1,000,000)] [--latency 50] [--concurrency 4]
 *                              [--batch-rows 5000] [--bulk-page-size 50000] [--baseline-rows 2000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import jsforce from 'jsforce';
import { createClient } from '../src/client/index.ts';
import type { EmuHandler } from '../src/emulator/index.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { createFileCheckpointStore, createSfmcSink, runSync } from '../src/sync/index.ts';
import { LEAD_SYNC_FIELDS, leadRecords } from './lib/leads.ts';
import { emit, seconds } from './lib/report.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    full: { type: 'boolean', default: false },
    latency: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '4' },
    'batch-rows': { type: 'string', default: '5000' },
    'baseline-rows': { type: 'string', default: '2000' },
    'bulk-page-size': { type: 'string', default: '50000' },
    worker: { type: 'string' },
  },
});
const concurrency = Number(values.concurrency);
const batchRows = Number(values['batch-rows']);
const TARGET = 'bench_leads';
const BASELINE_TARGET = 'bench_leads_naive';

interface WorkerConfig {
  base: string;
  sfmc: { clientId: string; clientSecret: string; accountId: string };
  sf: { clientId: string; clientSecret: string; username: string; password: string };
  stateDir: string;
  baselineRows: number;
}

async function connect(cfg: WorkerConfig) {
  const conn = new jsforce.Connection({
    oauth2: { clientId: cfg.sf.clientId, clientSecret: cfg.sf.clientSecret, loginUrl: cfg.base },
    loginUrl: cfg.base,
    version: '62.0',
  });
  await conn.login(cfg.sf.username, cfg.sf.password);
  const client = createClient({ authBaseUrl: `${cfg.base}/`, ...cfg.sfmc, maxConcurrency: concurrency });
  return { conn, client };
}

/** The sync process: the real runSync over HTTP, then the naive baseline; prints one JSON line. */
async function worker(cfg: WorkerConfig) {
  const { conn, client } = await connect(cfg);
  let t0 = performance.now();
  const summary = await runSync({
    sync: {
      name: 'bench',
      object: 'Lead',
      fields: LEAD_SYNC_FIELDS,
      targetKey: TARGET,
      mode: 'full',
      deletes: 'ignore',
    },
    conn,
    target: createSfmcSink(client),
    checkpoint: createFileCheckpointStore(path.join(cfg.stateDir, 'checkpoints')),
    options: {
      full: true,
      concurrency,
      batchRows,
      bulkPollIntervalMs: 100,
      bulkPageSize: Number(values['bulk-page-size']),
    },
  });
  const syncSeconds = seconds(t0);
  const syncRss = process.resourceUsage().maxRSS;

  // Naive baseline: what a hand-written loop does — REST query pages, 50-row synchronous rowset calls, one at a time.
  await client.dataExtensions.create({
    key: BASELINE_TARGET,
    name: BASELINE_TARGET,
    fields: [
      { name: 'Id', type: 'Text', length: 18, isPrimaryKey: true, isRequired: true },
      { name: 'LastName', type: 'Text', length: 80 },
      { name: 'Email', type: 'EmailAddress' },
      { name: 'Status', type: 'Text', length: 40 },
    ],
  });
  t0 = performance.now();
  let sent = 0;
  if (cfg.baselineRows === 0) {
    console.log(
      JSON.stringify({
        summary: { ...summary, rejects: summary.rejects.length },
        syncSeconds,
        syncRss,
        sent,
        baselineSeconds: 0,
      }),
    );
    return;
  }
  let res = await conn.query<Record<string, unknown>>(
    `SELECT Id, LastName, Email, Status FROM Lead ORDER BY Id LIMIT ${cfg.baselineRows}`,
    { autoFetch: false },
  );
  for (;;) {
    const rows = res.records.map(({ attributes: _a, ...r }) => r as Record<string, string>);
    for (let i = 0; i < rows.length; i += 50) {
      await client.rows.upsertSync(BASELINE_TARGET, rows.slice(i, i + 50), ['Id']);
      sent += Math.min(50, rows.length - i);
    }
    if (res.done || !res.nextRecordsUrl) break;
    res = await conn.queryMore(res.nextRecordsUrl);
  }
  const baselineSeconds = seconds(t0);
  console.log(
    JSON.stringify({
      summary: { ...summary, rejects: summary.rejects.length },
      syncSeconds,
      syncRss,
      sent,
      baselineSeconds,
    }),
  );
}

if (values.worker) {
  process.env.BENCH_ROLE = 'sync';
  await worker(JSON.parse(values.worker) as WorkerConfig);
} else {
  process.env.BENCH_ROLE = 'emulator';
  const rows = values.full ? 1_000_000 : Number(values.rows);
  const latency = Number(values.latency);
  const baselineRows = Number(values['baseline-rows']);
  const calls = new Map<string, number>();
  const counter: EmuHandler = async (req) => {
    const kind = req.path.startsWith('/services/')
      ? 'salesforce'
      : req.path.includes('/async/') && req.method === 'GET'
        ? 'sfmc status'
        : req.path.includes('/rowset')
          ? 'sfmc rowset'
          : req.path.includes('/rows')
            ? 'sfmc upsert'
            : 'sfmc other';
    calls.set(kind, (calls.get(kind) ?? 0) + 1);
    return undefined;
  };
  const emu = await startEmulator({
    port: 0,
    scheduleTickMs: 0,
    faults: [{ kind: 'latency', ms: latency }],
    extraHandlers: [counter],
  });
  const stateDir = mkdtempSync(path.join(tmpdir(), 'kit-bench-sync-'));
  try {
    let t0 = performance.now();
    for (const chunk of leadRecords(rows)) emu.salesforce!.store.insert('Lead', chunk);
    console.log(
      `seeded ${rows.toLocaleString('en')} leads in ${seconds(t0).toFixed(1)} s; latency ${latency} ms per call`,
    );
    const cfg: WorkerConfig = {
      base: emu.urls.base,
      sfmc: {
        clientId: emu.credentials.clientId,
        clientSecret: emu.credentials.clientSecret,
        accountId: emu.credentials.accountId,
      },
      sf: emu.credentials.salesforce!,
      stateDir,
      baselineRows,
    };
    t0 = performance.now();
    const child = spawn(
      process.execPath,
      [
        import.meta.filename,
        '--worker',
        JSON.stringify(cfg),
        '--concurrency',
        String(concurrency),
        '--batch-rows',
        String(batchRows),
        '--bulk-page-size',
        String(values['bulk-page-size']),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    if (code !== 0) throw new Error(`sync worker exited ${code}: ${out.slice(-2000)}`);
    const r = JSON.parse(out.trim().split('\n').at(-1)!);
    const landed = (
      emu.state.db
        .prepare(`SELECT COUNT(*) AS n FROM "${emu.state.dataExtensions.get(TARGET)!.tableName}"`)
        .get() as { n: number }
    ).n;
    const rowsPerSec = rows / r.syncSeconds;
    const ceiling = (batchRows * concurrency) / (latency / 1000);
    const naive = r.sent / r.baselineSeconds;
    const callList = Object.fromEntries(calls);
    console.log(
      `sync ${rows.toLocaleString('en')} leads: ${r.syncSeconds.toFixed(1)} s, ${Math.round(rowsPerSec).toLocaleString('en')} rows/s, ${landed.toLocaleString('en')} rows in the DE, ${r.summary.batches} batches (${r.summary.method}), sync process peak RSS ${Math.round(r.syncRss / 1024)} MB`,
    );
    console.log(
      `  API-bound ceiling ${batchRows} rows/call × ${concurrency} ÷ ${latency} ms = ${Math.round(ceiling).toLocaleString('en')} rows/s → ${((rowsPerSec / ceiling) * 100).toFixed(1)}% of it`,
    );
    if (r.sent)
      console.log(
        `  naive baseline (REST query + sequential 50-row rowsets): ${r.sent} rows in ${r.baselineSeconds.toFixed(1)} s = ${Math.round(naive)} rows/s → sync is ${(rowsPerSec / naive).toFixed(1)}× faster`,
      );
    console.log(`  calls: ${JSON.stringify(callList)}`);
    if (landed !== rows) throw new Error(`only ${landed} of ${rows} rows reached the data extension`);
    emit([
      {
        figure: `sync ${rows.toLocaleString('en')} leads, ${batchRows}-row batches, ${latency} ms/call`,
        value: Math.round(rowsPerSec),
        unit: 'rows/s',
        against: {
          label: `API-bound ceiling (${batchRows}×${concurrency}÷${latency} ms)`,
          value: Math.round(ceiling),
          unit: 'rows/s',
        },
        rssRole: 'sync',
        detail: {
          seconds: r.syncSeconds,
          calls: callList,
          batches: r.summary.batches,
          method: r.summary.method,
          syncRssKb: r.syncRss,
          pctOfCeiling: rowsPerSec / ceiling,
        },
      },
      ...(r.sent
        ? [
            {
              figure: `sync ${rows.toLocaleString('en')} leads vs naive loop (on ${r.sent} rows)`,
              value: Math.round(rowsPerSec),
              unit: 'rows/s',
              against: { label: 'naive sequential rowsets', value: Math.round(naive), unit: 'rows/s' },
              rssRole: 'sync',
              detail: {
                baselineRows: r.sent,
                baselineSeconds: r.baselineSeconds,
                speedup: rowsPerSec / naive,
              },
            },
          ]
        : []),
    ]);
  } finally {
    await emu.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
