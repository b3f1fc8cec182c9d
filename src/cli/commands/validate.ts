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
    remote: {
      type: 'boolean',
      description: "Also check SQL segments with SFMC's query validate endpoint (needs credentials)",
      default: false,
    },
  },
  async run({ args }) {
    const result = await validateProject(args.dir, { env: args.env });
    if (args.remote) {
      const [{ loadConfig }, { createClient }, { validateSqlRemotely }] = await Promise.all([
        import('../../config/index.ts'),
        import('../../client/index.ts'),
        import('../../sql-segments/index.ts'),
      ]);
      const config = loadConfig({ envName: args.env });
      if (!config.sfmc) throw new KitError('CONFIG_INVALID', 'validate --remote needs SFMC credentials');
      const remote = await validateSqlRemotely(result.project, createClient(config.sfmc).queries);
      result.diagnostics.push(...remote);
      result.errors += remote.filter((d) => d.severity === 'error').length;
      result.warnings += remote.filter((d) => d.severity === 'warning').length;
    }
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
