#!/usr/bin/env -S node --max-semi-space-size=8
// The CLI is written in TypeScript that Node (>= 22.18) runs by stripping types.
// `npm install` puts Node 24 in node_modules/.bin, so `npx sfmc-kit` and npm scripts use it.
// The flag above keeps V8's young generation at 8 MB per semi-space: Node 24 sizes it far larger on a
// big machine, and a million-row sync then sits at ~350 MB resident for garbage it would collect anyway
// (scripts/bench-sync.ts measures the sync with the flags of this line).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `sfmc-kit needs Node >= 22.18 (this is ${process.version}). Run it through npm (npx sfmc-kit / npm run kit), which uses the Node 24 installed in node_modules.`,
  );
  process.exit(1);
}
await import('../src/cli/main.ts');
