#!/usr/bin/env node
// The CLI is written in TypeScript that Node (>= 22.18) runs by stripping types.
// `npm install` puts Node 24 in node_modules/.bin, so `npx sfmc-kit` and npm scripts use it.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { SYNC_NODE_FLAGS } from './sync-node-flags.js';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `sfmc-kit needs Node >= 22.18 (this is ${process.version}). Run it through npm (npx sfmc-kit / npm run kit), which uses the Node 24 installed in node_modules.`,
  );
  process.exit(1);
}

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
} else {
  await import('../src/cli/main.ts');
}
