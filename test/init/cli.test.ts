import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

let dir: string;
const cli = (...args: string[]) => runCli(dir, args);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kit-init-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sfmc-kit init', () => {
  it('scaffolds into a directory, then refuses a second run naming the file (usage exit code)', () => {
    const first = cli('init', 'proj');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('created definitions/segments/opted-in-us.yaml');
    expect(cli('validate', '--dir', 'proj/definitions').status).toBe(0);
    const again = cli('init', 'proj');
    expect(again.status).toBe(64);
    expect(again.stderr).toContain('proj/definitions/sfmc-kit.yaml already exists');
    expect(cli('init', 'proj', '--force').status).toBe(0);
  });
});
