import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const fixture = path.join(import.meta.dirname, 'fixtures/definitions');
let dir: string;
// No .env in the temp directory and no SFMC variables: the command must not reach any business unit.
const cli = (...args: string[]) => runCli(dir, args);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kit-report-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sfmc-kit report', () => {
  it('--emulator deploys and runs the segments in a fresh emulator, writes the page and prints the data with --json', async () => {
    const r = cli('report', '--dir', fixture, '--emulator', '--out', 'out.html', '--json');
    expect(r.stderr).toContain('✓ wrote out.html: 9 segments (9 sized), 1 funnel(s)');
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.segments.map((s: { name: string; size: number }) => [s.name, s.size])).toEqual(
      data.overlaps.segments.map((n: string) => [n, 0]),
    );
    // Every scheduled segment ran once (a fresh emulator has no contacts, so all are empty).
    const scheduled = data.segments.filter((s: { schedule?: string }) => s.schedule);
    expect(scheduled.length).toBe(8);
    for (const s of scheduled) expect(s.lastRun).toMatch(/^\d{4}-\d\d-\d\dT/);
    const html = await readFile(path.join(dir, 'out.html'), 'utf8');
    expect(html).toContain('<h2>Funnel: Customer journey</h2>');
  });

  it('without credentials and without --emulator, fails with a configuration error and writes nothing', async () => {
    const r = cli('report', '--dir', fixture, '--out', 'out.html');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('no SFMC credentials found for the report');
    await expect(readFile(path.join(dir, 'out.html'))).rejects.toThrow(/ENOENT/);
  });
});
