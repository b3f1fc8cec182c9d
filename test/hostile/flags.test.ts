import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { CommandDef } from 'citty';
import { describe, expect, it } from 'vitest';
import { checkArgs } from '../../src/cli/flags.ts';
import { kit, ROOT, smallProject } from './kit.ts';

// main.ts runs the CLI when imported, so the commands are loaded from their files here.
const COMMANDS_DIR = path.join(ROOT, 'src/cli/commands');
const COMMANDS = Object.fromEntries(
  readdirSync(COMMANDS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [
      f.replace(/\.ts$/, ''),
      () => import(path.join(COMMANDS_DIR, f)).then((m) => m.default as CommandDef),
    ]),
);

// Issue 13 point 7: unknown and mistyped flags were accepted (`deploy --allow-destructve`, `plan --evn
// prod` planned dev), `--concurrency abc|0|100000` exited 0, `-3`/`2.5` failed only after the plan was
// printed, and `--dir` without a value was taken.
const argsOf = async (name: string) => {
  const cmd = await COMMANDS[name]();
  return (typeof cmd.args === 'function' ? await cmd.args() : await cmd.args) ?? {};
};
const check = async (name: string, raw: string[]) => checkArgs(name, await argsOf(name), raw);

describe('every command checks its flags from its declared args', () => {
  it.each([
    ['validate', ['--bogus'], /unknown flag --bogus/],
    ['deploy', ['--allow-destructve', '--yes'], /did you mean --allow-destructive\?/],
    ['plan', ['--evn', 'prod'], /did you mean --env\?/],
    ['deploy', ['--concurrency', 'abc'], /--concurrency must be a whole number from 1 to 20, got "abc"/],
    ['deploy', ['--concurrency', '0'], /got "0"/],
    ['deploy', ['--concurrency', '100000'], /got "100000"/],
    ['deploy', ['--concurrency', '-3'], /got "-3"/],
    ['deploy', ['--concurrency=2.5'], /got "2\.5"/],
    ['validate', ['--dir'], /--dir needs a value/],
    ['validate', ['--dir', '--json'], /--dir needs a value \(got the flag --json\)/],
    ['validate', ['--json=maybe'], /--json is a switch/],
    ['validate', ['stray'], /unexpected argument "stray"/],
    ['compile', ['a', 'b'], /unexpected argument "b"/],
    ['compile', [], /missing argument <segment>/],
  ])('%s %j is refused', async (name, raw, message) => {
    await expect(check(name, raw)).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(message),
    });
    await expect(check(name, raw)).rejects.toThrow();
  });

  it('good flags pass, normalised for citty', async () => {
    expect(await check('deploy', ['--concurrency', '7', '--yes', '--no-json', '--dir=-odd'])).toEqual([
      '--concurrency=7',
      '--yes',
      '--no-json',
      '--dir=-odd',
    ]);
    expect(await check('sync', ['contacts', 'leads', '--verbose'])).toEqual(['contacts', 'leads']);
  });

  it('every command declares its flags (the table loads and checks an empty command line)', async () => {
    for (const name of Object.keys(COMMANDS)) {
      const def = await argsOf(name);
      const required = Object.entries(def).filter(([, d]) => d.type === 'positional' && d.required);
      if (!required.length) expect(await check(name, [])).toEqual([]);
    }
  });
});

describe('the real CLI', () => {
  it(
    'a typo of a safety flag exits 64 with a "did you mean" before doing anything',
    { timeout: 120_000 },
    async () => {
      const { cwd } = smallProject();
      const typo = await kit(['deploy', '--emulator', '--yes', '--allow-destructve'], { cwd });
      expect(typo.stdout).toBe('');
      expect(typo.stderr).toMatch(/did you mean --allow-destructive\?/);
      expect(typo.code).toBe(64);
      const bad = await kit(['deploy', '--emulator', '--yes', '--concurrency', '-3'], { cwd });
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toMatch(/--concurrency must be a whole number/);
      expect(bad.code).toBe(64);
    },
  );
});
