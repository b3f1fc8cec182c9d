/**
 * Activation plan: for each segment with `activate.salesforceCampaign`, the CampaignMember writes that
 * make the campaign match the segment's members after its last refresh. Reads only; nothing is written.
 */
import type { CompiledSegment } from '../compiler/index.ts';
import type { Project } from '../definitions/project.ts';
import type { ActivationDef } from '../definitions/schemas/activation.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import { KitError } from '../errors/index.ts';
import { diffCampaignMembers } from './diff-members.ts';
import type { CampaignPort } from './salesforce-port.ts';
import type { CampaignChanges, CampaignRef } from './types.ts';

/** Keys of a segment's members: its target data extension's key field (read through SFMC). */
export type MemberSource = (seg: CompiledSegment, keyField: string) => AsyncIterable<string>;

export interface ActivationPlanError {
  segment: string;
  message: string;
  hint?: string;
}

export interface CampaignPlan {
  campaigns: CampaignChanges[];
  errors: ActivationPlanError[];
}

export interface Activated {
  def: SegmentDef;
  seg: CompiledSegment;
  activation: ActivationDef;
}

/** Segments that declare `activate`, in compile order, optionally only those named. */
export function activatedSegments(
  project: Project,
  compiled: CompiledSegment[],
  only: string[] = [],
): Activated[] {
  const unknown = only.filter((n) => !project.segments.some((s) => s.name === n));
  if (unknown.length) {
    throw new KitError('USAGE', `no segment named ${unknown.join(', ')}`);
  }
  const out: Activated[] = [];
  for (const seg of compiled) {
    const def = project.segments.find((s) => s.name === seg.name);
    if (!def?.activate) continue;
    if (only.length && !only.includes(seg.name)) continue;
    out.push({ def, seg, activation: def.activate });
  }
  const inactive = only.filter((n) => !out.some((a) => a.seg.name === n));
  if (inactive.length) {
    throw new KitError('USAGE', `segment ${inactive.join(', ')} has no activate: block`, {
      hint: 'add activate: { salesforceCampaign: <name or Id>, status: <member status> } to its definition',
    });
  }
  return out;
}

/** The target field holding the member key: activate.keyField, else the target's primary key. */
export function keyFieldOf(a: Activated): string {
  if (a.activation.keyField) return a.activation.keyField;
  return (a.seg.target.fields.find((f) => f.primaryKey) ?? a.seg.target.fields[0]).name;
}

export async function planCampaigns(
  activated: Activated[],
  port: CampaignPort,
  readMembers: MemberSource,
): Promise<CampaignPlan> {
  const campaigns: CampaignChanges[] = [];
  const errors: ActivationPlanError[] = [];
  for (const a of activated) {
    const ref = a.activation.salesforceCampaign;
    if (!ref) continue;
    const keyField = keyFieldOf(a);
    if (!a.seg.target.fields.some((f) => f.name.toLowerCase() === keyField.toLowerCase())) {
      errors.push({
        segment: a.seg.name,
        message: `activate.keyField ${keyField} is not a field of target ${a.seg.targetKey}`,
      });
      continue;
    }
    const found = await port.findCampaign(ref);
    let campaign: CampaignRef;
    if (found) campaign = { ref, id: found.Id, name: found.Name };
    else if (a.activation.createCampaign && !/^701[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/.test(ref)) {
      const extra = typeof a.activation.createCampaign === 'object' ? a.activation.createCampaign : {};
      campaign = {
        ref,
        name: ref,
        create: {
          Name: ref,
          ...(extra.type ? { Type: extra.type } : {}),
          ...(extra.status ? { Status: extra.status } : {}),
          IsActive: true,
        },
      };
    } else {
      errors.push({
        segment: a.seg.name,
        message: `Salesforce Campaign "${ref}" does not exist`,
        hint: a.activation.createCampaign
          ? 'a Campaign can only be created by Name, not by Id'
          : 'create it in Salesforce, fix activate.salesforceCampaign, or set activate.createCampaign: true',
      });
      continue;
    }
    const members: string[] = [];
    for await (const key of readMembers(a.seg, keyField)) members.push(key);
    const existing = campaign.id ? await port.listMembers(campaign.id) : [];
    campaigns.push(
      diffCampaignMembers({
        segment: a.seg.name,
        membership: a.def.membership,
        activation: a.activation,
        campaign,
        members,
        existing,
      }),
    );
  }
  return { campaigns, errors };
}
