/**
 * Runs the whole demo in-process on a small dataset and checks segment sizes against counts computed
 * here, in plain JS, from the same generated dataset (no SQL involved).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoSummary, runDemo } from '../../src/demo/index.ts';
import { type Dataset, generateDataset } from '../../src/emulator/synthetic/index.ts';

const DIR = resolve(import.meta.dirname, '../../definitions');
const DAY = 86_400_000;
const SEED = 7;
const CONTACTS = 300;
const REPORT = join(mkdtempSync(join(tmpdir(), 'kit-demo-report-')), 'demo-report.html');

let summary: DemoSummary;
let ds: Dataset;
let now: Date;
const logs: string[] = [];

beforeAll(async () => {
  now = new Date();
  summary = await runDemo({
    dir: DIR,
    target: { kind: 'emulator' },
    contacts: CONTACTS,
    seed: SEED,
    now: () => now,
    log: (l) => logs.push(l),
    reportFile: REPORT,
  });
  ds = generateDataset({ seed: SEED, contacts: CONTACTS, now });
}, 180_000);

const size = (name: string): number => {
  const seg = summary.segments.find((s) => s.name === name);
  if (!seg) throw new Error(`no segment ${name} in the summary`);
  return seg.size;
};
const eventTime = (s: unknown): number => Date.parse(`${String(s).replace(' ', 'T')}Z`);

/** Everything the email views say about each person, from the generator's rows. */
function emailFacts() {
  const hard = new Set<string>();
  const unsubscribed = new Set<string>();
  const unsubscribed30 = new Set<string>();
  const complained = new Set<string>();
  const premiumClicks90 = new Map<string, number>();
  for (const { view, row } of ds.emailEvents()) {
    const key = String(row.SubscriberKey);
    const at = eventTime(row.EventDate);
    if (view === '_Bounce' && row.BounceCategory === 'Hard bounce') hard.add(key);
    if (view === '_Unsubscribe') {
      unsubscribed.add(key);
      if (at >= now.getTime() - 30 * DAY) unsubscribed30.add(key);
    }
    if (view === '_Complaint') complained.add(key);
    const url = String(row.URL ?? '').toLowerCase();
    if (view === '_Click' && at >= now.getTime() - 90 * DAY && /premium|upgrade/.test(url))
      premiumClicks90.set(key, (premiumClicks90.get(key) ?? 0) + 1);
  }
  // `unsubscribed: {}` is the subscriber status (_Subscribers), which also holds unsubscribes the 6-month
  // event view no longer shows; hard bounces and complaints come from their events.
  for (const row of ds.email('_Subscribers'))
    if (row.Status === 'unsubscribed') unsubscribed.add(String(row.SubscriberKey));
  const suppressed = new Set([...hard, ...unsubscribed, ...complained]);
  return { hard, unsubscribed30, premiumClicks90, suppressed };
}

/** Contact id → its account's opportunities (the segments link contacts to deals through the account). */
function oppsByContact() {
  const byAccount = new Map<string, Array<Record<string, unknown>>>();
  for (const o of ds.opportunities()) {
    const list = byAccount.get(String(o.AccountId)) ?? [];
    list.push(o);
    byAccount.set(String(o.AccountId), list);
  }
  const out = new Map<string, Array<Record<string, unknown>>>();
  for (const c of ds.contacts()) out.set(String(c.Id), byAccount.get(String(c.AccountId)) ?? []);
  return out;
}

