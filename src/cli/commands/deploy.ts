import { createInterface } from 'node:readline/promises';
import { defineCommand } from 'citty';
import { connect } from '../../deploy/connect.ts';
import { applyPlan, assertFresh, type Plan, planDeployment, renderPlan } from '../../deploy/index.ts';
import { assertPlanTarget, readPlanArtifact } from '../../deploy/plan-artifact.ts';
import { KitError, redact } from '../../errors/index.ts';
import { integerFlag, integerValue } from '../flags.ts';

export default defineCommand({
  meta: { name: 'deploy', description: 'Apply the definitions to the business unit in dependency order' },
  args: {
    env: { type: 'string', description: 'Environment (variables and credentials)' },
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    plan: {
      type: 'string',
      description: 'Apply a plan saved by `plan --out` (refused if the BU changed since)',
    },
    yes: { type: 'boolean', description: 'Do not ask for confirmation', default: false },
    'allow-destructive': {
      type: 'boolean',
      description: 'Allow deletes, field drops and replacing DEs that hold rows',
      default: false,
    },
    concurrency: integerFlag('Parallel writes within a dependency level', { min: 1, max: 20, default: 5 }),
    json: { type: 'boolean', description: 'Print the result as JSON', default: false },
    emulator: { type: 'boolean', description: 'Deploy to a fresh in-process emulator', default: false },
  },
  async run({ args }) {
    const interactive = process.stdin.isTTY && process.stdout.isTTY && !args.json;
    if (!args.yes && !interactive) {
      throw new KitError('USAGE', 'deploy needs --yes when not run in a terminal (no prompt is possible)');
    }
    // A saved plan is checked (schema, version, integrity) before anything is connected or written.
    const saved = args.plan ? readPlanArtifact(args.plan) : undefined;
    const concurrency = integerValue(args, 'concurrency');
    const s = await connect({ dir: args.dir, env: args.env, emulator: args.emulator });
    try {
      let plan: Plan;
      if (args.plan && saved) {
        assertPlanTarget(args.plan, saved, s.env, s.businessUnit);
        plan = saved;
        assertFresh(plan, await s.port.readModel());
      } else {
        plan = (await planDeployment(s.port, s.desired, s.env)).plan;
      }
      const log = (line: string) => (args.json ? undefined : console.log(line));
      log(`Deploying to ${s.target}, environment ${s.env}\n`);
      log(renderPlan(plan));
      if (!plan.changes.length) {
        if (args.json)
          console.log(JSON.stringify({ plan, done: [], failed: [], skipped: [], runs: [] }, null, 2));
        return 0;
      }
      if (!args.yes) {
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        const answer = await rl.question('\nApply these changes? Only "yes" is accepted: ');
        rl.close();
        if (answer.trim() !== 'yes') {
          console.log('Cancelled; nothing was changed.');
          return 1;
        }
      }
      let n = 0;
      const result = await applyPlan(plan, s.port, {
        allowDestructive: args['allow-destructive'],
        concurrency,
        onProgress: ({ change, status, error }) => {
          if (status === 'done')
            log(`[${++n}/${plan.changes.length}] ${change.kind} ${change.resource} ${change.key}`);
          if (status === 'failed')
            log(
              `FAILED ${change.kind} ${change.resource} ${change.key}: ${redact(String((error as Error)?.message ?? error))}`,
            );
        },
      });
      const brief = (c: { kind: string; resource: string; key: string }) =>
        `${c.kind} ${c.resource} ${c.key}`;
      if (args.json) {
        console.log(
          JSON.stringify(
            {
              done: result.done.map(brief),
              failed: result.failed.map((f) => ({
                change: brief(f.change),
                error: redact(String((f.error as Error)?.message ?? f.error)),
              })),
              skipped: result.skipped.map(brief),
              runs: result.runs,
            },
            null,
            2,
          ),
        );
      } else {
        for (const r of result.runs) log(`ran once (static segment): ${r}`);
        if (result.failed.length) {
          log(
            `\nDeploy stopped: ${result.done.length} done, ${result.failed.length} failed, ${result.skipped.length} not attempted. Run deploy again to converge.`,
          );
        } else
          log(
            `\nDeploy complete: ${result.done.length} changes applied. See row counts with: sfmc-kit status`,
          );
      }
      return result.failed.length ? 1 : 0;
    } finally {
      await s.close();
    }
  },
});
