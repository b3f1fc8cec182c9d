import { defineCommand } from 'citty';
import { formatDiagnostic } from '../../definitions/diagnostics.ts';
import { KitError } from '../../errors/index.ts';
import { validateProject } from '../../lint/validate-project.ts';

export default defineCommand({
  meta: {
    name: 'validate',
    description: 'Check definitions: schema, references, lint and compile. Exit 0 clean, 1 on errors',
  },
  args: {
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    env: { type: 'string', description: 'Environment whose variables apply (default: defaultEnvironment)' },
    json: { type: 'boolean', description: 'Print the result as JSON', default: false },
    strict: { type: 'boolean', description: 'Fail on warnings too', default: false },
  },
  async run({ args }) {
    const result = await validateProject(args.dir, { env: args.env });
    const failed = result.errors > 0 || (args.strict && result.warnings > 0);
    if (args.json) {
      console.log(
        JSON.stringify(
          {
            ok: !failed,
            errors: result.errors,
            warnings: result.warnings,
            segments: result.segments.length,
            dataExtensions: result.project.dataExtensions.length,
            diagnostics: result.diagnostics,
          },
          null,
          2,
        ),
      );
    } else {
      for (const d of result.diagnostics) console.log(formatDiagnostic(d));
      const p = result.project;
      console.log(
        `${failed ? '✗' : '✓'} ${p.segments.length} segments, ${p.dataExtensions.length} data extensions, ${p.syncs.length} syncs, ${p.tests.length} test files: ${result.errors} errors, ${result.warnings} warnings${args.strict && result.warnings ? ' (--strict)' : ''}`,
      );
    }
    // citty drops a subcommand's return value, so a failure is thrown: the entry point maps it to exit 1.
    if (failed) {
      throw new KitError(
        'DEFINITION_INVALID',
        `validation failed: ${result.errors} errors, ${result.warnings} warnings${args.strict ? ' (--strict)' : ''}`,
      );
    }
    return 0;
  },
});
