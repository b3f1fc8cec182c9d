/**
 * CLI entry point: the only place that calls process.exit. Each command lives in
 * src/cli/commands/<name>.ts, is loaded lazily, and returns an exit code (or nothing for 0).
 */
import { type CommandDef, runCommand, showUsage } from 'citty';
import { renderError, exitCodeFor } from './render-error.ts';

const load = (name: string) => () => import(`./commands/${name}.ts`).then((m) => m.default as CommandDef);

export const COMMANDS = {
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
} as const;

const main: CommandDef = {
  meta: {
    name: 'sfmc-kit',
    version: '0.1.0',
    description: 'Segments as code and CRM sync for Salesforce Marketing Cloud',
  },
  subCommands: COMMANDS,
};

async function run(rawArgs: string[]): Promise<number> {
  if (rawArgs.length === 0 || rawArgs.includes('--help') || rawArgs.includes('-h')) {
    const sub = rawArgs.find((a) => !a.startsWith('-'));
    if (sub && sub in COMMANDS) {
      await showUsage(await COMMANDS[sub as keyof typeof COMMANDS](), main);
    } else {
      await showUsage(main);
    }
    return rawArgs.length === 0 ? 64 : 0;
  }
  if (rawArgs.length === 1 && (rawArgs[0] === '--version' || rawArgs[0] === '-v')) {
    console.log(main.meta && 'version' in main.meta ? main.meta.version : '');
    return 0;
  }
  const { result } = await runCommand(main, { rawArgs });
  return typeof result === 'number' ? result : 0;
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${renderError(error, process.argv.includes('--verbose'))}\n`);
  process.exitCode = exitCodeFor(error);
}
