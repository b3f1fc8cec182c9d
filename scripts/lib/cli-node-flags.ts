// The flags `sfmc-kit sync` starts node with, so a benchmark's sync worker runs under the V8 settings a
// user's `npx sfmc-kit sync` gets.
export { SYNC_NODE_FLAGS } from '../../bin/sync-node-flags.js';
