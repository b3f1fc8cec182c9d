import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyExamples, hardBouncedTest } from './copy-examples.ts';

const root = path.resolve(import.meta.dirname, '../..');
// A real process, as a user's CI runs it: `node` resolves to the Node 24 installed in node_modules.
const kit = (args: string[], cwd = root) =>
  spawnSync('node', [path.join(root, 'bin/sfmc-kit.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
    },
  });

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('sfmc-kit test', () => {
  it('--json on the examples: exit 0, every case passed', () => {
    const r = kit(['test', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: true, failed: 0, errored: 0 });
    expect(report.passed).toBe(report.cases.length);
    expect(report.cases.length).toBeGreaterThanOrEqual(30);
    expect(report.cases.find((c: { segment: string }) => c.segment === 'hard-bounced').actual).toEqual({
      members: ['a'],
      size: 1,
    });
  });

  it('a broken copy: exit 1, ✗ with the member diff and the summary line; --json says which case', async () => {
    const copy = await copyExamples({
      'tests/hard-bounced.yaml': hardBouncedTest('      members: ["a", "zed"]'),
    });
    cleanup = copy.cleanup;
    const text = kit(['test', 'hard-bounced', 'complained', '--dir', 'definitions'], copy.root);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('✓ complained › ');
    expect(text.stdout).toContain('✗ hard-bounced › hard bounces only');
    expect(text.stdout).toContain('at definitions/tests/hard-bounced.yaml:4 (now 2024-06-15T12:00:00.000Z)');
    expect(text.stdout).toContain('- missing    zed');
    expect(text.stdout).toMatch(/\n1 passed, 1 failed — 2 segments/);

    const json = kit(['test', '--json', '--dir', copy.dir]);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ ok: false, failed: 1 });
    const failed = report.cases.filter((c: { status: string }) => c.status !== 'pass');
    expect(failed).toMatchObject([{ segment: 'hard-bounced', missing: ['zed'], unexpected: [] }]);
  });

  it('a named segment without tests: exit 1 and a clear message', () => {
    const r = kit(['test', 'suppressed']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('segment "suppressed" has no tests');
  });
});
