/**
 * Sync benchmark: N leads in an emulated Salesforce org → a data extension in an emulated SFMC, every
 * call taking a fixed latency (the emulator's own work done inside it) and SFMC serving at most
 * `--concurrency` calls at once (the emulator queues the rest). Three processes, so no one's CPU or peak RSS is another's: the SFMC emulator (this
 * one), the Salesforce org (`--role org`) and the sync (`--role sync`, the real runSync over HTTP).
 *
 * The ceiling is the formula, rows per call × allowed concurrency ÷ latency, with "per call"
 * counting every call the async rows API needs for a batch: the send and at least one status read (the
 * only way to learn which rows SFMC rejected). The same run also measures
 *   - the harness's own ceiling: prebuilt batches sent with nothing else to do (what the sync could
 *     reach at best on this machine), and
 *   - a naive baseline: REST query pages + sequential 50-row synchronous rowsets.
 *
 *   node scripts/bench-sync.ts [--rows 1000000] [--latency 50] [--concurrency 4] [--batch-rows 5000]
 *                              [--bulk-page-size 50000] [--ceiling-rows 200000] [--baseline-rows 2000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { batchRows, createClient, type Row } from '../src/client/index.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { connectSalesforce, createFileCheckpointStore, createSfmcSink, runSync } from '../src/sync/index.ts';
import { SYNC_NODE_FLAGS } from '../bin/sync-node-flags.js';
import { LEAD_SYNC_FIELDS, leadRecords } from './lib/leads.ts';
import { emit, seconds } from './lib/report.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    latency: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '4' },
    'batch-rows': { type: 'string', default: '5000' },
    'bulk-page-size': { type: 'string', default: '50000' },
    'ceiling-rows': { type: 'string', default: '200000' },
    'baseline-rows': { type: 'string', default: '2000' },
    role: { type: 'string' },
    config: { type: 'string' },
  },
});
const rows = Number(values.rows);
const latency = Number(values.latency);
const concurrency = Number(values.concurrency);
const batchSize = Number(values['batch-rows']);
const TARGET = 'bench_leads';
const CEILING_TARGET = 'bench_ceiling';
const BASELINE_TARGET = 'bench_leads_naive';
/** Calls the async rows API needs per batch: the send, then one status read. */
const CALLS_PER_BATCH = 2;

interface Endpoint {
  base: string;
}
interface SyncConfig {
  sfmc: Endpoint & { clientId: string; clientSecret: string; accountId: string };
  org: Endpoint & { clientId: string; clientSecret: string; username: string; password: string };
  stateDir: string;
}

const BENCH_FIELDS = [
  { name: 'Id', type: 'Text' as const, length: 18, isPrimaryKey: true, isRequired: true },
  { name: 'LastName', type: 'Text' as const, length: 80 },
  { name: 'Email', type: 'EmailAddress' as const },
  { name: 'Status', type: 'Text' as const, length: 40 },
];

/** `--role org`: the Salesforce org, seeded, answering with the same latency; prints its address. */
async function org(): Promise<void> {
  process.env.BENCH_ROLE = 'salesforce org';
  const emu = await startEmulator({
    port: 0,
    scheduleTickMs: 0,
    faults: [{ kind: 'latency', ms: latency, inclusive: true }],
  });
  const t0 = performance.now();
  for (const chunk of leadRecords(rows)) emu.salesforce!.store.insert('Lead', chunk);
  console.error(`org: seeded ${rows.toLocaleString('en')} leads in ${seconds(t0).toFixed(1)} s`);
  console.log(JSON.stringify({ base: emu.urls.base, ...emu.credentials.salesforce! }));
  // The parent ends this process; exit through 'exit' so the RSS probe records it.
  process.on('SIGTERM', () => void emu.close().then(() => process.exit(0)));
}

