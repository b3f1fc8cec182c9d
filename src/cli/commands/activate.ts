import { join } from 'node:path';
import { defineCommand } from 'citty';
import { KitError } from '../../errors/index.ts';

export default defineCommand({
  meta: {
    name: 'activate',
    description:
      "Put segment members to work: CampaignMembers of each segment's Salesforce Campaign (only the difference is written). Exit 0 ok, 2 rows rejected or (--dry-run) changes pending",
  },
  args: {
    segments: {
      type: 'positional',
      required: false,
      description: 'Segments to activate (default: every segment with activate:)',
    },
    'dry-run': { type: 'boolean', description: 'Show the changes; write nothing', default: false },
    env: { type: 'string', description: 'Environment (variables and credentials)' },
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    state: { type: 'string', description: 'Where the rejects file goes', default: '.sfmc-kit' },
    json: { type: 'boolean', description: 'Print the plan and results as JSON', default: false },
  },
  async run({ args }) {
    const [
      { loadProject },
      { loadConfig },
      { createClient },
      { compileProject },
      activation,
      { connectSalesforce },
    ] = await Promise.all([
      import('../../definitions/load-project.ts'),
      import('../../config/index.ts'),
      import('../../client/index.ts'),
      import('../../compiler/index.ts'),
      import('../../activation/index.ts'),
      import('../../sync/connect.ts'),
    ]);
    const project = await loadProject(args.dir, { env: args.env });
    const compiled = compileProject(project);
    const only = ((args._ as string[] | undefined) ?? []).filter(Boolean);
    const selected = activation.activatedSegments(project, compiled.segments, only);
    if (!selected.length) {
      console.log('No segment declares activate: nothing to do.');
      return 0;
    }
    const config = loadConfig({ envName: args.env });
    if (!config.sfmc) {
      throw new KitError('CONFIG_INVALID', 'no SFMC connection configured', {
        hint: 'set SFMC_* variables in .env, or run `sfmc-kit emulator` and paste its lines',
      });
    }
    const needsSalesforce = selected.some((a) => a.activation.salesforceCampaign);
    if (needsSalesforce && !config.salesforce) {
      throw new KitError('CONFIG_INVALID', 'no Salesforce connection configured', {
        hint: 'set SF_* variables in .env',
      });
    }
    const client = createClient(config.sfmc);
    const campaigns = needsSalesforce
      ? activation.jsforceCampaignPort(await connectSalesforce(config.salesforce!))
      : undefined;
    const rejectsFile = join(args.state, 'rejects', 'activation.jsonl');
    const run = await activation.runActivation({
      project,
      segments: compiled.segments,
      only,
      client,
      campaigns,
      dryRun: args['dry-run'],
      rejectsFile,
    });
    if (args.json) console.log(JSON.stringify(run, null, 2));
    else {
      console.log(activation.renderCampaignPlan(run.plan));
      for (const r of run.campaigns) {
        console.log(
          `✓ ${r.segment}: Campaign ${r.campaignId}${r.created ? ' (created)' : ''}: ${r.added} added, ${r.removed} removed, ${r.restatused} status changes, ${r.rejected} rejected (${r.method === 'none' ? 'nothing written' : r.method})`,
        );
      }
      if (run.rejects.length) console.log(`  rejects: ${rejectsFile}`);
    }
    if (run.plan.errors.length) {
      throw new KitError('NOT_FOUND', run.plan.errors.map((e) => `${e.segment}: ${e.message}`).join('; '), {
        hint: run.plan.errors[0].hint,
      });
    }
    if (run.dryRun)
      return run.plan.campaigns.some(
        (c) => c.add.length + c.remove.length + c.restatus.length || c.campaign.create,
      )
        ? 2
        : 0;
    return run.rejects.length ? 2 : 0;
  },
});
