/**
 * A sync in its own process, for SIGKILL-and-resume runs and the secret scan: connects to the emulated
 * org and SFMC given as a JSON argument, runs the lead sync with a file checkpoint and a rejects file,
 * prints a progress line per committed batch (so the parent can kill mid-run) and the summary as JSON.
 */
import path from 'node:path';
import jsforce from 'jsforce';
import { LEAD_SYNC_FIELDS } from '../../scripts/lib/leads.ts';
import { createClient } from '../../src/client/index.ts';
import { createFileCheckpointStore, createSfmcSink, runSync } from '../../src/sync/index.ts';

export interface ChildConfig {
  base: string;
  sfmc: { clientId: string; clientSecret: string; accountId: string };
  sf: { clientId: string; clientSecret: string; username: string; password: string };
  stateDir: string;
  targetKey: string;
  batchRows: number;
}

const cfg = JSON.parse(process.argv[2]) as ChildConfig;
const conn = new jsforce.Connection({
  oauth2: { clientId: cfg.sf.clientId, clientSecret: cfg.sf.clientSecret, loginUrl: cfg.base },
  loginUrl: cfg.base,
  version: '62.0',
});
await conn.login(cfg.sf.username, cfg.sf.password);
const client = createClient({ authBaseUrl: `${cfg.base}/`, ...cfg.sfmc });
const summary = await runSync({
  sync: {
    name: 'leads',
    object: 'Lead',
    fields: LEAD_SYNC_FIELDS,
    targetKey: cfg.targetKey,
    mode: 'incremental',
    deletes: 'flag',
  },
  conn,
  target: createSfmcSink(client),
  checkpoint: createFileCheckpointStore(path.join(cfg.stateDir, 'checkpoints')),
  options: {
    batchRows: cfg.batchRows,
    concurrency: 4,
    bulkPollIntervalMs: 100,
    bulkPageSize: 10_000,
    rejectsFile: path.join(cfg.stateDir, 'rejects', 'leads.jsonl'),
    onProgress: (p) => console.log(`progress ${p.phase} ${p.upserted}`),
  },
});
console.log(`summary ${JSON.stringify(summary)}`);
