/**
 * `npm run bench`: every benchmark in its own node process (so peak RSS is per benchmark), then one table
 * of figures with the ceiling or baseline measured in the same run, and bench-results/latest.json.
 *   node scripts/bench.ts [--only sync,sync-api-100,sync-api-200,deploy,big-bu,validate,rows,query] [--quick] [--sync-rows 1000000]
 * --quick shrinks every size (a smoke run, not figures to quote): it writes bench-results/latest-quick.json
 * and leaves latest.json and the README alone. With --only, the benchmarks not run keep their rows from the
 * previous latest.json, each with the date and commit of the run that measured it. After a full-size run
 * the README's performance table is regenerated from latest.json (scripts/gen-perf-table.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineInfo } from './lib/machine.ts';
import { type LatestJson, type RecordedRow, replacePerfTable } from './lib/perf-table.ts';
import type { BenchFigure } from './lib/report.ts';
import { type ChildRun, runBenchChild } from './lib/spawn-bench.ts';
import { renderTable } from './lib/table.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'sync-rows': { type: 'string' },
  },
});
const quick = values.quick;
const here = import.meta.dirname;
const root = path.resolve(here, '..');
const LATENCY = '50';

interface Bench {
  id: string;
  script: string;
  args: string[];
  /** For scripts that print prose rather than BENCH_RESULT lines. */
  parse?: (run: ChildRun) => BenchFigure[];
}

const parseDeploy = (run: ChildRun): BenchFigure[] => {
  const out: BenchFigure[] = [];
  const n = /^(\d+) segments/m.exec(run.stdout)?.[1] ?? '?';
  for (const m of run.stdout.matchAll(
    /^(deploy from empty|no-op redeploy)\s+changes\s+(\d+)\s+calls\s+(\d+)\s+reads\s+(\d+)\s+writes\s+(\d+)\s+failed\s+(\d+)\s+([\d.]+) s/gm,
  )) {
    const [, label, changes, calls, reads, writes, failed, secs] = m;
    out.push({
      figure: `${label}, ${n} segments, ${LATENCY} ms/call`,
      value: Number(secs),
      unit: 's',
      against: {
        label: 'API calls (reads/writes)',
        value: Number(calls),
        unit: `calls (${reads}/${writes})`,
      },
      detail: {
        changes: Number(changes),
        calls: Number(calls),
        reads: Number(reads),
        writes: Number(writes),
        failed: Number(failed),
      },
    });
  }
  return out;
};

const parseValidate = (run: ChildRun): BenchFigure[] => {
  const m = /validate \+ compile of (\d+) segments: ([\d.]+) s \(ceiling ([\d.]+) s\) — exit (\d+)/.exec(
    run.stdout,
  );
  if (!m) return [];
  return [
    {
      figure: `validate + compile ${m[1]} segments (CLI process)`,
      value: Number(m[2]),
      unit: 's',
      against: { label: 'ceiling', value: Number(m[3]), unit: 's' },
      detail: { exit: Number(m[4]) },
    },
  ];
};

