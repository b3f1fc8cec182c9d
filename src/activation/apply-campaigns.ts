import type { CampaignPort, WriteOperation, WriteOutcome, WriteRecord } from './salesforce-port.ts';
import type { CampaignChanges, MemberReject } from './types.ts';

export interface CampaignResult {
  segment: string;
  campaignId: string;
  created: boolean;
  added: number;
  removed: number;
  restatused: number;
  rejected: number;
  /** How the writes went: none at all, sObject Collections, or Bulk API 2.0. */
  method: 'none' | 'collections' | 'bulk';
}

/**
 * Applies one segment's campaign changes: creates the campaign if planned, then additions, status
 * changes and removals, each through Collections or Bulk by size. Per-record failures become rejects;
 * an unchanged segment makes no call at all.
 */
export async function applyCampaignChanges(
  changes: CampaignChanges,
  port: CampaignPort,
): Promise<{ result: CampaignResult; rejects: MemberReject[] }> {
  const rejects: MemberReject[] = [...changes.unresolved];
  let campaignId = changes.campaign.id ?? '';
  let created = false;
  const total = changes.add.length + changes.remove.length + changes.restatus.length;
  if (!campaignId && changes.campaign.create) {
    campaignId = await port.createCampaign(changes.campaign.create);
    created = true;
  }
  const bulk = (n: number) => n >= changes.bulkThreshold;
  const run = async (
    op: WriteOperation,
    records: WriteRecord[],
    what: MemberReject['operation'],
    keyOf: (r: WriteRecord) => string,
  ) => {
    const outcomes: WriteOutcome[] = await port.write(op, records, bulk(records.length));
    let ok = 0;
    for (const o of outcomes) {
      if (o.ok) ok++;
      else
        rejects.push({
          segment: changes.segment,
          key: keyOf(o.record),
          ...(o.record.Id ? { id: o.record.Id } : {}),
          operation: what,
          reason: o.reason ?? 'failed',
        });
    }
    return ok;
  };
  const added = await run(
    'insert',
    changes.add.map((a) => ({ CampaignId: campaignId, [a.field]: a.key, Status: a.status })),
    'add',
    (r) => r.LeadId ?? r.ContactId ?? '',
  );
  const keys = new Map([...changes.restatus, ...changes.remove].map((c) => [c.id, c.key]));
  const restatused = await run(
    'update',
    changes.restatus.map((c) => ({ Id: c.id, Status: c.to })),
    'status',
    (r) => keys.get(r.Id) ?? '',
  );
  const removed = await run(
    'delete',
    changes.remove.map((c) => ({ Id: c.id })),
    'remove',
    (r) => keys.get(r.Id) ?? '',
  );
  const largest = Math.max(changes.add.length, changes.remove.length, changes.restatus.length);
  return {
    result: {
      segment: changes.segment,
      campaignId,
      created,
      added,
      removed,
      restatused,
      rejected: rejects.length,
      method: total === 0 ? 'none' : bulk(largest) ? 'bulk' : 'collections',
    },
    rejects,
  };
}
