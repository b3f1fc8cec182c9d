import { defineCommand } from 'citty';
import { connect } from '../../deploy/connect.ts';
import { runSegment } from '../../operate/index.ts';

export default defineCommand({
  meta: {
    name: 'run',
    description:
      'Refresh one deployed segment now, wait for it and print its size (refused if the BU differs from the definitions)',
  },
  args: {
    segment: { type: 'positional', required: true, description: 'Segment name' },
    env: { type: 'string', description: 'Environment (variables and credentials)' },
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    timeout: {
      type: 'string',
      description: 'Seconds to wait for the run (default 2100: SFMC stops queries at 30 min)',
    },
    json: { type: 'boolean', description: 'Print the result as JSON', default: false },
  },
  async run({ args }) {
    const s = await connect({ dir: args.dir, env: args.env });
    try {
      const timeoutMs = args.timeout === undefined ? undefined : Number(args.timeout) * 1000;
      const r = await runSegment(s, args.segment, { timeoutMs });
      if (args.json) console.log(JSON.stringify(r, null, 2));
      else
        console.log(
          `✓ ${r.segment}: ${r.rows} members in ${r.targetKey} (${r.activity}, ${r.seconds.toFixed(1)} s)`,
        );
      return 0;
    } finally {
      await s.close();
    }
  },
});
