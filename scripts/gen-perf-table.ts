/**
 * Writes the README's performance table from bench-results/latest.json (`npm run bench` calls it after a
 * full run). `--check` only says whether README.md is current (exit 1 when not).
 *   node scripts/gen-perf-table.ts [--check] [--results bench-results/latest.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type LatestJson, replacePerfTable } from './lib/perf-table.ts';

const root = path.resolve(import.meta.dirname, '..');

export function generateReadme(readmePath: string, resultsPath: string): { before: string; after: string } {
  const before = readFileSync(readmePath, 'utf8');
  const latest = JSON.parse(readFileSync(resultsPath, 'utf8')) as LatestJson;
  if (latest.quick) throw new Error(`${resultsPath} is from a --quick run: its figures are not to quote`);
  return { before, after: replacePerfTable(before, latest) };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      results: { type: 'string', default: path.join(root, 'bench-results/latest.json') },
    },
  });
  const readme = path.join(root, 'README.md');
  const { before, after } = generateReadme(readme, values.results);
  if (values.check) {
    if (before !== after) {
      console.error('README.md performance table is not the one latest.json gives: run node scripts/gen-perf-table.ts');
      process.exitCode = 1;
    }
  } else if (before !== after) {
    writeFileSync(readme, after);
    console.log('README.md: performance table regenerated from bench-results/latest.json');
  } else console.log('README.md: performance table already current');
}
