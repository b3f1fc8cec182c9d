/** Activation as data: what a segment's CampaignMembers need, before anything is written. */

/** A CampaignMember as read from Salesforce. */
export interface CampaignMemberRecord {
  Id: string;
  LeadId: string | null;
  ContactId: string | null;
  Status: string | null;
}

export interface CampaignRef {
  /** As written in the definition: an Id or a Name. */
  ref: string;
  id?: string;
  name?: string;
  /** The campaign does not exist and the definition asks for it to be created. */
  create?: { Name: string; Type?: string; Status?: string; IsActive: true };
}

/** A new member: the Lead or Contact Id and the status it gets. */
export interface MemberAddition {
  key: string;
  field: 'LeadId' | 'ContactId';
  status: string;
}

export interface StatusChange {
  id: string;
  key: string;
  from: string | null;
  to: string;
}

export interface MemberReject {
  segment: string;
  key?: string;
  id?: string;
  operation: 'add' | 'remove' | 'status' | 'resolve' | 'journey';
  reason: string;
}

/** The campaign half of one segment's activation plan. */
export interface CampaignChanges {
  segment: string;
  membership: 'static' | 'additive' | 'dynamic';
  campaign: CampaignRef;
  add: MemberAddition[];
  /** CampaignMember Ids to delete (dynamic segments, onExit: remove). */
  remove: Array<{ id: string; key: string }>;
  /** Exit status (dynamic, onExit: { status }) and re-entries back to the member status. */
  restatus: StatusChange[];
  unchanged: number;
  /** Members whose key is not a Lead or Contact Id: they cannot become CampaignMembers. */
  unresolved: MemberReject[];
  bulkThreshold: number;
}

export const changeCount = (c: CampaignChanges): number => c.add.length + c.remove.length + c.restatus.length;