const syncRows = values['sync-rows'] ?? (quick ? '20000' : '1000000');
const benches: Bench[] = [
  {
    // The issue's example latency: on a 2-core machine the three processes saturate the CPU here.
    id: 'sync',
    script: 'bench-sync.ts',
    args: [
      '--rows',
      syncRows,
      '--latency',
      LATENCY,
      '--ceiling-rows',
      quick ? '10000' : '200000',
      '--baseline-rows',
      quick ? '200' : '2000',
    ],
  },
  // The same sync where the API, not this machine's CPU, is the bound: what the ceiling formula models.
  ...['100', '200'].map((latency) => ({
    id: `sync-api-${latency}`,
    script: 'bench-sync.ts',
    args: [
      '--rows',
      syncRows,
      '--latency',
      latency,
      '--ceiling-rows',
      quick ? '10000' : '100000',
      '--baseline-rows',
      '0',
    ],
  })),
  {
    id: 'deploy',
    script: 'bench-deploy.ts',
    args: ['--segments', quick ? '20' : '100', '--latency', LATENCY],
    parse: parseDeploy,
  },
  {
    // Plan and no-op deploy against a BU full of objects made by hand (#20 point 2).
    id: 'big-bu',
    script: 'bench-big-bu.ts',
    args: quick
      ? ['--latency', LATENCY, '--segments', '10', '--des', '500', '--queries', '150', '--automations', '50', '--filters', '25']
      : ['--latency', LATENCY],
  },
  { id: 'validate', script: 'bench-validate.ts', args: [quick ? '100' : '1000'], parse: parseValidate },
  {
    // The issue's round trip: 1,000,000 rows export → import into a fresh DE, verified, RSS per command.
    id: 'rows',
    script: 'bench-rows.ts',
    args: ['--rows', quick ? '20000' : '1000000', '--baseline-rows', quick ? '1000' : '10000'],
  },
  {
    id: 'query',
    script: 'bench-emulator-query.ts',
    args: quick ? ['--contacts', '20000', '--events', '200000'] : [],
  },
];
const only = values.only?.split(',');
const selected = only ? benches.filter((b) => only.includes(b.id)) : benches;

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
} catch {
  // Not a git checkout: the JSON simply says so.
}

const rows: RecordedRow[] = [];
const results: Array<Record<string, unknown>> = [];
for (const b of selected) {
  const at = new Date().toISOString();
  console.log(`▶ ${b.id}: node scripts/${b.script} ${b.args.join(' ')}`);
  const run = await runBenchChild(path.join(here, b.script), b.args);
  const figures = b.parse ? b.parse(run) : run.figures;
  if (run.code !== 0 || figures.length === 0) {
    console.log(
      `  ✗ ${b.id} exited ${run.code}${run.stderr ? `: ${run.stderr.trim().split('\n').slice(-5).join(' | ')}` : ''}`,
    );
  }
  for (const f of figures) {
    const byRole = f.rssRole ? run.processes.filter((p) => p.role === f.rssRole) : run.processes;
    const rssKb = f.rssKb ?? Math.max(0, ...byRole.map((p) => p.maxRssKb));
    rows.push({
      figure: f.figure,
      value: f.value,
      unit: f.unit,
      against: f.against,
      rssMb: rssKb ? Math.round(rssKb / 1024) : undefined,
      rssNote: f.rssRole,
      ...(f.note ? { note: f.note } : {}),
      bench: b.id,
      at,
      commit,
    });
  }
  results.push({
    id: b.id,
    at,
    commit,
    args: b.args,
    exit: run.code,
    seconds: run.seconds,
    figures,
    processes: run.processes,
  });
}

console.log(`\n${renderTable(rows)}`);
const machine = machineInfo();
console.log(
  `\nmachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}, node ${machine.node}`,
);

const outDir = path.join(root, 'bench-results');
mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, quick ? 'latest-quick.json' : 'latest.json');
// A partial run (--only) keeps the other benchmarks' rows from the last run, dated as they were measured.
let table: RecordedRow[] = rows;
let allResults = results;
if (only && existsSync(outFile)) {
  const previous = JSON.parse(readFileSync(outFile, 'utf8')) as LatestJson;
  const ran = new Set(selected.map((b) => b.id));
  const order = benches.map((b) => b.id);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  table = [...previous.table.filter((r) => !ran.has(r.bench)), ...rows].sort((a, b) => rank(a.bench) - rank(b.bench));
  allResults = [
    ...(previous.results as Array<Record<string, unknown>>).filter((r) => !ran.has(String(r.id))),
    ...results,
  ].sort((a, b) => rank(String(a.id)) - rank(String(b.id)));
}
const latest: LatestJson = { at: new Date().toISOString(), commit, quick, machine, table, results: allResults };
writeFileSync(outFile, `${JSON.stringify(latest, null, 2)}\n`);
console.log(`results: ${path.relative(root, outFile)}`);
if (!quick) {
  const readme = path.join(root, 'README.md');
  writeFileSync(readme, replacePerfTable(readFileSync(readme, 'utf8'), latest));
  console.log('README.md: performance table regenerated from it (scripts/gen-perf-table.ts)');
}
process.exitCode = results.every((r) => r.exit === 0) ? 0 : 1;
