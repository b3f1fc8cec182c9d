/** See sync-node-flags.js. */
export declare const SYNC_NODE_FLAGS: string[];
