import { describe, expect, it } from 'vitest';
import { kit, smallProject } from './kit.ts';

// Issue 13 point 10: a write to stdout or to a file that fails (full disk, closed pipe) exited 0.
describe('output write failures exit 1 with the reason', () => {
  it('stdout on a full disk', { timeout: 60_000 }, async () => {
    const run = await kit(['validate', '--json'], { cwd: smallProject().cwd, stdout: 'full' });
    expect(run.stderr).toMatch(/could not write standard output: ENOSPC/);
    expect(run.code).toBe(1);
  });

  it('stdout into a closed pipe', { timeout: 60_000 }, async () => {
    const run = await kit(['validate', '--json'], { cwd: smallProject().cwd, stdout: 'closed' });
    expect(run.stderr).toMatch(/could not write standard output: the reader closed the pipe \(EPIPE\)/);
    expect(run.code).toBe(1);
  });

  it('plan --out to a path that cannot be written', { timeout: 60_000 }, async () => {
    const run = await kit(['plan', '--emulator', '--out', '/nonexistent-dir/plan.json'], {
      cwd: smallProject().cwd,
    });
    expect(run.stderr).toMatch(/could not write \/nonexistent-dir\/plan\.json: ENOENT/);
    expect(run.code).toBe(1);
  });
});
