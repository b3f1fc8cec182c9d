import path from 'node:path';
import { defineCommand } from 'citty';
import { loadProject } from '../../definitions/load-project.ts';
import { renderTestReport, runSegmentTests } from '../../segment-tests/index.ts';

export default defineCommand({
  meta: {
    name: 'test',
    description:
      'Run segment tests (definitions/tests) in the in-process emulator; no account needed. Exit 0 all pass, 1 otherwise',
  },
  args: {
    segment: {
      type: 'positional',
      description: 'Segments whose tests to run (default: all)',
      required: false,
    },
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    env: { type: 'string', description: 'Environment whose variables apply (default: defaultEnvironment)' },
    json: { type: 'boolean', description: 'Print the report as JSON', default: false },
  },
  async run({ args }) {
    const project = await loadProject(path.resolve(args.dir), { env: args.env });
    const segments = args._.map(String);
    const report = await runSegmentTests(project, { segments });
    console.log(args.json ? JSON.stringify(report, null, 2) : renderTestReport(report));
    return report.ok ? 0 : 1;
  },
});
