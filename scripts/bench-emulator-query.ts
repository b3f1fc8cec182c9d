/**
 * Emulator query benchmark: a realistic compiled segment — clicked at least twice in 30 days, minus the
 * suppression segment — over 200,000 contacts and 2,000,000 email events, run by the emulator's query
 * runner. The example project's Contacts DE and the two segments are deployed into the emulator, then
 * rows are seeded in bulk straight into its SQLite state.
 *   node scripts/bench-emulator-query.ts [--contacts 200000] [--events 2000000] [--as-shipped]
 *
 * The emulator indexes its data views on (SubscriberKey, EventDate), so each correlated subquery is an
 * index lookup per contact. --as-shipped is kept for compatibility: the benchmark no longer adds indexes
 * of its own, so both modes measure the emulator as shipped.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compileProject } from '../src/compiler/index.ts';
import { loadProject } from '../src/definitions/index.ts';
import { applyPlan, planDeployment } from '../src/deploy/index.ts';
import { openSession } from '../src/deploy/session.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { runQueryDefinition } from '../src/emulator/run/query-run.ts';
import { emit, seconds } from './lib/report.ts';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '200000' },
    events: { type: 'string', default: '2000000' },
    'as-shipped': { type: 'boolean', default: false },
  },
});
const contacts = Number(values.contacts);
const events = Number(values.events);
const root = path.resolve(import.meta.dirname, '..');
const SEGMENT = 'clicked-twice-30d';

const dir = mkdtempSync(path.join(tmpdir(), 'kit-bench-query-'));
cpSync(path.join(root, 'definitions/sfmc-kit.yaml'), path.join(dir, 'sfmc-kit.yaml'));
mkdirSync(path.join(dir, 'data-extensions'));
cpSync(
  path.join(root, 'definitions/data-extensions/Contacts.yaml'),
  path.join(dir, 'data-extensions/Contacts.yaml'),
);
mkdirSync(path.join(dir, 'segments'));
cpSync(path.join(root, 'definitions/segments/suppressed.yaml'), path.join(dir, 'segments/suppressed.yaml'));
writeFileSync(
  path.join(dir, `segments/${SEGMENT}.yaml`),
  `name: ${SEGMENT}\nmembership: dynamic\nschedule: { frequency: daily, time: "06:00" }\naudience: Contacts\nselect: [EmailAddress, FirstName]\nrules:\n  all:\n    - emailClicked: { atLeast: 2, withinDays: 30 }\n    - notInSegment: suppressed\n`,
);

const NOW = new Date('2026-03-01T12:00:00Z');
const emu = await startEmulator({ port: 0, scheduleTickMs: 0, now: () => NOW, salesforce: false });
try {
  const session = await openSession({ dir, sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials } });
  const { plan } = await planDeployment(session.port, session.desired, session.env);
  const applied = await applyPlan(plan, session.port, { concurrency: 4 });
  if (applied.failed.length)
    throw new Error(`deploy failed: ${JSON.stringify(applied.failed).slice(0, 500)}`);
  const compiled = compileProject(await loadProject(dir));
  const seg = (name: string) => {
    const s = compiled.segments.find((x) => x.name === name);
    if (!s?.sql) throw new Error(`segment ${name} did not compile to SQL`);
    return s;
  };

  // Seeding: contacts, then events split like a real send history (sends ≫ opens ≫ clicks), dates in the last 90 days.
  const t0 = performance.now();
  const st = emu.state;
  const contactsKey = st.dataExtensions.getByName('Contacts')!.customerKey;
  const sk = (i: number) => `003${String(i).padStart(15, '0')}`;
  const CHUNK = 20_000;
  for (let from = 0; from < contacts; from += CHUNK) {
    const rows = [];
    for (let i = from; i < Math.min(contacts, from + CHUNK); i++) {
      rows.push({
        SubscriberKey: sk(i),
        EmailAddress: `c${i}@example.com`,
        FirstName: `F${i}`,
        CreatedDate: '2025-01-01 00:00:00',
      });
    }
    st.insertRows(contactsKey, rows);
  }
  let seed = 42;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const date = () =>
    new Date(NOW.getTime() - rand() * 90 * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
  const share: Array<[string, number, (i: number) => Record<string, unknown>]> = [
    ['_Sent', 0.5, () => ({})],
    ['_Open', 0.27, () => ({ IsUnique: 1 })],
    ['_Click', 0.2, () => ({ URL: 'https://shop.example.com/premium', IsUnique: 1 })],
    ['_Bounce', 0.02, (i) => ({ BounceCategory: i % 3 ? 'Soft bounce' : 'Hard bounce' })],
    ['_Unsubscribe', 0.008, () => ({ IsUnique: 1 })],
    ['_Complaint', 0.002, () => ({ IsUnique: 1 })],
  ];
  const counts: Record<string, number> = {};
  for (const [view, part, extra] of share) {
    const n = Math.round(events * part);
    counts[view] = n;
    for (let from = 0; from < n; from += CHUNK) {
      const rows = [];
      for (let i = from; i < Math.min(n, from + CHUNK); i++) {
        rows.push({
          SubscriberKey: sk(Math.floor(rand() * contacts)),
          EventDate: date(),
          JobID: 1 + (i % 50),
          ...extra(i),
        });
      }
      st.insertRows(view, rows);
    }
  }
  const seedSeconds = seconds(t0);
  console.log(
    `seeded ${contacts.toLocaleString('en')} contacts and ${events.toLocaleString('en')} events ${JSON.stringify(counts)} in ${seedSeconds.toFixed(1)} s`,
  );

  const run = (name: string) => {
    const s = seg(name);
    const t = performance.now();
    const rows = runQueryDefinition(st, {
      queryText: s.sql!,
      targetKey: s.targetKey,
      targetUpdateTypeId: 0,
      description: '',
      categoryId: 0,
      createdDate: '',
      modifiedDate: '',
    });
    const secs = seconds(t);
    console.log(`  ${name}: ${rows.toLocaleString('en')} members in ${secs.toFixed(2)} s`);
    return { rows, secs };
  };
  const suppressed = run('suppressed');
  const clicked = run(SEGMENT);
  emit([
    {
      figure: `emulator query, ${contacts.toLocaleString('en')} contacts / ${events.toLocaleString('en')} events (clicked ≥2 in 30 d − suppressed)`,
      value: Math.round((suppressed.secs + clicked.secs) * 100) / 100,
      unit: 's',
      against: { label: 'seeding the same data', value: Math.round(seedSeconds * 10) / 10, unit: 's' },
      detail: { suppressed, clicked, counts },
    },
  ]);
} finally {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
}
