/**
 * CLI entry point: the only place that calls process.exit / sets the exit code. Each command lives in
 * src/cli/commands/<name>.ts, is loaded lazily, and returns an exit code (or nothing for 0).
 * We dispatch the subcommand ourselves because citty's runCommand drops a subcommand's return value.
 */
import { type CommandDef, runCommand, showUsage } from 'citty';
import { KitError } from '../errors/index.ts';
import { checkArgs } from './flags.ts';
import { outputFailed } from './output.ts';
import { exitCodeFor, renderError } from './render-error.ts';

const load = (name: string) => () => import(`./commands/${name}.ts`).then((m) => m.default as CommandDef);

export const COMMANDS: Record<string, () => Promise<CommandDef>> = {
  init: load('init'),
  validate: load('validate'),
  compile: load('compile'),
  test: load('test'),
  plan: load('plan'),
  deploy: load('deploy'),
  status: load('status'),
  sync: load('sync'),
  emulator: load('emulator'),
  demo: load('demo'),
  report: load('report'),
  rows: load('rows'),
  impact: load('impact'),
  run: load('run'),
  pause: load('pause'),
  resume: load('resume'),
  activate: load('activate'),
};

const VERSION = '0.1.0';

const main: CommandDef = {
  meta: {
    name: 'sfmc-kit',
    version: VERSION,
    description: 'Segments as code and CRM sync for Salesforce Marketing Cloud',
  },
  subCommands: COMMANDS,
};

async function run(rawArgs: string[]): Promise<number> {
  const index = rawArgs.findIndex((a) => !a.startsWith('-'));
  const name = index >= 0 ? rawArgs[index] : undefined;
  const wantsHelp = rawArgs.includes('--help') || rawArgs.includes('-h');
  if (!name) {
    if (rawArgs.length === 1 && (rawArgs[0] === '--version' || rawArgs[0] === '-v')) {
      console.log(VERSION);
      return 0;
    }
    await showUsage(main);
    return wantsHelp ? 0 : 64;
  }
  const loader = COMMANDS[name];
  if (!loader) {
    throw new KitError('USAGE', `unknown command "${name}"`, {
      hint: `commands: ${Object.keys(COMMANDS).join(', ')}; see sfmc-kit --help`,
    });
  }
  const command = await loader();
  if (wantsHelp) {
    await showUsage(command, main);
    return 0;
  }
  // Every command's flags are checked here, from its declared `args`, before it runs.
  const argsDef = typeof command.args === 'function' ? await command.args() : await command.args;
  const checked = checkArgs(name, argsDef ?? {}, [...rawArgs.slice(0, index), ...rawArgs.slice(index + 1)]);
  const { result } = await runCommand(command, { rawArgs: checked });
  return typeof result === 'number' ? result : 0;
}

// console.log ignores write errors (a full disk, a reader that closed the pipe); they are kept here and
// turn a successful run into exit 1.
let stdoutError: unknown;
process.stdout.on('error', (error) => {
  stdoutError ??= error;
});

try {
  process.exitCode = await run(process.argv.slice(2));
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  if (stdoutError) throw outputFailed('standard output', stdoutError);
} catch (error) {
  process.stderr.write(`${renderError(error, process.argv.includes('--verbose'))}\n`);
  process.exitCode = exitCodeFor(error);
}