describe('demo on the embedded emulator', () => {
  it('gives every example segment members: to a newcomer an empty segment looks broken', () => {
    const files = readdirSync(join(DIR, 'segments')).filter((f) => f.endsWith('.yaml'));
    expect(summary.segments).toHaveLength(files.length);
    expect(summary.segments.filter((s) => s.size === 0).map((s) => s.name)).toEqual([]);
  });

  it('writes the HTML report of the run it just did, with the sizes it printed', () => {
    expect(summary.report).toBe(REPORT);
    const html = readFileSync(REPORT, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    for (const name of ['stage-mql', 'owned-by-jane-doe', 'lapsed-customers']) {
      const size = summary.segments.find((s) => s.name === name)?.size;
      expect(html).toMatch(new RegExp(`"name":"${name}"[^{}]*"size":${size}[,}]`));
    }
  });

  it('loads the dataset, deploys everything, syncs every CRM object and runs every segment', () => {
    expect(summary.completed).toBe(true);
    expect(summary.target).toBe('emulator');
    expect(summary.dataset).toMatchObject({ seed: SEED, contacts: CONTACTS, leads: CONTACTS });
    expect(summary.dataset?.rows.Contacts).toBe(2 * CONTACTS);
    expect(summary.deploy.applied).toBe(summary.deploy.changes);
    const leadsNotConverted = [...ds.leads()].filter((l) => !l.IsConverted).length;
    const activeUsers = [...ds.users()].filter((u) => u.IsActive).length;
    expect(Object.fromEntries(summary.syncs.map((s) => [s.name, [s.upserted, s.rejected]]))).toEqual({
      accounts: [[...ds.accounts()].length, 0],
      contacts: [CONTACTS, 0],
      leads: [leadsNotConverted, 0],
      opportunities: [[...ds.opportunities()].length, 0],
      users: [activeUsers, 0],
    });
    expect(summary.segments).toHaveLength(47);
    // Dependency order: suppressed runs before the segments that exclude it, lifecycle before its stages.
    const order = summary.segments.map((s) => s.name);
    expect(order.indexOf('suppressed')).toBeLessThan(order.indexOf('lead-status-working'));
    expect(order.indexOf('lifecycle')).toBeLessThan(order.indexOf('stage-customer'));
    expect(summary.segments.find((s) => s.name === 'spring-campaign')).toMatchObject({
      membership: 'static',
      form: 'query',
    });
    expect(summary.segments.find((s) => s.name === 'geographic-us-west-urban')?.form).toBe('filter');
    expect(summary.calls).toBeGreaterThan(100);
    expect(logs.some((l) => l.startsWith('▸ running 47 segment(s)'))).toBe(true);
  });

  it('email segments: hard bounced, unsubscribed in 30 days, clicked premium links 3+ times', () => {
    const f = emailFacts();
    expect(f.hard.size).toBeGreaterThan(0);
    expect(size('hard-bounced')).toBe(f.hard.size);
    expect(f.unsubscribed30.size).toBeGreaterThan(0);
    expect(size('unsubscribed-recently')).toBe(f.unsubscribed30.size);
    expect(size('suppressed')).toBe(f.suppressed.size);
    const clickers = [...f.premiumClicks90].filter(([k, n]) => n >= 3 && !f.suppressed.has(k));
    expect(clickers.length).toBeGreaterThan(0);
    expect(size('high-interest-premium')).toBe(clickers.length);
  });

  it('CRM segments: lead status, open opportunity in proposal or negotiation', () => {
    const { suppressed } = emailFacts();
    const working = [...ds.leads()].filter(
      (l) =>
        !l.IsConverted &&
        ['Working - Contacted', 'Nurturing'].includes(String(l.Status)) &&
        !suppressed.has(String(l.Id)),
    );
    expect(working.length).toBeGreaterThan(0);
    expect(size('lead-status-working')).toBe(working.length);
    const negotiating = [...oppsByContact()].filter(
      ([id, opps]) =>
        !suppressed.has(id) &&
        opps.some(
          (o) => ['Proposal/Price Quote', 'Negotiation/Review'].includes(String(o.StageName)) && !o.IsClosed,
        ),
    );
    expect(negotiating.length).toBeGreaterThan(0);
    expect(size('opportunity-negotiation')).toBe(negotiating.length);
  });

  it('funnel stages: Customer (a won deal) and SQL (an open deal, not yet a customer)', () => {
    const { suppressed } = emailFacts();
    let customers = 0;
    let sql = 0;
    for (const [id, opps] of oppsByContact()) {
      if (suppressed.has(id)) continue;
      if (opps.some((o) => o.IsWon)) customers++;
      else if (opps.some((o) => !['Closed Won', 'Closed Lost'].includes(String(o.StageName)))) sql++;
    }
    expect(customers).toBeGreaterThan(0);
    expect(size('stage-customer')).toBe(customers);
    expect(sql).toBeGreaterThan(0);
    expect(size('stage-sql')).toBe(sql);
    // Every person is in the lifecycle funnel at some stage (all have an email address).
    expect(size('lifecycle')).toBe(2 * CONTACTS);
  });
});
