import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateReadme } from '../../scripts/gen-perf-table.ts';
import { END, type LatestJson, renderPerfTable, replacePerfTable, START } from '../../scripts/lib/perf-table.ts';

const root = new URL('../..', import.meta.url).pathname;
const resultsPath = path.join(root, 'bench-results/latest.json');

describe("README's performance table", () => {
  it('is the table bench-results/latest.json gives (run node scripts/gen-perf-table.ts after a bench)', () => {
    const { before, after } = generateReadme(path.join(root, 'README.md'), resultsPath);
    expect(before).toBe(after);
  });

  it('comes from a full-size run whose every row says which benchmark measured it, when and at which commit', () => {
    const latest = JSON.parse(readFileSync(resultsPath, 'utf8')) as LatestJson;
    expect(latest.quick).toBe(false);
    expect(latest.table.length).toBeGreaterThan(0);
    for (const r of latest.table) {
      expect(r.bench, r.figure).toMatch(/\S/);
      expect(Number.isNaN(Date.parse(r.at)), r.figure).toBe(false);
      expect(r.commit, r.figure).toMatch(/^[0-9a-f]{7,}$/);
    }
  });

  const sample: LatestJson = {
    at: '2026-12-02T18:00:00.000Z',
    commit: 'abc1234',
    quick: false,
    machine: { cpus: 2, cpuModel: 'Xeon', memoryGb: 8, platform: 'linux', node: 'v24.0.0' },
    table: [
      {
        figure: 'plan | big',
        value: 7.5,
        unit: 's',
        against: { label: 'bound', value: 15, unit: 's' },
        rssMb: 200,
        note: 'n',
        bench: 'big-bu',
        at: '2026-12-02T18:00:00.000Z',
        commit: 'abc1234',
      },
    ],
    results: [],
  };

  it('renders each row with its value, bound, ratio, RSS and date, escaping pipes', () => {
    expect(renderPerfTable(sample)).toContain(
      '| plan \\| big | 7.50 s | bound: 15 s | 50.0 % | 200 MB | n | 2026-12-02, abc1234 |',
    );
  });

  it('replaces only what lies between the markers, and refuses a README without them', () => {
    const readme = `intro\n${START}\nold table\n${END}\noutro\n`;
    const out = replacePerfTable(readme, sample);
    expect(out.startsWith(`intro\n${START}\n`)).toBe(true);
    expect(out.endsWith(`\n${END}\noutro\n`)).toBe(true);
    expect(out).not.toContain('old table');
    expect(() => replacePerfTable('no markers', sample)).toThrow(/markers/);
  });
});
