import { defineCommand } from 'citty';
import { collect } from '../../client/index.ts';
import { connect } from '../../deploy/connect.ts';
import { historyKeys, readHistory } from '../../measurement/read-history.ts';
import { segmentTrend, sizeFlag } from '../../measurement/trends.ts';

export default defineCommand({
  meta: {
    name: 'status',
    description:
      "Show each segment's size, its change since the previous run (with measurement.history), schedule and last run",
  },
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
      // With measurement.history the history data extension knows each run's size; read it once.
      const keys = historyKeys(s.project);
      const history =
        keys && deployedDes.has(keys.history.toLowerCase())
          ? await readHistory(s.client, keys.history)
          : undefined;
      const share = s.project.config.measurement?.flagShare ?? 0.5;
      const segmentNames = new Set(s.project.segments.map((x) => x.name));
      const rows = [];
      for (const q of [...s.desired.queries, ...s.desired.filterActivities]) {
        if (!segmentNames.has(q.name)) continue; // measurement queries are not segments
        const key = 'targetKey' in q ? q.targetKey : q.destinationKey;
        const deployed = deployedDes.has(key.toLowerCase());
        const a = automations.get(q.key.toLowerCase());
        const raw = (a?.raw ?? {}) as Record<string, unknown>;
        const trend = history?.get(q.name)?.length
          ? segmentTrend(q.name, history.get(q.name)!, [])
          : undefined;
        const flag = trend ? sizeFlag(trend, share) : undefined;
        rows.push({
          segment: q.name,
          target: key,
          deployed,
          rows: deployed ? await s.client.rows.count(key) : null,
          previousRun: trend?.previousSize ?? null,
          change: trend?.previousSize === undefined ? null : trend.size! - trend.previousSize,
          ...(flag ? { flag: flag.reason } : {}),
          refresh: a ? `automation ${a.status ?? 'unknown'}` : 'static (ran once at deploy)',
          lastRun:
            trend?.lastRun ??
            (raw.lastRunTime as string | undefined) ??
            (raw.lastRunInstanceId ? 'yes' : null),
        });
      }
      if (args.json) console.log(JSON.stringify(rows, null, 2));
      else {
        console.log(`Segments in ${s.target}, environment ${s.env}\n`);
        for (const r of rows) {
          const change =
            r.change === null
              ? ''
              : ` (${r.change >= 0 ? '+' : '−'}${Math.abs(r.change)} since previous run)`;
          console.log(
            `${r.segment.padEnd(36)} ${r.deployed ? String(r.rows).padStart(8) : ' (not deployed)'}${change}  ${r.refresh}${r.lastRun ? `, last run ${r.lastRun}` : ''}${r.flag ? `  ⚑ ${r.flag}` : ''}`,
          );
        }
      }
      return 0;
    } finally {
      await s.close();
    }
  },
});
