import type { ActivationDef } from '../definitions/schemas/activation.ts';
import { id15, personField } from './person.ts';
import type {
  CampaignChanges,
  CampaignMemberRecord,
  CampaignRef,
  MemberAddition,
  MemberReject,
  StatusChange,
} from './types.ts';

export interface DiffInput {
  segment: string;
  membership: 'static' | 'additive' | 'dynamic';
  activation: ActivationDef;
  campaign: CampaignRef;
  /** Keys of the segment's members after its last refresh. */
  members: Iterable<string>;
  /** The campaign's CampaignMembers now. */
  existing: CampaignMemberRecord[];
}

/**
 * Pure: the writes that make the campaign's members match the segment. Additions always; for dynamic
 * segments also removals (or an exit status); a member who comes back gets the member status again.
 * Additive and static segments never remove. Nothing to write when the two already agree.
 */
export function diffCampaignMembers(input: DiffInput): CampaignChanges {
  const { activation } = input;
  const byPerson = new Map<string, CampaignMemberRecord>();
  for (const m of input.existing) {
    const person = m.ContactId ?? m.LeadId;
    if (person) byPerson.set(id15(person), m);
  }
  const add: MemberAddition[] = [];
  const restatus: StatusChange[] = [];
  const unresolved: MemberReject[] = [];
  const inSegment = new Set<string>();
  let unchanged = 0;
  const exitStatus = typeof activation.onExit === 'object' ? activation.onExit.status : undefined;
  for (const key of input.members) {
    const field = personField(key);
    if (!field) {
      unresolved.push({
        segment: input.segment,
        key,
        operation: 'resolve',
        reason: 'not a Lead (00Q…) or Contact (003…) Id: cannot become a CampaignMember',
      });
      continue;
    }
    const k = id15(key);
    if (inSegment.has(k)) continue;
    inSegment.add(k);
    const current = byPerson.get(k);
    if (!current) add.push({ key, field, status: activation.status });
    else if (exitStatus !== undefined && current.Status === exitStatus && input.membership === 'dynamic')
      restatus.push({ id: current.Id, key, from: current.Status, to: activation.status });
    else unchanged++;
  }
  const remove: Array<{ id: string; key: string }> = [];
  if (input.membership === 'dynamic') {
    for (const [k, m] of byPerson) {
      if (inSegment.has(k)) continue;
      const key = (m.ContactId ?? m.LeadId)!;
      if (exitStatus === undefined) remove.push({ id: m.Id, key });
      else if (m.Status !== exitStatus) restatus.push({ id: m.Id, key, from: m.Status, to: exitStatus });
    }
  }
  return {
    segment: input.segment,
    membership: input.membership,
    campaign: input.campaign,
    add,
    remove,
    restatus,
    unchanged,
    unresolved,
    bulkThreshold: activation.bulkThreshold,
  };
}
