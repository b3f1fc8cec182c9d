/**
 * Plan and no-op deploy against a big business unit (issue #20 point 2), over real HTTP with a fixed
 * latency per call. The emulator holds objects made by hand — data extensions with fields, query
 * activities, automations, filter definitions, none with the kit's key prefix or in its folders — seeded
 * straight into its state (the API would take hours at 50 ms a call), plus managed segments deployed
 * through the kit. Then, each in its own `sfmc-kit` CLI process (so the peak RSS is the command's own):
 *   1. `plan` against a BU holding only the managed segments (the baseline, same run);
 *   2. the hand-made objects are seeded; `plan` again (the figure);
 *   3. `deploy --yes` (a no-op: must write nothing).
 * Calls are counted on the emulator side, by kind (SOAP action + object type, REST method + route).
 *   node scripts/bench-big-bu.ts [--latency 50] [--segments 100] [--des 10000] [--fields 6]
 *     [--queries 3000] [--automations 1000] [--filters 500]
 * Bounds it reports against: plan < 15 s, < 300 MB, and no read that grows with the hand-made objects one
 * by one (calls may grow with pages of listings only).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyPlan, planDeployment } from '../src/deploy/index.ts';
import { openSession } from '../src/deploy/session.ts';
import { type EmuRequest, startEmulator } from '../src/emulator/index.ts';
import type { AutomationData } from '../src/emulator/run/runner.ts';
import type { FilterDefinitionData } from '../src/emulator/run/filter-run.ts';
import type { QueryData } from '../src/emulator/run/query-run.ts';
import { type BenchFigure, emit } from './lib/report.ts';

const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '50' },
    segments: { type: 'string', default: '100' },
    des: { type: 'string', default: '10000' },
    fields: { type: 'string', default: '6' },
    queries: { type: 'string', default: '3000' },
    automations: { type: 'string', default: '1000' },
    filters: { type: 'string', default: '500' },
  },
});
const n = {
  latency: Number(values.latency),
  segments: Number(values.segments),
  des: Number(values.des),
  fields: Number(values.fields),
  queries: Number(values.queries),
  automations: Number(values.automations),
  filters: Number(values.filters),
};
const BOUNDS = { planSeconds: 15, planRssMb: 300 };
const root = join(import.meta.dirname, '..');
const CLI = join(root, 'src/cli/main.ts');
const PROBE = join(import.meta.dirname, 'lib/rss-probe.ts');

// The definitions project: n managed segments over one audience DE (as scripts/bench-deploy.ts).
const dir = mkdtempSync(join(tmpdir(), 'kit-bigbu-'));
mkdirSync(join(dir, 'data-extensions'));
mkdirSync(join(dir, 'segments'));
writeFileSync(join(dir, 'sfmc-kit.yaml'), 'name: BigBu\nkeyPrefix: b_\n');
writeFileSync(
  join(dir, 'data-extensions/Customers.yaml'),
  'name: Customers\nfields:\n  - { name: SubscriberKey, type: Text, length: 36, primaryKey: true }\n  - { name: EmailAddress, type: EmailAddress }\n  - { name: Score, type: Number }\n  - { name: Country, type: Text, length: 2 }\n',
);
for (let i = 0; i < n.segments; i++) {
  const schedule = i % 2 ? 'schedule: { frequency: daily, time: "06:00" }\n' : '';
  writeFileSync(
    join(dir, `segments/s${i}.yaml`),
    `name: s${i}\nmembership: ${i % 2 ? 'dynamic' : 'static'}\n${schedule}audience: Customers\nrules:\n  all:\n    - attribute: { field: Score, gte: ${i} }\n`,
  );
}

// Every request the emulator serves, by kind. A handler placed first that answers nothing only looks.
let calls = new Map<string, number>();
let window: { first: number; last: number } | undefined;
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b\d+\b|[A-Za-z0-9_-]{30,}/g;
const kindOf = (req: EmuRequest): string => {
  const action = req.headers.soapaction?.replace(/"/g, '');
  if (action || req.path.endsWith('.asmx')) {
    const type = /<(?:\w+:)?ObjectType>([^<]+)</.exec(req.body)?.[1] ?? /xsi:type="([^"]+)"/.exec(req.body)?.[1];
    return `SOAP ${action ?? '?'}${type ? ` ${type}` : ''}`;
  }
  return `${req.method} ${req.path.replace(ID, ':id')}`;
};
const count = (req: EmuRequest) => {
  const k = kindOf(req);
  calls.set(k, (calls.get(k) ?? 0) + 1);
  const t = performance.now();
  window = { first: window?.first ?? t, last: t };
  return undefined;
};
const isWrite = (kind: string) =>
  kind.startsWith('SOAP ')
    ? !/^SOAP (Retrieve|Describe)\b/.test(kind)
    : !kind.startsWith('GET ') && !kind.includes('/v2/token');
const takeCalls = () => {
  const byKind = Object.fromEntries([...calls].sort((a, b) => b[1] - a[1]));
  // From the first request's arrival to the last one's (+ its latency): the command's time on the API.
  const apiSeconds = window ? (window.last - window.first + n.latency) / 1000 : 0;
  calls = new Map();
  window = undefined;
  const total = Object.values(byKind).reduce((s, v) => s + v, 0);
  const writes = Object.entries(byKind)
    .filter(([k]) => isWrite(k))
    .reduce((s, [, v]) => s + v, 0);
  return { total, reads: total - writes, writes, byKind, apiSeconds };
};

const emu = await startEmulator({
  port: 0,
  faults: [{ kind: 'latency', ms: n.latency }],
  extraHandlers: [count],
  salesforce: false,
  scheduleTickMs: 0,
});

/** Runs one CLI command in its own node; its time, exit code and peak RSS. */
function cli(
  args: string[],
): Promise<{ seconds: number; cpuSeconds: number; code: number | null; rssMb: number; out: string }> {
  const rssFile = join(tmpdir(), `bigbu-rss-${process.pid}-${Date.now()}.jsonl`);
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, ...args, '--dir', dir], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      SFMC_AUTH_URL: emu.urls.auth,
      SFMC_CLIENT_ID: emu.credentials.clientId,
      SFMC_CLIENT_SECRET: emu.credentials.clientSecret,
      ...(emu.credentials.accountId ? { SFMC_ACCOUNT_ID: emu.credentials.accountId } : {}),
      BENCH_RSS_FILE: rssFile,
      BENCH_ROLE: 'cli',
      NODE_OPTIONS: `--import=${PROBE}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (out += d));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      let rssKb = 0;
      let cpuMs = 0;
      try {
        for (const l of readFileSync(rssFile, 'utf8').trim().split('\n')) {
          const p = JSON.parse(l) as { maxRssKb: number; cpuMs?: number };
          rssKb = Math.max(rssKb, p.maxRssKb);
          cpuMs += p.cpuMs ?? 0;
        }
        rmSync(rssFile, { force: true });
      } catch {
        // The process died before its exit hook: RSS unknown (0).
      }
      resolve({ seconds, cpuSeconds: cpuMs / 1000, code, rssMb: Math.round(rssKb / 1024), out });
    });
  });
}

/** The hand-made objects, written into the emulator's state in one transaction. */
function seedUnmanaged() {
  const s = emu.state;
  const rootOf = (ct: string) => s.folders.rootOf(ct)!.id;
  const now = new Date().toISOString();
  const deRoot = rootOf('dataextension');
  s.db.exec('BEGIN');
  try {
    // The DEs go into the catalogue (emu_data_extensions + emu_fields) with one prepared insert each:
    // creating 10,000 row tables through the store's DDL path grows slower with every table (SQLite's
    // schema). Their row tables are not created — plan and deploy never read an unmanaged DE's rows.
    const des: Array<{ key: string; name: string; objectId: string }> = [];
    const insertDe = s.db.prepare(
      'INSERT INTO emu_data_extensions (object_id, customer_key, name, description, category_id, is_sendable, is_testable, sendable_field, table_name, created, modified) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
    );
    const insertField = s.db.prepare(
      'INSERT INTO emu_fields (object_id, de_object_id, name, field_type, max_length, scale, is_required, is_primary_key, default_value, ordinal) VALUES (?,?,?,?,?,?,?,?,?,?)',
    );
    const created = s.nowText();
    for (let i = 0; i < n.des; i++) {
      const key = `hand_de_${i}`;
      const objectId = crypto.randomUUID();
      const name = `Hand DE ${i}`;
      insertDe.run(objectId, key, name, '', deRoot, 0, 0, null, `de_${objectId.replace(/-/g, '')}`, created, created);
      insertField.run(crypto.randomUUID(), objectId, 'Id', 'Text', 50, 0, 1, 1, null, 0);
      for (let f = 0; f < n.fields - 1; f++) {
        const type = f % 3 === 0 ? 'Number' : f % 3 === 1 ? 'Date' : 'Text';
        insertField.run(crypto.randomUUID(), objectId, `Field${f}`, type, type === 'Text' ? 100 : null, 0, 0, 0, null, f + 1);
      }
      des.push({ key, name, objectId });
    }
    const queryIds: string[] = [];
    for (let i = 0; i < n.queries; i++) {
      const source = des[i % des.length];
      const target = des[(i + 1) % des.length];
      const objectId = crypto.randomUUID();
      queryIds.push(objectId);
      s.objects.put<QueryData>('query', {
        objectId,
        customerKey: `hand_q_${i}`,
        name: `Hand query ${i}`,
        data: {
          queryText: `SELECT Id FROM [${source.name}] WHERE Field0 > ${i}`,
          targetKey: target.key,
          targetUpdateTypeId: 0,
          description: '',
          categoryId: rootOf('queryactivity'),
          createdDate: now,
          modifiedDate: now,
        },
      });
    }
    for (let i = 0; i < n.automations; i++) {
      const q1 = queryIds[(i * 3) % queryIds.length];
      const q2 = queryIds[(i * 3 + 1) % queryIds.length];
      const activity = (id: string, order: number) => ({
        id: crypto.randomUUID(),
        name: `activity ${order}`,
        objectTypeId: 300,
        activityObjectId: id,
        displayOrder: order,
      });
      s.objects.put<AutomationData>('automation', {
        objectId: crypto.randomUUID(),
        customerKey: `hand_auto_${i}`,
        name: `Hand automation ${i}`,
        data: {
          description: '',
          categoryId: rootOf('automations'),
          legacyId: Buffer.from(crypto.randomUUID()).toString('base64url').slice(0, 40),
          statusId: 2,
          createdDate: now,
          lastSavedDate: now,
          steps: [
            { id: crypto.randomUUID(), name: 'Step 1', stepNumber: 1, activities: [activity(q1, 1)] },
            { id: crypto.randomUUID(), name: 'Step 2', stepNumber: 2, activities: [activity(q2, 1)] },
          ],
        },
      });
    }
    for (let i = 0; i < n.filters; i++) {
      const source = des[i % des.length];
      s.objects.put<FilterDefinitionData>('filterDefinition', {
        objectId: crypto.randomUUID(),
        customerKey: `hand_fd_${i}`,
        name: `Hand filter ${i}`,
        data: {
          description: '',
          categoryId: rootOf('filterdefinition'),
          derivedFromType: 2,
          derivedFromObjectId: source.objectId,
          filterDefinitionXml: `<FilterDefinition><ConditionSet Operator="AND" ConditionSetName="Grouping"><Condition Key="Field0" Operator="GreaterThan"><Value><![CDATA[${i}]]></Value></Condition></ConditionSet></FilterDefinition>`,
          createdDate: now,
          lastUpdated: now,
        },
      });
    }
    s.db.exec('COMMIT');
  } catch (e) {
    s.db.exec('ROLLBACK');
    throw e;
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
const figures: BenchFigure[] = [];
try {
  console.log(
    `${n.segments} managed segments; hand-made: ${n.des} DEs × ${n.fields} fields, ${n.queries} queries, ${n.automations} automations, ${n.filters} filter definitions; ${n.latency} ms a call`,
  );
  // Deploy the managed segments in-process (setup, not measured).
  let t0 = performance.now();
  const s = await openSession({ dir, sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials } });
  const { plan: first } = await planDeployment(s.port, s.desired, s.env);
  const applied = await applyPlan(first, s.port, { concurrency: 5 });
  if (applied.failed.length) throw new Error(`setup deploy failed: ${JSON.stringify(applied.failed[0])}`);
  console.log(`setup: deployed ${first.changes.length} changes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  takeCalls();

  const plan = async (label: string) => {
    const r = await cli(['plan']);
    const c = takeCalls();
    if (r.code !== 0) throw new Error(`${label}: plan exited ${r.code} (0 = no changes expected)\n${r.out.slice(-2000)}`);
    console.log(
      `${label.padEnd(34)} ${r.seconds.toFixed(2)} s wall (CPU ${r.cpuSeconds.toFixed(2)} s, on the API ${c.apiSeconds.toFixed(2)} s)  calls ${c.total} (reads ${c.reads}, writes ${c.writes})  peak RSS ${r.rssMb} MB`,
    );
    return { ...r, calls: c };
  };
  const baseline = await plan('plan, managed segments only');

  t0 = performance.now();
  seedUnmanaged();
  console.log(`seeded the hand-made objects in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const big = await plan('plan, big BU');
  const noop = await cli(['deploy', '--yes']);
  const noopCalls = takeCalls();
  console.log(
    `${'no-op deploy, big BU'.padEnd(34)} ${noop.seconds.toFixed(2)} s wall (CPU ${noop.cpuSeconds.toFixed(2)} s, on the API ${noopCalls.apiSeconds.toFixed(2)} s)  calls ${noopCalls.total} (reads ${noopCalls.reads}, writes ${noopCalls.writes})  peak RSS ${noop.rssMb} MB  exit ${noop.code}`,
  );

  console.log('\ncalls by kind        managed only   big BU');
  for (const k of new Set([...Object.keys(big.calls.byKind), ...Object.keys(baseline.calls.byKind)])) {
    console.log(`  ${k.padEnd(48)} ${String(baseline.calls.byKind[k] ?? 0).padStart(5)}  ${String(big.calls.byKind[k] ?? 0).padStart(6)}`);
  }
  const unmanaged = n.des + n.queries + n.automations + n.filters;
  const extra = big.calls.total - baseline.calls.total;
  // One by one would be ≥ one call per hand-made object of some kind; the smallest kind bounds it.
  const oneByOne = extra >= Math.min(n.des, n.queries, n.automations, n.filters);
  const verdict = [
    `plan ${big.seconds < BOUNDS.planSeconds ? '<' : '≥'} ${BOUNDS.planSeconds} s`,
    `${big.rssMb < BOUNDS.planRssMb ? '<' : '≥'} ${BOUNDS.planRssMb} MB`,
    `${extra} more calls for ${unmanaged} hand-made objects (${oneByOne ? 'GROWS one by one' : 'pages of listings, not one by one'})`,
    `no-op deploy writes ${noopCalls.writes}`,
  ];
  console.log(`\nbounds: ${verdict.join('; ')}`);

  const scale = `${n.des.toLocaleString('en')} DEs, ${n.queries.toLocaleString('en')} queries, ${n.automations.toLocaleString('en')} automations, ${n.filters} filters made by hand + ${n.segments} segments, ${n.latency} ms/call`;
  const common = { unmanaged, latencyMs: n.latency, segments: n.segments, bounds: BOUNDS };
  figures.push(
    {
      figure: `plan, big BU (${scale})`,
      value: round(big.seconds),
      unit: 's',
      against: { label: 'bound', value: BOUNDS.planSeconds, unit: 's' },
      rssKb: big.rssMb * 1024,
      note: `whole CLI process; CPU ${big.cpuSeconds.toFixed(1)} s, ${big.calls.apiSeconds.toFixed(1)} s on the API; ${big.calls.total} calls (${big.calls.writes} writes); RSS bound ${BOUNDS.planRssMb} MB`,
      detail: {
        ...common,
        exit: big.code,
        cpuSeconds: round(big.cpuSeconds),
        apiSeconds: round(big.calls.apiSeconds),
        calls: big.calls.total,
        reads: big.calls.reads,
        writes: big.calls.writes,
        callsByKind: big.calls.byKind,
        rssBoundMb: BOUNDS.planRssMb,
        withinTime: big.seconds < BOUNDS.planSeconds,
        withinRss: big.rssMb < BOUNDS.planRssMb,
        readsGrowOneByOne: oneByOne,
      },
    },
    {
      figure: `plan calls, big BU vs managed segments only (same run)`,
      value: big.calls.total,
      unit: 'calls',
      against: { label: `baseline (${n.segments} segments only)`, value: baseline.calls.total, unit: 'calls' },
      rssKb: baseline.rssMb * 1024,
      note: `${extra} more calls for ${unmanaged.toLocaleString('en')} hand-made objects: ${oneByOne ? 'reads GROW one by one' : 'listing pages only'}; RSS is the baseline plan's`,
      detail: {
        ...common,
        baselineSeconds: round(baseline.seconds),
        baselineCpuSeconds: round(baseline.cpuSeconds),
        baselineApiSeconds: round(baseline.calls.apiSeconds),
        baselineRssMb: baseline.rssMb,
        baselineCallsByKind: baseline.calls.byKind,
        extraCalls: extra,
      },
    },
    {
      figure: `no-op deploy, big BU (${n.latency} ms/call)`,
      value: round(noop.seconds),
      unit: 's',
      against: { label: 'writes (must be 0)', value: noopCalls.writes, unit: 'writes' },
      rssKb: noop.rssMb * 1024,
      note: `whole CLI process; CPU ${noop.cpuSeconds.toFixed(1)} s, ${noopCalls.apiSeconds.toFixed(1)} s on the API; ${noopCalls.total} calls, ${noopCalls.writes} writes`,
      detail: {
        ...common,
        exit: noop.code,
        cpuSeconds: round(noop.cpuSeconds),
        apiSeconds: round(noopCalls.apiSeconds),
        calls: noopCalls.total,
        reads: noopCalls.reads,
        writes: noopCalls.writes,
        callsByKind: noopCalls.byKind,
      },
    },
  );
  emit(figures);
  if (noopCalls.writes !== 0 || noop.code !== 0) process.exitCode = 1;
} finally {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
}
