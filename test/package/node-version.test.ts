/**
 * bin/sfmc-kit.js is what an older Node reads first: it must parse there and say, in one sentence, what to do.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/run-cli.ts';

const BIN = path.join(repoRoot, 'bin/sfmc-kit.js');

/** The machine's own Node when it is older than 24 (CI and dev machines have Node 20 on PATH). */
function olderNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    const r = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    if (r.status === 0 && Number(r.stdout.split('.')[0]) < 24) return candidate;
  }
  return undefined;
}

const expectOneSentence = (r: ReturnType<typeof spawnSync>) => {
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  const lines = String(r.stderr).trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^sfmc-kit needs Node 24 or later and this is Node v\d+.*npm install -D node@24/);
};

describe('bin on a Node older than 24', () => {
  it('refuses with one sentence saying what to do (a Node reporting version 20)', () => {
    // Node 24 pretending to be 20: the check reads process.versions.node before anything else runs.
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.11.1' } });
         Object.defineProperty(process, 'version', { value: 'v20.11.1' });
         await import(${JSON.stringify(new URL(`file://${BIN}`).href)});`,
      ],
      { encoding: 'utf8' },
    );
    expectOneSentence(r);
    expect(r.stderr).toContain('this is Node v20.11.1');
  });

  it.runIf(olderNode())('parses and refuses on the real older Node on this machine', () => {
    const r = spawnSync(olderNode() as string, [BIN, 'validate'], { encoding: 'utf8' });
    expectOneSentence(r);
  });
});
