import { join } from 'node:path';
import { defineCommand } from 'citty';
import { KitError } from '../../errors/index.ts';
import type { SyncProgress, SyncSpec, SyncSummary } from '../../sync/index.ts';

/** Progress as bars on a TTY (rows, rows/s, ETA), as plain lines otherwise. */
async function progressRenderer(json: boolean): Promise<{ update(p: SyncProgress): void; stop(): void }> {
  if (json) return { update() {}, stop() {} };
  if (!process.stderr.isTTY) {
    let last = 0;
    return {
      update(p) {
        const now = Date.now();
        if (p.phase === 'upsert' && now - last < 2000) return;
        last = now;
        console.error(
          `${p.sync}: ${p.phase} ${p.upserted}/${p.total ?? '?'} rows, ${p.rejected} rejected, ${p.deleted} deleted`,
        );
      },
      stop() {},
    };
  }
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      format: '{sync} [{bar}] {value}/{total} rows | {speed} rows/s | ETA {eta}s | {phase}',
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = 0;
  let startedAt = 0;
  return {
    update(p) {
      if (!started && p.total !== undefined) {
        bar.start(p.total, 0, { sync: p.sync, speed: 0, phase: p.phase });
        started = 1;
        startedAt = Date.now();
      }
      if (started) {
        const secs = Math.max(0.001, (Date.now() - startedAt) / 1000);
        bar.update(p.upserted + p.rejected, {
          sync: p.sync,
          phase: p.phase,
          speed: Math.round(p.upserted / secs),
        });
      }
    },
    stop() {
      if (started) bar.stop();
      started = 0;
    },
  };
}

export default defineCommand({
  meta: {
    name: 'sync',
    description:
      'Copy Salesforce objects into data extensions (definitions/syncs). Exit 0 ok, 2 when rows were rejected or overwritten',
  },
  args: {
    names: { type: 'positional', required: false, description: 'Syncs to run (default: all)' },
    full: {
      type: 'boolean',
      description: 'Ignore watermarks and unfinished runs: copy everything',
      default: false,
    },
    env: { type: 'string', description: 'Environment whose variables apply' },
    json: { type: 'boolean', description: 'Print the summary as JSON', default: false },
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    state: { type: 'string', description: 'Where checkpoints and rejects files go', default: '.sfmc-kit' },
    concurrency: {
      type: 'string',
      description: 'SFMC calls in flight at once (twice as many batches are kept moving)',
      default: '4',
    },
  },
  async run({ args }) {
    const concurrency = Number(args.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 50) {
      throw new KitError(
        'USAGE',
        `--concurrency must be a whole number from 1 to 50, not "${args.concurrency}"`,
      );
    }
    const [{ loadProject, findDataExtension, dataExtensionKey }, { loadConfig }, { createClient }, sync] =
      await Promise.all([
        import('../../definitions/index.ts'),
        import('../../config/index.ts'),
        import('../../client/index.ts'),
        import('../../sync/index.ts'),
      ]);
    const project = await loadProject(args.dir, { env: args.env });
    const wanted = (args._ as string[] | undefined) ?? [];
    const unknown = wanted.filter((n) => !project.syncs.some((s) => s.name === n));
    if (unknown.length) {
      throw new KitError('USAGE', `no sync named ${unknown.join(', ')}`, {
        hint: `defined: ${project.syncs.map((s) => s.name).join(', ') || 'none'}`,
      });
    }
    const defs = wanted.length ? project.syncs.filter((s) => wanted.includes(s.name)) : project.syncs;
    const config = loadConfig({ envName: args.env });
    if (!config.salesforce) {
      throw new KitError('CONFIG_INVALID', 'no Salesforce connection configured', {
        hint: 'set SF_* variables in .env',
      });
    }
    if (!config.sfmc) {
      throw new KitError('CONFIG_INVALID', 'no SFMC connection configured', {
        hint: 'set SFMC_* variables in .env, or run `sfmc-kit emulator` and paste its lines',
      });
    }
    // The sync keeps `concurrency` calls busy; the client's own limit must let that many through.
    const client = createClient({ ...config.sfmc, maxConcurrency: concurrency });
    const target = sync.createSfmcSink(client);
    const conn = await sync.connectSalesforce(config.salesforce);
    const checkpoint = sync.createFileCheckpointStore(join(args.state, 'checkpoints'));
    const summaries: SyncSummary[] = [];
    for (const def of defs) {
      const de = findDataExtension(project, def.target);
      const spec: SyncSpec = {
        name: def.name,
        object: def.object,
        fields: def.fields,
        where: def.where,
        targetKey: de ? dataExtensionKey(project, de) : def.target,
        mode: def.mode,
        deletes: def.deletes,
        bulkThreshold: def.bulkThreshold,
      };
      const progress = await progressRenderer(args.json);
      try {
        summaries.push(
          await sync.runSync({
            sync: spec,
            conn,
            target,
            checkpoint,
            options: {
              full: args.full,
              concurrency,
              rejectsFile: join(args.state, 'rejects', `${def.name}.jsonl`),
              onProgress: progress.update,
            },
          }),
        );
      } finally {
        progress.stop();
      }
    }
    if (args.json) console.log(JSON.stringify({ syncs: summaries }, null, 2));
    else {
      for (const s of summaries) {
        console.log(
          `✓ ${s.sync}: ${s.object} → ${s.targetKey} (${s.mode}, ${s.method}${s.resumed ? ', resumed' : ''}): ${s.upserted} upserted, ${s.rejected} rejected, ${s.deleted} deleted, ${s.leftFilter} left the filter; ${s.apiCalls} Salesforce API calls${s.apiRemaining === undefined ? '' : ` (${s.apiRemaining} left today)`}`,
        );
        if (s.reconciliation) {
          console.log(
            `  full reconciliation by Id (${s.reconciliation.reason}): ${s.reconciliation.retired} rows retired`,
          );
        }
        const cut = Object.entries(s.truncated);
        if (cut.length)
          console.log(`  truncated to the field length: ${cut.map(([f, n]) => `${f} ${n}`).join(', ')}`);
        if (s.overwrites)
          console.log(`  ${s.overwrites} records overwrote another record's row (same key in SFMC)`);
        for (const r of s.rejects.slice(0, 5)) console.log(`  rejected ${r.id ?? '?'}: ${r.reason}`);
        if (s.rejected || cut.length || s.overwrites) {
          console.log(
            `  every rejected, truncated or overwriting row: ${join(args.state, 'rejects', `${s.sync}.jsonl`)}`,
          );
        }
      }
    }
    // A row SFMC refused, or a record whose row another one overwrote, is missing from the DE.
    return summaries.some((s) => s.rejected > 0 || s.overwrites > 0) ? 2 : 0;
  },
});
