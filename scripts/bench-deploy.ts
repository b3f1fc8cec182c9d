/**
 * Deploy benchmark over the emulator with injected latency: 100 generated segments from empty,
 * then a no-op redeploy. Prints calls (reads/writes) and seconds for each.
 *   node scripts/bench-deploy.ts [--segments 100] [--latency 20]
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RequestLogEntry } from '../src/client/index.ts';
import { applyPlan, planDeployment } from '../src/deploy/index.ts';
import { openSession } from '../src/deploy/session.ts';
import { startEmulator } from '../src/emulator/index.ts';

const { values } = parseArgs({
  options: { segments: { type: 'string', default: '100' }, latency: { type: 'string', default: '20' } },
});
const n = Number(values.segments);
const latency = Number(values.latency);

const dir = mkdtempSync(join(tmpdir(), 'kit-bench-'));
mkdirSync(join(dir, 'data-extensions'));
mkdirSync(join(dir, 'segments'));
writeFileSync(join(dir, 'sfmc-kit.yaml'), 'name: Bench\nkeyPrefix: b_\n');
writeFileSync(
  join(dir, 'data-extensions/Customers.yaml'),
  'name: Customers\nfields:\n  - { name: SubscriberKey, type: Text, length: 36, primaryKey: true }\n  - { name: EmailAddress, type: EmailAddress }\n  - { name: Score, type: Number }\n  - { name: Country, type: Text, length: 2 }\n',
);
for (let i = 0; i < n; i++) {
  const schedule = i % 2 ? 'schedule: { frequency: daily, time: "06:00" }\n' : '';
  writeFileSync(
    join(dir, `segments/s${i}.yaml`),
    `name: s${i}\nmembership: ${i % 2 ? 'dynamic' : 'static'}\n${schedule}audience: Customers\nrules:\n  all:\n    - attribute: { field: Score, gte: ${i} }\n`,
  );
}

const emu = await startEmulator({ port: 0, faults: [{ kind: 'latency', ms: latency }] });
const log: RequestLogEntry[] = [];
const isWrite = (e: RequestLogEntry) =>
  e.soapAction
    ? !['Retrieve', 'Describe'].includes(e.soapAction)
    : e.method !== 'GET' && !e.url.includes('/v2/token');

async function round(label: string) {
  log.length = 0;
  const t0 = performance.now();
  const s = await openSession({
    dir,
    sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials },
    onRequest: (e) => log.push(e),
  });
  const { plan } = await planDeployment(s.port, s.desired, s.env);
  const result = await applyPlan(plan, s.port, { concurrency: 5 });
  const secs = (performance.now() - t0) / 1000;
  const writes = log.filter(isWrite).length;
  console.log(
    `${label.padEnd(18)} changes ${String(plan.changes.length).padStart(4)}  calls ${String(log.length).padStart(5)}  reads ${String(log.length - writes).padStart(5)}  writes ${String(writes).padStart(5)}  failed ${result.failed.length}  ${secs.toFixed(2)} s`,
  );
}

console.log(`${n} segments, ${latency} ms latency per request`);
try {
  await round('deploy from empty');
  await round('no-op redeploy');
} finally {
  await emu.close();
}
