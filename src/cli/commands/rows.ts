import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { defineCommand } from 'citty';
import { KitError } from '../../errors/index.ts';
import type { RowProgress, RowsClient, WriteRowsSummary } from '../../rows/index.ts';

const ACTIONS = ['export', 'import', 'clear', 'copy'] as const;
type Action = (typeof ACTIONS)[number];

/** A bar on a TTY (stderr), nothing otherwise: the summary line says what happened. */
async function progressBar(label: string, enabled: boolean) {
  if (!enabled || !process.stderr.isTTY) return { update(_p: RowProgress) {}, stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {done} rows | {rejected} rejected | {speed} rows/s`,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  const t0 = Date.now();
  bar.start(1000, 0, { done: 0, rejected: 0, speed: 0 });
  return {
    update(p: RowProgress) {
      const share = p.total ? p.done / Math.max(1, p.total) : (p.fraction ?? 0);
      const secs = Math.max(0.001, (Date.now() - t0) / 1000);
      bar.update(Math.round(Math.min(1, share) * 1000), {
        done: p.done,
        rejected: p.rejected,
        speed: Math.round(p.done / secs),
      });
    },
    stop() {
      bar.stop();
    },
  };
}

async function confirmClear(key: string, yes: boolean): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new KitError('USAGE', `refusing to delete every row of "${key}" unattended: pass --yes`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`Delete every row of "${key}"? Type its key to confirm: `);
  rl.close();
  if (answer.trim() !== key) throw new KitError('USAGE', 'not confirmed; nothing was deleted');
}

export default defineCommand({
  meta: {
    name: 'rows',
    description:
      'Rows of a data extension: export <de> [--out f.csv|.jsonl], import <de> <file>, clear <de>, copy <de> --from-env a --to-env b. Exit 2 when rows were rejected',
  },
  args: {
    action: { type: 'positional', required: true, description: `One of ${ACTIONS.join(', ')}` },
    de: {
      type: 'positional',
      required: true,
      description: 'Data extension: external key, or name in definitions/',
    },
    file: { type: 'positional', required: false, description: 'import: the CSV or JSON Lines file to load' },
    out: { type: 'string', description: 'export: file to write (.csv or .jsonl); default CSV on stdout' },
    format: { type: 'string', description: 'csv or jsonl, when the file name does not say' },
    mode: { type: 'string', description: 'import/copy: upsert (default) or insert', default: 'upsert' },
    'clear-first': { type: 'boolean', description: 'import/copy: delete every row first', default: false },
    yes: { type: 'boolean', description: 'Do not ask before deleting rows', default: false },
    rejects: {
      type: 'string',
      description: 'Rejects file (JSON Lines); default .sfmc-kit/rejects/<key>.jsonl',
    },
    concurrency: { type: 'string', description: 'Async batches in flight at once', default: '4' },
    'batch-rows': { type: 'string', description: 'Rows per async call (at most 32000)', default: '10000' },
    env: { type: 'string', description: 'Environment whose credentials to use' },
    'from-env': { type: 'string', description: 'copy: environment to read from' },
    'to-env': { type: 'string', description: 'copy: environment to write to' },
    dir: { type: 'string', description: 'Definitions directory (for DE names)', default: 'definitions' },
    json: { type: 'boolean', description: 'Print the summary as JSON', default: false },
  },
  async run({ args }) {
    const action = args.action as Action;
    if (!ACTIONS.includes(action))
      throw new KitError('USAGE', `unknown rows action "${args.action}"`, {
        hint: `one of ${ACTIONS.join(', ')}`,
      });
    if (args.mode !== 'upsert' && args.mode !== 'insert')
      throw new KitError('USAGE', `--mode must be upsert or insert, not "${args.mode}"`);
    const concurrency = Number(args.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 20)
      throw new KitError(
        'USAGE',
        `--concurrency must be a whole number from 1 to 20, not "${args.concurrency}"`,
      );
    const batchRows = Number(args['batch-rows']);
    if (!Number.isInteger(batchRows) || batchRows < 1 || batchRows > 32_000)
      throw new KitError(
        'USAGE',
        `--batch-rows must be a whole number from 1 to 32000, not "${args['batch-rows']}"`,
      );
    if (action === 'import' && !args.file)
      throw new KitError('USAGE', 'rows import needs a file: rows import <de> <file>');
    if (action !== 'import' && args.file)
      throw new KitError('USAGE', `rows ${action} takes no file argument`);
    if (action === 'copy' && (!args['from-env'] || !args['to-env']))
      throw new KitError('USAGE', 'rows copy needs --from-env and --to-env');
    if (action !== 'copy' && (args['from-env'] || args['to-env']))
      throw new KitError('USAGE', '--from-env/--to-env belong to rows copy');

    const [{ loadConfig }, { createClient }, rows, defs] = await Promise.all([
      import('../../config/index.ts'),
      import('../../client/index.ts'),
      import('../../rows/index.ts'),
      import('../../definitions/index.ts'),
    ]);
    const connectTo = (envName?: string): RowsClient => {
      const config = loadConfig({ envName });
      if (!config.sfmc)
        throw new KitError(
          'CONFIG_INVALID',
          `no SFMC credentials are configured${envName ? ` for environment "${envName}"` : ''}`,
          {
            hint: `set ${envName ? `${envName.toUpperCase()}_` : ''}SFMC_CLIENT_ID, SFMC_CLIENT_SECRET and SFMC_AUTH_URL (or run \`sfmc-kit emulator\` and paste its lines into .env)`,
          },
        );
      return createClient({ ...config.sfmc, maxConcurrency: concurrency + 1 });
    };
    // A name declared in definitions/ maps to its key; without a project the argument is the key.
    const keyOf = async (env?: string) => {
      if (!existsSync(join(args.dir, 'sfmc-kit.yaml'))) return undefined;
      const project = await defs.loadProject(args.dir, { env });
      return (name: string) => {
        const de = defs.findDataExtension(project, name);
        return de ? defs.dataExtensionKey(project, de) : undefined;
      };
    };
    const print = (summary: Record<string, unknown>, line: string) =>
      console.log(args.json ? JSON.stringify({ action, ...summary }, null, 2) : line);

    if (action === 'export') {
      const client = connectTo(args.env);
      const de = await rows.resolveDataExtension(client, args.de, await keyOf(args.env));
      const format = args.out
        ? rows.formatOf(args.out, args.format)
        : ((args.format as 'csv' | 'jsonl') ?? 'csv');
      if (args.format) rows.formatOf(`x.${args.format}`);
      const writer = rows.createRowWriter(
        args.out ?? process.stdout,
        format,
        de.fields.map((f) => f.name),
      );
      const bar = await progressBar(`export ${de.key}`, Boolean(args.out) && !args.json);
      try {
        const { rows: n } = await rows.exportRows(client, de, writer, { onProgress: bar.update });
        bar.stop();
        if (args.out)
          print({ key: de.key, rows: n, out: args.out }, `✓ exported ${n} rows of ${de.key} to ${args.out}`);
      } finally {
        bar.stop();
      }
      return 0;
    }

    const client = connectTo(action === 'copy' ? args['to-env'] : args.env);
    const de = await rows.resolveDataExtension(
      client,
      args.de,
      await keyOf(action === 'copy' ? args['to-env'] : args.env),
    );
    if (action === 'clear' || args['clear-first']) await confirmClear(de.key, args.yes);
    let cleared = 0;
    if (action === 'clear' || args['clear-first']) {
      const bar = await progressBar(`clear ${de.key}`, !args.json);
      try {
        cleared = (await rows.clearRows(client, de, { onProgress: bar.update })).deleted;
      } finally {
        bar.stop();
      }
      if (action === 'clear') {
        print({ key: de.key, deleted: cleared }, `✓ deleted ${cleared} rows of ${de.key}`);
        return 0;
      }
    }

    const rejectsPath = args.rejects ?? join('.sfmc-kit', 'rejects', `${de.key}.jsonl`);
    const rejects = rows.createRejectsFile(rejectsPath);
    const bar = await progressBar(`${action} ${de.key}`, !args.json);
    let summary: WriteRowsSummary;
    try {
      if (action === 'import') {
        const file = rows.openRowFile(args.file!, rows.formatOf(args.file!, args.format));
        summary = await rows.writeRows(client, de, file.records, {
          mode: args.mode,
          rejects,
          concurrency,
          batchRows,
          onProgress: bar.update,
          fraction: () => file.bytesRead() / Math.max(1, file.size),
        });
      } else {
        const source = connectTo(args['from-env']);
        const from = await rows.resolveDataExtension(source, args.de, await keyOf(args['from-env']));
        summary = await rows.writeRows(client, de, rows.rowsAsRecords(source, from), {
          mode: args.mode,
          rejects,
          concurrency,
          batchRows,
          onProgress: bar.update,
          total: await source.rows.count(from.key),
        });
      }
    } finally {
      bar.stop();
      await rejects.close();
    }
    const where = action === 'copy' ? `${args['from-env']} → ${args['to-env']} ` : '';
    print(
      { key: de.key, cleared, ...summary, ...(rejects.count ? { rejectsFile: rejectsPath } : {}) },
      `✓ ${action} ${where}${de.key}: ${summary.written} rows written, ${summary.rejected} rejected${cleared ? `, ${cleared} deleted first` : ''}${rejects.count ? `\n  rejects (reason per row): ${rejectsPath}` : ''}`,
    );
    return summary.rejected ? 2 : 0;
  },
});
