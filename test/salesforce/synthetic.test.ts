import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createSalesforceStore } from '../../src/emulator/salesforce/index.ts';
import { createState } from '../../src/emulator/state/index.ts';
import {
  generateDataset,
  loadIntoSalesforce,
  loadIntoSfmc,
  summarizeDataset,
} from '../../src/emulator/synthetic/index.ts';

const now = new Date('2026-03-01T12:00:00Z');
const all = <T>(it: Iterable<T>): T[] => [...it];

describe('generateDataset', () => {
  it('is deterministic: same seed → identical rows; another seed → different rows', () => {
    const a = generateDataset({ seed: 42, contacts: 30, now });
    const b = generateDataset({ seed: 42, contacts: 30, now });
    const c = generateDataset({ seed: 43, contacts: 30, now });
    expect(all(a.leads())).toEqual(all(b.leads()));
    expect(all(a.emailEvents())).toEqual(all(b.emailEvents()));
    expect(all(a.webEvents('searches'))).toEqual(all(b.webEvents('searches')));
    expect(all(a.leads())).not.toEqual(all(c.leads()));
    // Regenerating one table does not depend on having generated another first.
    expect(all(generateDataset({ seed: 42, contacts: 30, now }).opportunities())).toEqual(
      all(a.opportunities()),
    );
  });

  it('links people across Salesforce and SFMC: SubscriberKey is the Contact/Lead Id', () => {
    const ds = generateDataset({ seed: 7, contacts: 20, leads: 10, now });
    const ids = new Set([...all(ds.contacts()), ...all(ds.leads())].map((r) => r.Id));
    expect(ids.size).toBe(30);
    for (const r of ds.email('_Sent')) expect(ids.has(String(r.SubscriberKey))).toBe(true);
    for (const r of ds.email('_Click')) expect(String(r.URL)).toMatch(/^https:\/\/example\.com\//);
    const ocr = all(ds.opportunityContactRoles());
    const contacts = new Set(all(ds.contacts()).map((c) => c.Id));
    for (const r of ocr) expect(contacts.has(String(r.ContactId))).toBe(true);
    for (const r of ds.email('_Sent'))
      expect(String(r.EventDate)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('loads into the Salesforce tables and the SFMC data views with the counts its summary predicts', () => {
    const ds = generateDataset({ seed: 'demo', contacts: 200, now, eventsPerContact: 8 });
    const summary = summarizeDataset(ds);
    expect(summary.segments.hardBouncedPeople).toBeGreaterThan(0);
    expect(summary.segments.softBounced4Plus).toBeGreaterThan(0);
    expect(summary.counts._Job).toBe(8);

    const store = createSalesforceStore(new DatabaseSync(':memory:'));
    const loaded = loadIntoSalesforce(store, ds);
    for (const obj of [
      'User',
      'Account',
      'Contact',
      'Lead',
      'Opportunity',
      'OpportunityContactRole',
      'Campaign',
      'CampaignMember',
    ]) {
      expect(store.count(obj)).toBe(summary.counts[obj]);
      expect(loaded[obj]).toBe(summary.counts[obj]);
    }
    const byStatus = store.db
      .prepare('SELECT Status, COUNT(*) AS n FROM sf_Lead GROUP BY Status')
      .all() as Array<{ Status: string; n: number }>;
    expect(Object.fromEntries(byStatus.map((r) => [r.Status, r.n]))).toEqual(summary.segments.leadsByStatus);

    const state = createState({ now: () => now });
    loadIntoSfmc(state, ds);
    for (const view of [
      '_Sent',
      '_Open',
      '_Click',
      '_Bounce',
      '_Unsubscribe',
      '_Complaint',
      '_Subscribers',
      '_Job',
    ]) {
      expect(state.readRows(view)).toHaveLength(summary.counts[view]);
    }
    const soft = state.db
      .prepare(
        "SELECT COUNT(*) AS n FROM (SELECT SubscriberKey FROM _Bounce WHERE BounceCategory = 'Soft bounce' GROUP BY SubscriberKey HAVING COUNT(*) >= 4)",
      )
      .get() as { n: number };
    expect(soft.n).toBe(summary.segments.softBounced4Plus);
  });
});
