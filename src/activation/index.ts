export { applyCampaignChanges, type CampaignResult } from './apply-campaigns.ts';
export { diffCampaignMembers } from './diff-members.ts';
export { clientMemberSource } from './members-from-client.ts';
export { personField } from './person.ts';
export {
  activatedSegments,
  type CampaignPlan,
  keyFieldOf,
  type MemberSource,
  planCampaigns,
} from './plan-activation.ts';
export { renderCampaignPlan } from './render-plan.ts';
export { type ActivationRun, runActivation } from './run-activation.ts';
export { type CampaignPort, jsforceCampaignPort, soqlString } from './salesforce-port.ts';
export * from './types.ts';
