// Loaded by sfmc-kit.js once the Node version is known to be good. In the repository the CLI runs from its
// TypeScript sources (Node strips the types); installed as a package, from the JavaScript build in dist/.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SYNC_NODE_FLAGS } from './sync-node-flags.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, '..', 'src', 'cli', 'main.ts');
const built = path.join(here, '..', 'dist', 'cli', 'main.js');
// Node does not strip types under node_modules, so an installed kit always runs its build.
const inRepository = !here.split(path.sep).includes('node_modules') && existsSync(source);

// Flags the user chose win: a semi-space size of their own (on the command line or in NODE_OPTIONS),
// or an inspector (a second node would find its port taken), runs the sync in this process as it is.
const own = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
const chosen = own.some((a) => a.startsWith('--max-semi-space-size') || a.startsWith('--inspect'));
const missing = SYNC_NODE_FLAGS.filter((f) => !own.includes(f));
// `rows` streams millions of rows the same way, so it runs under the same flags.
if (['sync', 'rows'].includes(process.argv[2]) && missing.length && !chosen) {
  // V8's heap sizes are fixed at start-up, so the sync runs in a node started with its flags. Signals
  // are passed on, and this process ends the way the sync did.
  const child = spawn(process.execPath, [...missing, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`sfmc-kit: could not start the sync process: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (!signal) process.exit(code ?? 1);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    // A signal this process survives still ends it, with the shell's code for that signal.
    process.exit(128 + (constants.signals[signal] ?? 0));
  });
} else if (inRepository) {
  await import(pathToFileURL(source).href);
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  console.error(`sfmc-kit: ${built} is missing; in a checkout of sfmc-kit run \`npm run build\` first.`);
  process.exit(1);
}
