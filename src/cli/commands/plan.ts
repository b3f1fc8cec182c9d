import { defineCommand } from 'citty';
import { connect } from '../../deploy/connect.ts';
import { planDeployment, renderPlan } from '../../deploy/index.ts';
import { serializeArtifact, toArtifact } from '../../deploy/plan-artifact.ts';
import { writeOutput } from '../output.ts';

export default defineCommand({
  meta: {
    name: 'plan',
    description: 'Show what deploy would change in the business unit (exit 0 no changes, 2 changes, 1 error)',
  },
  args: {
    env: { type: 'string', description: 'Environment (variables and credentials)' },
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    json: { type: 'boolean', description: 'Print the plan as JSON', default: false },
    out: { type: 'string', description: 'Save the plan for `deploy --plan`' },
    emulator: { type: 'boolean', description: 'Plan against a fresh in-process emulator', default: false },
  },
  async run({ args }) {
    const s = await connect({ dir: args.dir, env: args.env, emulator: args.emulator });
    try {
      const { plan } = await planDeployment(s.port, s.desired, s.env);
      if (args.out) writeOutput(args.out, serializeArtifact(toArtifact(plan, s.businessUnit)));
      if (args.json) console.log(JSON.stringify(plan, null, 2));
      else {
        console.log(`Planning against ${s.target}, environment ${s.env}\n`);
        const { planImpactNotes } = await import('../../impact/plan-notes.ts');
        console.log(renderPlan(plan, planImpactNotes(s.project)));
        if (args.out)
          console.log(`\nSaved to ${args.out}; apply it with: sfmc-kit deploy --plan ${args.out}`);
      }
      return plan.changes.length ? 2 : 0;
    } finally {
      await s.close();
    }
  },
});
