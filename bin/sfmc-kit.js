#!/usr/bin/env node
// Entry of the `sfmc-kit` command. This file is read by whatever Node the user has, so it holds only syntax
// every Node since 14 parses, imports nothing, and checks the version before anything else loads.
// The kit needs Node 24: the emulator's SQL runs on node:sqlite (StatementSync.setReturnArrays is Node 24's).
var major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    'sfmc-kit needs Node 24 or later and this is Node ' +
      process.version +
      ': run `npm install -D node@24` in your project and start the kit with `npx sfmc-kit` (or switch to Node 24, e.g. `nvm install 24`).',
  );
  process.exit(1);
}
await import('./start.js');
