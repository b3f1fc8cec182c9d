import { defineCommand } from 'citty';
import { compileSegment } from '../../compiler/compile-segment.ts';
import { loadProject } from '../../definitions/load-project.ts';

export default defineCommand({
  meta: { name: 'compile', description: 'Print the SQL or filter XML a segment deploys, and why that form' },
  args: {
    segment: { type: 'positional', description: 'Segment name', required: true },
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    env: { type: 'string', description: 'Environment whose variables apply' },
    json: { type: 'boolean', description: 'Print the compiled segment as JSON', default: false },
  },
  async run({ args }) {
    const project = await loadProject(args.dir, { env: args.env });
    const c = compileSegment(project, args.segment);
    if (args.json) {
      console.log(JSON.stringify(c, null, 2));
      return 0;
    }
    console.log(`-- segment ${c.name}: ${c.form} (${c.reason})`);
    console.log(
      `-- target ${c.target.name} [${c.targetKey}], ${c.updateType}${c.schedule ? `, ${c.schedule.frequency}${c.schedule.time ? ` at ${c.schedule.time}` : ''}` : ', once at deploy'}`,
    );
    if (c.dependsOn.length) console.log(`-- after: ${c.dependsOn.join(', ')}`);
    console.log(
      c.summary
        .split('\n')
        .map((l) => `-- ${l}`)
        .join('\n'),
    );
    if (c.filter) {
      console.log(`\n<!-- filter definition on ${c.filter.sourceName} [${c.filter.sourceKey}] -->`);
      console.log(c.filter.xml);
      console.log('\n-- equivalent query:');
    }
    console.log(c.sql);
    return 0;
  },
});
