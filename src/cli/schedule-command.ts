import { defineCommand } from 'citty';
import { connect } from '../deploy/connect.ts';
import { setSchedule } from '../operate/index.ts';

/** `sfmc-kit pause` and `sfmc-kit resume`: one command shape, the action is the only difference. */
export function scheduleCommand(action: 'pause' | 'resume') {
  const verb = action === 'pause' ? 'Pause' : 'Resume';
  return defineCommand({
    meta: {
      name: action,
      description: `${verb} the schedule of the automation holding a segment (or an automation named by key)`,
    },
    args: {
      name: { type: 'positional', required: true, description: 'Segment name, or automation key or name' },
      env: { type: 'string', description: 'Environment (variables and credentials)' },
      dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
      json: { type: 'boolean', description: 'Print the result as JSON', default: false },
    },
    async run({ args }) {
      const s = await connect({ dir: args.dir, env: args.env });
      try {
        const r = await setSchedule(s, args.name, action);
        if (args.json) console.log(JSON.stringify(r, null, 2));
        else
          console.log(
            `✓ automation ${r.automation} ${r.action} (was ${r.before})${r.segments.length ? `; it refreshes ${r.segments.join(', ')}` : ''}`,
          );
        return 0;
      } finally {
        await s.close();
      }
    },
  });
}
