import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/run-cli.ts';

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

  it('--help lists every file init writes', () => {
    const help = cli('init', '--help');
    expect(help.status).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    for (const file of [
      'package.json',
      'definitions/sfmc-kit.yaml',
      'definitions/segments/opted-in-us.yaml',
      'definitions/tests/opted-in-us.yaml',
      '.env.example',
      '.github/workflows/sfmc-kit.yml',
      '.gitignore',
      'README.md',
    ])
      expect(text).toContain(file);
  });

  it('never prompts: with no terminal and an existing project it exits at once naming the file', () => {
    cli('init', 'proj');
    const again = spawnSync(process.execPath, [path.join(repoRoot, 'bin/sfmc-kit.js'), 'init', 'proj'], {
      cwd: dir,
      encoding: 'utf8',
      input: 'yes\n',
      timeout: 30_000,
    });
    expect(again.status).toBe(64);
    expect(again.stderr).toContain('already exists');
  });
});
