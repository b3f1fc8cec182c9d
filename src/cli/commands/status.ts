import { defineCommand } from 'citty';
import { collect } from '../../client/index.ts';
import { connect } from '../../deploy/connect.ts';

export default defineCommand({
  meta: { name: 'status', description: "Show each segment's row count, schedule and last run" },
  args: {
    env: { type: 'string', description: 'Environment (variables and credentials)' },
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    json: { type: 'boolean', description: 'Print as JSON', default: false },
    emulator: { type: 'boolean', description: 'Read a fresh in-process emulator', default: false },
  },
  async run({ args }) {
    const s = await connect({ dir: args.dir, env: args.env, emulator: args.emulator });
    try {
      const automations = new Map(
        (await collect(s.client.automations.list())).map((a) => [a.key.toLowerCase(), a]),
      );
      const deployedDes = new Set((await s.port.readModel()).dataExtensions.map((d) => d.key.toLowerCase()));
      const rows = [];
      for (const q of [...s.desired.queries, ...s.desired.filterActivities]) {
        const key = 'targetKey' in q ? q.targetKey : q.destinationKey;
        const deployed = deployedDes.has(key.toLowerCase());
        const a = automations.get(q.key.toLowerCase());
        const raw = (a?.raw ?? {}) as Record<string, unknown>;
        rows.push({
          segment: q.name,
          target: key,
          deployed,
          rows: deployed ? await s.client.rows.count(key) : null,
          refresh: a ? `automation ${a.status ?? 'unknown'}` : 'static (ran once at deploy)',
          lastRun: (raw.lastRunTime as string | undefined) ?? (raw.lastRunInstanceId ? 'yes' : null),
        });
      }
      if (args.json) console.log(JSON.stringify(rows, null, 2));
      else {
        console.log(`Segments in ${s.target}, environment ${s.env}\n`);
        for (const r of rows) {
          console.log(
            `${r.segment.padEnd(36)} ${r.deployed ? String(r.rows).padStart(8) : ' (not deployed)'}  ${r.refresh}${r.lastRun ? `, last run ${r.lastRun}` : ''}`,
          );
        }
      }
      return 0;
    } finally {
      await s.close();
    }
  },
});