/** `--role sync`: the measured sync, then the harness ceiling and the naive baseline; one JSON line. */
async function syncWorker(cfg: SyncConfig): Promise<void> {
  process.env.BENCH_ROLE = 'sync';
  const { base, ...org } = cfg.org;
  const conn = await connectSalesforce({ loginUrl: base, auth: 'password', apiVersion: '62.0', ...org });
  // Every SFMC call the sync makes, by kind (retries included), read off the client's request log.
  const calls: Record<string, number> = {};
  const client = createClient(
    { authBaseUrl: `${cfg.sfmc.base}/`, ...cfg.sfmc, maxConcurrency: concurrency },
    {
      onRequest: (e) => {
        const kind = e.path.includes('/status') ? 'status' : e.path.includes('/async/') ? 'upsert' : 'other';
        calls[kind] = (calls[kind] ?? 0) + 1;
      },
    },
  );

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
      batchRows: batchSize,
      bulkPollIntervalMs: 100,
      bulkPageSize: Number(values['bulk-page-size']),
    },
  });
  const syncSeconds = seconds(t0);
  // Peak so far: the sync alone (the runs below would add their own prebuilt payloads).
  const syncRssKb = process.resourceUsage().maxRSS;
  const syncCalls = { ...calls };

  // Harness ceiling: the same calls with nothing else to do — batches prebuilt before the clock starts,
  // twice as many senders as call slots so no slot waits on a status read.
  const ceilingRows = Number(values['ceiling-rows']);
  let ceilingSeconds = 0;
  if (ceilingRows > 0) {
    await client.dataExtensions.create({ key: CEILING_TARGET, name: CEILING_TARGET, fields: BENCH_FIELDS });
    const all: Row[] = Array.from({ length: ceilingRows }, (_, i) => ({
      Id: `00Q${String(i).padStart(15, '0')}`,
      LastName: `L${i}`,
      Email: `lead${i}@example.com`,
      Status: 'Open - Not Contacted',
    }));
    const batches = batchRows(all, batchSize, 4_000_000);
    t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency * 2 }, async () => {
        while (next < batches.length) await client.rows.upsert(CEILING_TARGET, batches[next++]);
      }),
    );
    ceilingSeconds = seconds(t0);
  }

  // Naive baseline: what a hand-written loop does — REST query pages, 50-row synchronous rowsets, one at a time.
  const baselineRows = Number(values['baseline-rows']);
  let sent = 0;
  let baselineSeconds = 0;
  if (baselineRows > 0) {
    await client.dataExtensions.create({ key: BASELINE_TARGET, name: BASELINE_TARGET, fields: BENCH_FIELDS });
    t0 = performance.now();
    let res = await conn.query<Record<string, unknown>>(
      `SELECT Id, LastName, Email, Status FROM Lead ORDER BY Id LIMIT ${baselineRows}`,
      { autoFetch: false },
    );
    for (;;) {
      const page = res.records.map(({ attributes: _a, ...r }) => r as Record<string, string>);
      for (let i = 0; i < page.length; i += 50) {
        await client.rows.upsertSync(BASELINE_TARGET, page.slice(i, i + 50), ['Id']);
        sent += Math.min(50, page.length - i);
      }
      if (res.done || !res.nextRecordsUrl) break;
      res = await conn.queryMore(res.nextRecordsUrl);
    }
    baselineSeconds = seconds(t0);
  }
  console.log(
    JSON.stringify({
      summary: { ...summary, rejects: summary.rejects.length },
      syncSeconds,
      syncRssKb,
      syncCalls,
      ceilingRows,
      ceilingSeconds,
      sent,
      baselineSeconds,
    }),
  );
}

