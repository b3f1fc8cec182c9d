/**
 * Rows round trip: `sfmc-kit rows export` of N rows (default 1,000,000) from a DE of a standalone
 * emulator (this process) to a CSV file, then `sfmc-kit rows import` of that file into a fresh DE, then
 * an export of the new DE: the two exports must hold the same rows (a streamed multiset hash, order
 * aside). Each CLI run is its own process, so its peak RSS is its own (ceiling: 300 MB).
 * The baseline, in the same run: a naive loader sending the same rows in sequential 50-row synchronous
 * rowset upserts (what a hand-written script does), timed on `--baseline-rows` rows.
 *
 *   node scripts/bench-rows.ts [--rows 1000000] [--baseline-rows 20000] [--rss-ceiling-mb 300]
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createClient, type FieldInput, type Row } from '../src/client/index.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { emit, seconds } from './lib/report.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'baseline-rows': { type: 'string', default: '20000' },
    'rss-ceiling-mb': { type: 'string', default: '300' },
  },
});
const rows = Number(values.rows);
const baselineRows = Number(values['baseline-rows']);
const ceilingMb = Number(values['rss-ceiling-mb']);
const root = path.resolve(import.meta.dirname, '..');
// Peak RSS of each CLI process: the probe scripts/bench.ts preloads, or preloaded here when run alone.
const PROBE = path.join(import.meta.dirname, 'lib', 'rss-probe.ts');
const rssFile = process.env.BENCH_RSS_FILE ?? path.join(tmpdir(), `bench-rows-rss-${process.pid}.jsonl`);
const nodeOptions = process.env.NODE_OPTIONS?.includes('rss-probe')
  ? process.env.NODE_OPTIONS
  : `${process.env.NODE_OPTIONS ?? ''} --import=${PROBE}`.trim();

function peakRssMb(role: string): number {
  const lines = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n') : [];
  const kb = lines
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { role: string; maxRssKb: number })
    .filter((p) => p.role === role)
    .map((p) => p.maxRssKb);
  return Math.round(Math.max(0, ...kb) / 1024);
}

const FIELDS: FieldInput[] = [
  { name: 'SubscriberKey', type: 'Text', length: 36, isPrimaryKey: true, isRequired: true },
  { name: 'Email', type: 'EmailAddress' },
  { name: 'FirstName', type: 'Text', length: 40 },
  { name: 'City', type: 'Text', length: 60 },
  { name: 'Score', type: 'Number' },
  { name: 'Revenue', type: 'Decimal', length: 12, scale: 2 },
  { name: 'Optin', type: 'Boolean' },
  { name: 'Joined', type: 'Date' },
];
const CITIES = ['Lyon', 'Zürich', 'São Paulo', 'New York, NY', 'Köln', 'Osaka'];

function* sourceRows(n: number): Iterable<Row[]> {
  let chunk: Row[] = [];
  for (let i = 0; i < n; i++) {
    chunk.push({
      SubscriberKey: `sub-${String(i).padStart(8, '0')}`,
      Email: `person${i}@example.com`,
      FirstName: i % 97 === 0 ? `Name "${i}", quoted` : `First${i}`,
      City: CITIES[i % CITIES.length],
      Score: (i * 37) % 1000,
      Revenue: ((i * 13) % 100000) / 100,
      Optin: i % 2 === 0,
      Joined: `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')} 10:00:00`,
    });
    if (chunk.length === 10_000) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/** Runs the real CLI in `cwd` (whose .env points at the emulator); resolves with exit code and time. */
function cli(
  cwd: string,
  role: string,
  args: string[],
): Promise<{ code: number | null; seconds: number; out: string }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/sfmc-kit.js'), ...args], {
    cwd,
    env: { ...process.env, BENCH_ROLE: role, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: nodeOptions },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, seconds: seconds(t0), out })));
}

/** Header, row count, and an order-free hash of the data lines (sum of per-line SHA-1 prefixes). */
async function fingerprint(file: string) {
  let header = '';
  let count = 0;
  let sum = 0n;
  const mask = (1n << 64n) - 1n;
  // Records may span lines (quoted newlines do not occur in these rows: each line is a record).
  for await (const line of createInterface({ input: createReadStream(file, 'utf8') })) {
    if (!header) {
      header = line;
      continue;
    }
    count += 1;
    sum = (sum + createHash('sha1').update(line).digest().readBigUInt64BE(0)) & mask;
  }
  return { header, count, sum: sum.toString(16) };
}

