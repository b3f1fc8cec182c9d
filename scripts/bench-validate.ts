/**
 * Validate + compile of 1,000 segments as a whole CLI process. Copies the example data extensions and
 * config into a temp dir, generates 1,000 segments mixing condition kinds, spawns `sfmc-kit validate`
 * and prints the wall time against the 2 s ceiling. Run: node scripts/bench-validate.ts [count]
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CEILING_S = 2;
const count = Number(process.argv[2] ?? 1000);
const root = path.resolve(import.meta.dirname, '..');
const dir = await mkdtemp(path.join(tmpdir(), 'sfmc-kit-bench-'));

const RULES = [
  (i: number) =>
    `  all:\n    - emailClicked: { url: { contains: "p${i}" }, atLeast: ${1 + (i % 3)}, withinDays: 30 }\n    - notInSegment: suppressed\n`,
  (i: number) =>
    `  all:\n    - attribute: { field: Country, in: [US, CA] }\n    - attribute: { field: EngagementScore, gte: ${i % 100} }\n    - notInSegment: suppressed\n`,
  (i: number) =>
    `  all:\n    - any:\n        - event: { source: Web_PageViews, where: [{ field: PageURL, contains: "/p${i}" }], withinDays: 60 }\n        - event: { source: Web_Searches, where: [{ field: SearchTerm, contains: t${i} }] }\n    - not:\n        leadStatus: { equals: Unqualified }\n    - notInSegment: suppressed\n`,
  (i: number) =>
    `  all:\n    - inactive: { days: ${30 + (i % 90)}, joinedField: CreatedDate }\n    - notInSegment: suppressed\n`,
  (i: number) =>
    `  all:\n    - purchaseTotals: { amount: { gte: ${i * 10} } }\n    - inSegment: seg-${Math.max(0, i - 5)}\n    - notInSegment: suppressed\n`,
];

await cp(path.join(root, 'definitions/sfmc-kit.yaml'), path.join(dir, 'sfmc-kit.yaml'));
await cp(path.join(root, 'definitions/data-extensions'), path.join(dir, 'data-extensions'), {
  recursive: true,
});
await mkdir(path.join(dir, 'segments'));
await cp(path.join(root, 'definitions/segments/suppressed.yaml'), path.join(dir, 'segments/suppressed.yaml'));
await Promise.all(
  Array.from({ length: count }, (_, i) =>
    writeFile(
      path.join(dir, 'segments', `seg-${i}.yaml`),
      `name: seg-${i}\nmembership: dynamic\nschedule: { frequency: daily, time: "06:00" }\naudience: Contacts\nselect: [EmailAddress]\nrules:\n${RULES[i % RULES.length](i)}`,
    ),
  ),
);

const started = performance.now();
const run = spawnSync(
  process.execPath,
  [path.join(root, 'bin/sfmc-kit.js'), 'validate', '--dir', dir, '--json'],
  {
    encoding: 'utf8',
  },
);
const seconds = (performance.now() - started) / 1000;
await rm(dir, { recursive: true, force: true });

const result = JSON.parse(run.stdout || '{}');
console.log(
  `validate + compile of ${count} segments: ${seconds.toFixed(2)} s (ceiling ${CEILING_S} s) — exit ${run.status}, ${result.segments ?? '?'} segments compiled, ${result.errors ?? '?'} errors`,
);
if (run.status !== 0) console.log(run.stderr || JSON.stringify(result.diagnostics?.slice(0, 5), null, 2));
process.exitCode = run.status === 0 && seconds < CEILING_S ? 0 : 1;
