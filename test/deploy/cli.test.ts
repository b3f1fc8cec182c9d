import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const cli = (...args: string[]) =>
  spawnSync(join(root, 'node_modules/.bin/node'), ['src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    input: '',
  });

describe('plan / deploy CLI', () => {
  it('plan --json against a fresh emulator prints plan data without secrets', () => {
    const r = cli('plan', '--emulator', '--env', 'dev', '--json');
    const plan = JSON.parse(r.stdout);
    expect(plan.summary).toMatchObject({ update: 0, replace: 0, delete: 0 });
    expect(plan.changes.filter((c: { kind: string }) => c.kind !== 'create')).toEqual([]);
    expect(plan.changes[0]).toMatchObject({ kind: 'create', resource: 'folder' });
    expect(r.stdout).not.toMatch(/sfmc-kit-emulator-secret|access_token/);
  });

  it('deploy refuses to run unattended without --yes', () => {
    const r = cli('deploy', '--emulator', '--env', 'dev');
    expect(r.stderr).toContain('deploy needs --yes when not run in a terminal');
    expect(r.status).toBe(64);
  });

  it('without credentials, says so', () => {
    const r = cli('status', '--env', 'dev');
    expect(r.stderr).toContain('no SFMC credentials are configured');
    expect(r.status).toBe(1);
  });
});
