#!/usr/bin/env node
// The CLI is written in TypeScript that Node (>= 22.18) runs by stripping types.
// `npm install` puts Node 24 in node_modules/.bin, so `npx sfmc-kit` and npm scripts use it.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `sfmc-kit needs Node >= 22.18 (this is ${process.version}). Run it through npm (npx sfmc-kit / npm run kit), which uses the Node 24 installed in node_modules.`,
  );
  process.exit(1);
}
await import('../src/cli/main.ts');