/** Runs `--role …` of this script as a child; resolves with its stdout lines as they come. */
function child(role: string, extra: string[] = []) {
  const proc = spawn(
    process.execPath,
    [
      // The sync runs under the Node flags `sfmc-kit sync` starts with, so its RSS is what a user's run has.
      ...(role === 'sync' ? SYNC_NODE_FLAGS : []),
      import.meta.filename,
      '--role',
      role,
      ...['--rows', values.rows!, '--latency', values.latency!, '--concurrency', values.concurrency!],
      ...['--batch-rows', values['batch-rows']!, '--bulk-page-size', values['bulk-page-size']!],
      ...['--ceiling-rows', values['ceiling-rows']!, '--baseline-rows', values['baseline-rows']!],
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((r) => proc.on('close', r));
  return { proc, lines, exited };
}

async function main(): Promise<void> {
  process.env.BENCH_ROLE = 'sfmc emulator';
  const sfmc = await startEmulator({
    port: 0,
    scheduleTickMs: 0,
    salesforce: false,
    // Processing starts as soon as a write is answered; the status call's own latency is its wait.
    asyncDelayMs: 0,
    faults: [
      { kind: 'concurrency', max: concurrency },
      { kind: 'latency', ms: latency, inclusive: true },
    ],
  });
  const stateDir = mkdtempSync(path.join(tmpdir(), 'kit-bench-sync-'));
  const orgProc = child('org');
  try {
    const ready = await orgProc.lines.next();
    if (ready.done) throw new Error(`the Salesforce org exited ${await orgProc.exited} before it was ready`);
    const orgInfo = JSON.parse(ready.value);
    const cfg: SyncConfig = {
      sfmc: { base: sfmc.urls.base, ...sfmc.credentials },
      org: orgInfo,
      stateDir,
    };
    const worker = child('sync', ['--config', JSON.stringify(cfg)]);
    const out: string[] = [];
    for await (const line of { [Symbol.asyncIterator]: () => worker.lines }) out.push(line);
    const code = await worker.exited;
    if (code !== 0) throw new Error(`sync worker exited ${code}: ${out.join('\n').slice(-2000)}`);
    const r = JSON.parse(out.at(-1)!);
    report(r, sfmc.state);
  } finally {
    orgProc.proc.kill('SIGTERM');
    await orgProc.exited;
    await sfmc.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

function report(r: Record<string, any>, state: Awaited<ReturnType<typeof startEmulator>>['state']) {
  const count = (key: string) =>
    (
      state.db.prepare(`SELECT COUNT(*) AS n FROM "${state.dataExtensions.get(key)!.tableName}"`).get() as {
        n: number;
      }
    ).n;
  const landed = count(TARGET);
  const rowsPerSec = rows / r.syncSeconds;
  const rowsPerCall = batchSize / CALLS_PER_BATCH;
  const ceiling = (rowsPerCall * concurrency) / (latency / 1000);
  const harness = r.ceilingSeconds ? r.ceilingRows / r.ceilingSeconds : 0;
  const naive = r.baselineSeconds ? r.sent / r.baselineSeconds : 0;
  const pct = (x: number) => `${((rowsPerSec / x) * 100).toFixed(1)}%`;
  const rssMb = Math.round(r.syncRssKb / 1024);
  const syncCalls = r.syncCalls as Record<string, number>;
  const batches = r.summary.batches as number;
  console.log(
    `sync ${rows.toLocaleString('en')} leads: ${r.syncSeconds.toFixed(2)} s, ${Math.round(rowsPerSec).toLocaleString('en')} rows/s, ${landed.toLocaleString('en')} rows in the DE, ${batches} batches (${r.summary.method}), sync process peak RSS ${rssMb} MB`,
  );
  console.log(
    `  API-bound ceiling: ${batchSize} rows per batch ÷ ${CALLS_PER_BATCH} calls (send + status) × ${concurrency} ÷ ${latency} ms = ${Math.round(ceiling).toLocaleString('en')} rows/s → ${pct(ceiling)} of it`,
  );
  if (harness)
    console.log(
      `  harness ceiling (prebuilt batches, nothing else to do): ${Math.round(harness).toLocaleString('en')} rows/s → ${pct(harness)} of it`,
    );
  if (naive)
    console.log(
      `  naive baseline (REST query + sequential 50-row rowsets): ${r.sent} rows in ${r.baselineSeconds.toFixed(1)} s = ${Math.round(naive)} rows/s → sync is ${(rowsPerSec / naive).toFixed(1)}× faster`,
    );
  console.log(`  SFMC calls the sync made: ${JSON.stringify(syncCalls)}`);
  if (landed !== rows) throw new Error(`only ${landed} of ${rows} rows reached the data extension`);
  emit([
    {
      figure: `sync ${rows.toLocaleString('en')} leads, ${batchSize}-row batches, ${latency} ms/call, ${concurrency} calls at once`,
      value: Math.round(rowsPerSec),
      unit: 'rows/s',
      against: {
        label: `API-bound ceiling (${batchSize}÷${CALLS_PER_BATCH}×${concurrency}÷${latency} ms)`,
        value: Math.round(ceiling),
        unit: 'rows/s',
      },
      rssRole: 'sync',
      rssKb: r.syncRssKb,
      detail: {
        seconds: r.syncSeconds,
        batches,
        method: r.summary.method,
        syncRssKb: r.syncRssKb,
        pctOfCeiling: rowsPerSec / ceiling,
        harnessCeiling: Math.round(harness),
        pctOfHarnessCeiling: harness ? rowsPerSec / harness : undefined,
        calls: syncCalls,
      },
    },
    ...(naive
      ? [
          {
            figure: `sync ${rows.toLocaleString('en')} leads vs naive loop (on ${r.sent} rows)`,
            value: Math.round(rowsPerSec),
            unit: 'rows/s',
            against: { label: 'naive sequential rowsets', value: Math.round(naive), unit: 'rows/s' },
            rssRole: 'sync',
            rssKb: r.syncRssKb,
            detail: { baselineRows: r.sent, baselineSeconds: r.baselineSeconds, speedup: rowsPerSec / naive },
          },
        ]
      : []),
  ]);
}

if (values.role === 'org') await org();
else if (values.role === 'sync') await syncWorker(JSON.parse(values.config!) as SyncConfig);
else await main();
