/**
 * Node flags `sfmc-kit sync` runs under. Node 24 sizes V8's young generation by the machine's memory;
 * on a big machine a million-row sync then sits at ~350 MB resident, mostly garbage it would collect
 * anyway. 8 MB semi-spaces keep it under 300 MB at no measured cost to the sync — but they slow the
 * in-process emulator's SQL (the demo) by 70 %, so only the sync gets them. scripts/bench-sync.ts runs
 * its sync worker with these same flags.
 */
export const SYNC_NODE_FLAGS = ['--max-semi-space-size=8'];
