import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kit, segmentYaml, smallProject } from './kit.ts';

// Dangerous #2 (issue 13): with --emulator, a definition error, an unknown --env or a missing
// sfmc-kit.yaml was printed and the process never exited (the emulator started first was never closed).
const broken = () =>
  smallProject({ 'segments/women.yaml': segmentYaml("attribute: { field: BirthDate, equals: 'x' }") });

const cases: Array<{ name: string; cwd: () => string; args: string[]; stderr: RegExp }> = [];
for (const command of [['plan', '--json'], ['deploy', '--yes'], ['status']]) {
  cases.push(
    {
      name: `${command[0]} --emulator, a definition error`,
      cwd: () => broken().cwd,
      args: [...command, '--emulator'],
      stderr: /definitions\/segments\/women\.yaml/,
    },
    {
      name: `${command[0]} --emulator --env nope`,
      cwd: () => smallProject().cwd,
      args: [...command, '--emulator', '--env', 'nope'],
      stderr: /unknown environment "nope"/,
    },
    {
      name: `${command[0]} --emulator, no sfmc-kit.yaml`,
      cwd: () => mkdtempSync(path.join(tmpdir(), 'kit-hostile-empty-')),
      args: [...command, '--emulator'],
      stderr: /no sfmc-kit\.yaml found/,
    },
  );
}

describe('plan / deploy / status with --emulator exit after an error', () => {
  it.each(cases)('$name: exit 1 within the timeout', { timeout: 90_000 }, async ({ cwd, args, stderr }) => {
    const run = await kit(args, { cwd: cwd(), timeoutMs: 60_000 });
    expect(run.timedOut).toBe(false);
    expect(run.stderr).toMatch(stderr);
    expect(run.code).toBe(1);
  });

  it('a successful plan --emulator exits too', { timeout: 90_000 }, async () => {
    const run = await kit(['plan', '--emulator', '--json'], { cwd: smallProject().cwd, timeoutMs: 60_000 });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(2);
  });
});
