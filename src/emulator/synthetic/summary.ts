import type { Dataset, EmailTable } from './generate.ts';

export interface DatasetSummary {
  /** Rows per table: Salesforce objects, SFMC data views, web-event and snapshot tables. */
  counts: Record<string, number>;
  /** Figures the segment catalogue's examples depend on. */
  segments: {
    leadsByStatus: Record<string, number>;
    hardBouncedPeople: number;
    /** People with 4 or more soft bounces. */
    softBounced4Plus: number;
    unsubscribedPeople: number;
    peopleWithoutScore: number;
    /** People who clicked a link named `premium-service`. */
    premiumServiceClickers: number;
    wonOpportunities: number;
  };
}

/** Counts what the generator yields (one streamed pass per table), so tests and demos can predict sizes. */
export function summarizeDataset(ds: Dataset): DatasetSummary {
  const counts: Record<string, number> = {};
  const count = (name: string, it: Iterable<unknown>): void => {
    let n = 0;
    for (const _ of it) n++;
    counts[name] = n;
  };
  count('User', ds.users());
  count('Account', ds.accounts());
  count('Contact', ds.contacts());
  count('Campaign', ds.campaigns());
  count('CampaignMember', ds.campaignMembers());
  count('OpportunityContactRole', ds.opportunityContactRoles());
  const leadsByStatus: Record<string, number> = {};
  let leads = 0;
  for (const l of ds.leads()) {
    leads++;
    const s = String(l.Status);
    leadsByStatus[s] = (leadsByStatus[s] ?? 0) + 1;
  }
  counts.Lead = leads;
  let opps = 0;
  let won = 0;
  for (const o of ds.opportunities()) {
    opps++;
    if (o.IsWon) won++;
  }
  counts.Opportunity = opps;
  for (const v of ['_Sent', '_Open', '_Click', '_Bounce', '_Unsubscribe', '_Complaint'] as EmailTable[])
    counts[v] = 0;
  const soft = new Map<string, number>();
  const hard = new Set<string>();
  const unsub = new Set<string>();
  const premium = new Set<string>();
  for (const { view, row } of ds.emailEvents()) {
    counts[view] += 1;
    const key = String(row.SubscriberKey);
    if (view === '_Bounce' && row.BounceCategoryID === 2) soft.set(key, (soft.get(key) ?? 0) + 1);
    if (view === '_Bounce' && row.BounceCategoryID === 1) hard.add(key);
    if (view === '_Unsubscribe') unsub.add(key);
    if (view === '_Click' && row.LinkName === 'premium-service') premium.add(key);
  }
  count('_Subscribers', ds.email('_Subscribers'));
  count('_Job', ds.email('_Job'));
  count('downloads', ds.webEvents('downloads'));
  count('pageViews', ds.webEvents('pageViews'));
  count('searches', ds.webEvents('searches'));
  count('scoreSnapshots', ds.scoreSnapshots());
  let noScore = 0;
  for (const p of ds.people()) if (p.score === null) noScore++;
  return {
    counts,
    segments: {
      leadsByStatus,
      hardBouncedPeople: hard.size,
      softBounced4Plus: [...soft.values()].filter((n) => n >= 4).length,
      unsubscribedPeople: unsub.size,
      peopleWithoutScore: noScore,
      premiumServiceClickers: premium.size,
      wonOpportunities: won,
    },
  };
}
