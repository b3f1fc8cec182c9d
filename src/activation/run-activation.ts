/**
 * `sfmc-kit activate`: plan → (unless dry run) apply, for every activated segment or those named.
 * I/O comes in through the ports; this module only sequences them.
 */
import type { SfmcClient } from '../client/index.ts';
import type { CompiledSegment } from '../compiler/index.ts';
import type { Project } from '../definitions/project.ts';
import { KitError } from '../errors/index.ts';
import { applyCampaignChanges, type CampaignResult } from './apply-campaigns.ts';
import { clientMemberSource } from './members-from-client.ts';
import { activatedSegments, type CampaignPlan, type MemberSource, planCampaigns } from './plan-activation.ts';
import { writeRejects } from './rejects-file.ts';
import type { CampaignPort } from './salesforce-port.ts';
import type { MemberReject } from './types.ts';

export interface ActivationRun {
  plan: CampaignPlan;
  campaigns: CampaignResult[];
  rejects: MemberReject[];
  dryRun: boolean;
}

export interface RunActivationInput {
  project: Project;
  segments: CompiledSegment[];
  only?: string[];
  client: Pick<SfmcClient, 'rows'>;
  /** Needed when any selected segment activates to a Salesforce Campaign. */
  campaigns?: CampaignPort;
  readMembers?: MemberSource;
  dryRun?: boolean;
  rejectsFile?: string;
  now?: () => Date;
}

export async function runActivation(input: RunActivationInput): Promise<ActivationRun> {
  const activated = activatedSegments(input.project, input.segments, input.only);
  const readMembers = input.readMembers ?? clientMemberSource(input.client);
  const wantsCampaign = activated.filter((a) => a.activation.salesforceCampaign);
  let plan: CampaignPlan = { campaigns: [], errors: [] };
  if (wantsCampaign.length) {
    if (!input.campaigns) {
      throw new KitError(
        'CONFIG_INVALID',
        `${wantsCampaign.map((a) => a.seg.name).join(', ')} activate to Salesforce, but no Salesforce connection is configured`,
        {
          hint: 'set the SF_* variables in .env (see .env.example)',
        },
      );
    }
    plan = await planCampaigns(wantsCampaign, input.campaigns, readMembers);
  }
  const run: ActivationRun = { plan, campaigns: [], rejects: [], dryRun: !!input.dryRun };
  if (input.dryRun || plan.errors.length) return run;
  for (const changes of plan.campaigns) {
    const { result, rejects } = await applyCampaignChanges(changes, input.campaigns!);
    run.campaigns.push(result);
    run.rejects.push(...rejects);
  }
  if (input.rejectsFile)
    await writeRejects(input.rejectsFile, run.rejects, (input.now ?? (() => new Date()))());
  return run;
}
