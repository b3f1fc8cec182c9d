import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Runs bin/sfmc-kit.js as a real process in `cwd`, with only PATH and HOME set, so no .env or SFMC
 * variables of the developer's leak in and the command cannot reach a real business unit.
 */
export function runCli(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [path.join(repoRoot, 'bin/sfmc-kit.js'), ...args], {
    encoding: 'utf8',
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd },
  });
}