async function main() {
  process.env.BENCH_ROLE = 'sfmc emulator';
  const emu = await startEmulator({ port: 0, scheduleTickMs: 0, salesforce: false, asyncDelayMs: 0 });
  const dir = mkdtempSync(path.join(tmpdir(), 'kit-bench-rows-'));
  try {
    const client = createClient({ authBaseUrl: emu.urls.auth, ...emu.credentials });
    for (const key of ['bench_src', 'bench_dst', 'bench_naive'])
      await client.dataExtensions.create({ key, name: key, fields: FIELDS });
    const t0 = performance.now();
    let seeded = 0;
    for (const chunk of sourceRows(rows)) seeded += emu.state.upsertRows('bench_src', chunk, true).length;
    console.log(`seeded ${seeded.toLocaleString('en')} rows into bench_src in ${seconds(t0).toFixed(1)} s`);
    writeFileSync(
      path.join(dir, '.env'),
      [
        `SFMC_AUTH_URL=${emu.urls.auth}`,
        `SFMC_CLIENT_ID=${emu.credentials.clientId}`,
        `SFMC_CLIENT_SECRET=${emu.credentials.clientSecret}`,
        `SFMC_ACCOUNT_ID=${emu.credentials.accountId}`,
        '',
      ].join('\n'),
    );
    const exported = path.join(dir, 'src.csv');
    const ex = await cli(dir, 'rows export', ['rows', 'export', 'bench_src', '--out', exported]);
    if (ex.code !== 0) throw new Error(`rows export exited ${ex.code}: ${ex.out.slice(-1500)}`);
    console.log(
      `rows export: ${ex.seconds.toFixed(1)} s, ${(statSync(exported).size / 1e6).toFixed(0)} MB CSV — ${ex.out.trim()}`,
    );
    const im = await cli(dir, 'rows import', ['rows', 'import', 'bench_dst', exported, '--json']);
    if (im.code !== 0) throw new Error(`rows import exited ${im.code}: ${im.out.slice(-1500)}`);
    const summary = JSON.parse(im.out) as { written: number; rejected: number; batches: number };
    console.log(
      `rows import: ${im.seconds.toFixed(1)} s, ${summary.written} written, ${summary.rejected} rejected, ${summary.batches} batches`,
    );
    const back = path.join(dir, 'dst.csv');
    const ex2 = await cli(dir, 'rows export (verify)', ['rows', 'export', 'bench_dst', '--out', back]);
    if (ex2.code !== 0) throw new Error(`verify export exited ${ex2.code}: ${ex2.out.slice(-1500)}`);
    const [a, b] = await Promise.all([fingerprint(exported), fingerprint(back)]);
    const unchanged = a.header === b.header && a.count === b.count && a.sum === b.sum && a.count === rows;
    console.log(
      `verify: source ${a.count} rows hash ${a.sum}, copy ${b.count} rows hash ${b.sum} → ${unchanged ? 'unchanged' : 'DIFFERENT'}`,
    );
    if (!unchanged) throw new Error('the round trip changed the rows');

    // Naive baseline: sequential 50-row synchronous rowset upserts of the same rows.
    let sent = 0;
    const tb = performance.now();
    for (const chunk of sourceRows(baselineRows)) {
      for (let i = 0; i < chunk.length; i += 50) {
        await client.rows.upsertSync('bench_naive', chunk.slice(i, i + 50), ['SubscriberKey']);
        sent += Math.min(50, chunk.length - i);
      }
    }
    const naive = sent / seconds(tb);
    const importRate = rows / im.seconds;
    console.log(
      `naive baseline (sequential 50-row rowsets): ${sent} rows at ${Math.round(naive)} rows/s → import is ${(importRate / naive).toFixed(1)}× faster`,
    );
    const rss = { export: peakRssMb('rows export'), import: peakRssMb('rows import') };
    console.log(
      `peak RSS: rows export ${rss.export} MB, rows import ${rss.import} MB (ceiling ${ceilingMb} MB)`,
    );
    if (rss.export > ceilingMb || rss.import > ceilingMb)
      throw new Error(`a rows command went over the ${ceilingMb} MB ceiling: ${JSON.stringify(rss)}`);
    emit([
      {
        figure: `rows import ${rows.toLocaleString('en')} rows from CSV (CLI process, whole command)`,
        value: Math.round(importRate),
        unit: 'rows/s',
        against: {
          label: `naive sequential 50-row rowsets (${sent} rows)`,
          value: Math.round(naive),
          unit: 'rows/s',
        },
        rssRole: 'rows import',
        detail: { seconds: im.seconds, ...summary, rssCeilingMb: ceilingMb },
      },
      {
        figure: `rows export ${rows.toLocaleString('en')} rows to CSV (CLI process, whole command)`,
        value: Math.round(rows / ex.seconds),
        unit: 'rows/s',
        against: { label: 'RSS ceiling', value: ceilingMb, unit: 'MB' },
        rssRole: 'rows export',
        detail: { seconds: ex.seconds, unchanged },
      },
    ]);
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
