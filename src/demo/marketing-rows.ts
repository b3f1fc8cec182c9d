/**
 * The SFMC-side rows the example definitions read that do not come from Salesforce: the Contacts
 * audience (profile attributes a CRM does not hold), the web-event data extensions, the score history
 * and the open archive. Everything is derived from the synthetic dataset, deterministically, so a test
 * can recompute any segment's members from the same rows.
 */
import { createRng, type Dataset } from '../emulator/synthetic/index.ts';

export type DemoRow = Record<string, string | number | boolean | null>;

const COUNTRY_CODES: Record<string, string> = {
  'United States': 'US',
  France: 'FR',
  Germany: 'DE',
  'United Kingdom': 'GB',
  Japan: 'JP',
  Canada: 'CA',
};

const GENDERS = ['female', 'male', 'female', 'male', 'nonbinary'];
const OCCUPATIONS = ['Engineer', 'Teacher', 'Designer', 'Nurse', 'Analyst', ''];
const EDUCATION = ['High school', 'Bachelor', 'Master', 'Doctorate'];
const MARITAL = ['single', 'married', 'married', 'divorced'];
const INTERESTS = ['outdoor, hiking', 'cooking', 'travel, outdoor', 'gaming', 'reading, hiking', 'music'];
const VALUES = ['sustainability', 'family', 'value for money', 'sustainability, community'];
const FREQUENCY = ['weekly', 'monthly', 'quarterly', 'yearly'];
const TIERS = ['Gold', 'Silver', 'Bronze', 'None'];
const INDUSTRIES = ['Technology', 'Software', 'Finance', 'Healthcare', 'Retail', 'Education'];

/** One Contacts row per person (Salesforce Contacts and Leads alike: both are mailed). */
export function* contactRows(ds: Dataset): Generator<DemoRow> {
  const crm = new Map<string, { created: string; birth: string | null }>();
  for (const c of [...ds.contacts(), ...ds.leads()]) {
    crm.set(String(c.Id), {
      created: String(c.CreatedDate),
      birth: typeof c.Birthdate === 'string' ? c.Birthdate : null,
    });
  }
  for (const p of ds.people()) {
    const r = createRng(ds.options.seed, 'demo-profile', p.index);
    const rec = crm.get(p.id);
    yield {
      SubscriberKey: p.id,
      EmailAddress: p.email,
      FirstName: p.firstName,
      LastName: p.lastName,
      BirthDate: rec?.birth ?? `${1960 + r.int(0, 40)}-0${r.int(1, 9)}-1${r.int(0, 9)}`,
      Gender: r.pick(GENDERS),
      Income: r.int(15, 200) * 1000,
      Occupation: r.pick(OCCUPATIONS) || null,
      Education: r.pick(EDUCATION),
      MaritalStatus: r.pick(MARITAL),
      Country: COUNTRY_CODES[p.city[2]] ?? p.city[2].slice(0, 2).toUpperCase(),
      Region: p.city[1],
      City: p.city[0],
      UrbanRural: r.chance(0.7) ? 'urban' : 'rural',
      Interests: r.pick(INTERESTS),
      Values: r.pick(VALUES),
      PurchaseFrequency: r.pick(FREQUENCY),
      LoyaltyTier: r.pick(TIERS),
      EngagementScore: Math.round(p.engagement * 100),
      CompanySize: r.int(1, 5000),
      Industry: r.pick(INDUSTRIES),
      AnnualRevenue: r.int(1, 500) * 100_000,
      HasOptedIn: p.unsubscribeJob < 0,
      pi__score__c: p.score,
      CreatedDate:
        rec?.created ?? new Date(ds.options.now.getTime() - p.createdDaysAgo * 86_400_000).toISOString(),
    };
  }
}

const pageTitle = (url: string): string => new URL(url).pathname.replace(/^\/$/, '/home').slice(1);

/** Web_Downloads rows: the generator's downloads with an event id and the DE's column names. */
export function* downloadRows(ds: Dataset): Generator<DemoRow> {
  let n = 0;
  for (const e of ds.webEvents('downloads')) {
    n += 1;
    yield {
      EventID: `dl-${n}`,
      SubscriberKey: e.SubscriberKey,
      EventDate: e.EventDate,
      Asset: e.Url,
      AssetType: String(e.Document).split('.').pop() ?? null,
    };
  }
}

/** Web_PageViews rows; a long visit (5 minutes or more) counts as one that used the live chat. */
export function* pageViewRows(ds: Dataset): Generator<DemoRow> {
  let n = 0;
  for (const e of ds.webEvents('pageViews')) {
    n += 1;
    yield {
      EventID: `pv-${n}`,
      SubscriberKey: e.SubscriberKey,
      EventDate: e.EventDate,
      PageURL: e.Url,
      PageTitle: pageTitle(String(e.Url)),
      ScrollDepth: e.ScrollPercent,
      UsedLiveChat: Number(e.DurationSeconds) >= 300,
    };
  }
}

/** Web_Searches rows. */
export function* searchRows(ds: Dataset): Generator<DemoRow> {
  let n = 0;
  for (const e of ds.webEvents('searches')) {
    n += 1;
    yield {
      EventID: `se-${n}`,
      SubscriberKey: e.SubscriberKey,
      EventDate: e.EventDate,
      SearchTerm: e.Term,
      ResultCount: String(e.Term).length,
    };
  }
}

/** Score_History rows: the generator's daily snapshots with their "SubscriberKey|date" id. */
export function* scoreHistoryRows(ds: Dataset): Generator<DemoRow> {
  for (const s of ds.scoreSnapshots()) {
    yield { SnapshotId: `${s.SubscriberKey}|${s.SnapshotDate}`, ...s };
  }
}

/** Email_Open_Archive rows: the nightly copy of _Open. */
export function* openArchiveRows(ds: Dataset): Generator<DemoRow> {
  for (const { view, row } of ds.emailEvents()) {
    if (view === '_Open')
      yield { SubscriberKey: row.SubscriberKey, JobID: row.JobID, EventDate: row.EventDate };
  }
}

/** Which data extension (by definition name) each generator fills. */
export const MARKETING_TABLES: Array<[string, (ds: Dataset) => Iterable<DemoRow>]> = [
  ['Contacts', contactRows],
  ['Web_Downloads', downloadRows],
  ['Web_PageViews', pageViewRows],
  ['Web_Searches', searchRows],
  ['Score_History', scoreHistoryRows],
  ['Email_Open_Archive', openArchiveRows],
];
