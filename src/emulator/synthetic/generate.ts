import { makeId } from '../salesforce/ids.ts';
import { LEAD_STATUSES, OPPORTUNITY_STAGES } from '../salesforce/objects.ts';
import { DAY, daysAgo, isoDate, sfmcDate } from './dates.ts';
import { type EmailView, jobRow, personEmailEvents, type Row } from './email-events.ts';
import { type Person, personAt, personId } from './people.ts';
import { createRng } from './prng.ts';
import { DOCUMENTS, INDUSTRIES, LEAD_SOURCES, PAGES, SEARCH_TERMS, TITLES } from './vocabulary.ts';

export interface DatasetOptions {
  seed: number | string;
  /** Number of Salesforce Contacts. */
  contacts: number;
  /** Number of Leads (default: same as contacts). */
  leads?: number;
  now: Date;
  /** Email sends per person over the last 90 days (default 6). */
  eventsPerContact?: number;
  /** Days of score snapshots, ending today (default 30). */
  snapshotDays?: number;
}

export type SfRecord = Record<string, string | number | boolean | null>;

/** Columns of the web-event data extensions the generator fills (SubscriberKey = Contact/Lead Id). */
export const WEB_EVENT_COLUMNS = {
  downloads: ['SubscriberKey', 'EventDate', 'Document', 'Url'],
  pageViews: ['SubscriberKey', 'EventDate', 'Url', 'DurationSeconds', 'ScrollPercent'],
  searches: ['SubscriberKey', 'EventDate', 'Term'],
} as const;

export type EmailTable = EmailView | '_Subscribers' | '_Job';

export interface Dataset {
  options: Required<Omit<DatasetOptions, 'leads'>> & { leads: number };
  people(): Generator<Person>;
  users(): Generator<SfRecord>;
  accounts(): Generator<SfRecord>;
  contacts(): Generator<SfRecord>;
  leads(): Generator<SfRecord>;
  campaigns(): Generator<SfRecord>;
  campaignMembers(): Generator<SfRecord>;
  opportunities(): Generator<SfRecord>;
  opportunityContactRoles(): Generator<SfRecord>;
  /** Daily (SubscriberKey, SnapshotDate, Score, Grade, Stage) rows for every lead and contact. */
  scoreSnapshots(): Generator<Row>;
  /** One SFMC system data view's rows. */
  email(view: EmailTable): Generator<Row>;
  /** Every email event in one pass, tagged with its view. */
  emailEvents(): Generator<{ view: EmailView; row: Row }>;
  webEvents(kind: keyof typeof WEB_EVENT_COLUMNS): Generator<Row>;
}

const STAGE_PROBABILITY: Record<string, number> = {
  Prospecting: 10,
  Qualification: 20,
  'Needs Analysis': 20,
  'Proposal/Price Quote': 75,
  'Negotiation/Review': 90,
  'Closed Won': 100,
  'Closed Lost': 0,
};

/** A deterministic synthetic org and its marketing history: same options → same rows, streamed. */
export function generateDataset(input: DatasetOptions): Dataset {
  const seed = input.seed;
  const now = input.now;
  const nContacts = input.contacts;
  const nLeads = input.leads ?? input.contacts;
  const jobs = Math.max(1, input.eventsPerContact ?? 6);
  const snapshotDays = input.snapshotDays ?? 30;
  const total = nContacts + nLeads;
  const nUsers = Math.max(3, Math.ceil(total / 5000));
  const nAccounts = Math.max(1, Math.ceil(nContacts / 4));
  const nCampaigns = 5;
  const userId = (k: number): string => makeId('005', k + 1, 'S');
  const accountId = (k: number): string => makeId('001', k + 1, 'S');
  const campaignId = (k: number): string => makeId('701', k + 1, 'S');
  const stamp = (days: number, r: ReturnType<typeof createRng>): string =>
    new Date(daysAgo(now, days, r.int(0, DAY - 1))).toISOString();

  function* people(): Generator<Person> {
    for (let i = 0; i < total; i++) yield personAt(seed, i, nContacts, jobs);
  }

  function* personRecords(kind: 'Contact' | 'Lead'): Generator<SfRecord> {
    const [from, to] = kind === 'Contact' ? [0, nContacts] : [nContacts, total];
    for (let i = from; i < to; i++) {
      const p = personAt(seed, i, nContacts, jobs);
      const r = createRng(seed, 'crm', i);
      const created = stamp(p.createdDaysAgo, r);
      const modified = stamp(r.int(0, Math.min(p.createdDaysAgo, 60)), r);
      const common: SfRecord = {
        Id: p.id,
        FirstName: p.firstName,
        LastName: p.lastName,
        Name: `${p.firstName} ${p.lastName}`,
        Email: p.email,
        Title: r.pick(TITLES),
        LeadSource: r.pick(LEAD_SOURCES),
        OwnerId: userId(r.int(0, nUsers - 1)),
        HasOptedOutOfEmail: p.unsubscribeJob >= 0,
        DoNotCall: r.chance(0.05),
        LastActivityDate: isoDate(daysAgo(now, r.int(0, 200))),
        EmailBouncedDate: p.hardBounceJob >= 0 ? new Date(daysAgo(now, 30)).toISOString() : null,
        CreatedDate: created,
        LastModifiedDate: modified < created ? created : modified,
        SystemModstamp: modified < created ? created : modified,
        pi__score__c: p.score,
        pi__grade__c: p.grade,
        pi__last_activity__c: p.engagement > 0 ? new Date(daysAgo(now, r.int(0, 90))).toISOString() : null,
        pi__pardot_hard_bounced__c: p.hardBounceJob >= 0,
      };
      if (kind === 'Contact') {
        yield {
          ...common,
          AccountId: accountId(i % nAccounts),
          MailingCity: p.city[0],
          MailingState: p.city[1],
          MailingCountry: p.city[2],
          Birthdate: isoDate(Date.UTC(1960 + r.int(0, 40), r.int(0, 11), r.int(1, 28))),
        };
      } else {
        const status = r.pick(LEAD_STATUSES);
        yield {
          ...common,
          Company: `${p.lastName} ${r.pick(['Labs', 'Group', 'GmbH', 'Inc'])}`,
          Status: status,
          Rating: r.pick(['Hot', 'Warm', 'Cold']),
          Industry: r.pick(INDUSTRIES),
          IsConverted: status === 'Closed - Converted',
          ConvertedDate: status === 'Closed - Converted' ? isoDate(daysAgo(now, r.int(0, 60))) : null,
          City: p.city[0],
          State: p.city[1],
          Country: p.city[2],
          AnnualRevenue: r.int(1, 500) * 100_000,
          NumberOfEmployees: r.int(1, 5000),
        };
      }
    }
  }

  function* opportunities(): Generator<SfRecord & { _contact: string }> {
    let n = 0;
    for (let a = 0; a < nAccounts; a++) {
      const r = createRng(seed, 'opps', a);
      // A few loyal accounts have won 3 to 5 deals (the example's big-spenders segment); the rest 0 to 3 of any stage.
      const loyal = r.chance(0.08);
      const count = loyal ? r.int(3, 5) : r.int(0, 3);
      for (let k = 0; k < count; k++) {
        const stage = loyal ? 'Closed Won' : r.pick(OPPORTUNITY_STAGES);
        const closed = stage.startsWith('Closed');
        // Closed deals go back two years, so some customers have bought before but not in the last one.
        const closeDays = closed ? r.int(1, loyal ? 365 : 730) : -r.int(1, 120);
        const amount = r.int(5, 500) * 100;
        // A contact of this account (contacts are spread over accounts round-robin).
        const contactIndex =
          a + nAccounts * r.int(0, Math.max(0, Math.floor((nContacts - 1 - a) / nAccounts)));
        const modified = new Date(daysAgo(now, Math.max(0, closeDays), r.int(0, DAY - 1))).toISOString();
        n += 1;
        yield {
          _contact: contactIndex < nContacts ? personId('Contact', contactIndex) : '',
          Id: makeId('006', n, 'S'),
          Name: `Deal ${n}`,
          AccountId: accountId(a),
          ContactId: contactIndex < nContacts ? personId('Contact', contactIndex) : null,
          OwnerId: userId(r.int(0, nUsers - 1)),
          CampaignId: r.chance(0.3) ? campaignId(r.int(0, nCampaigns - 1)) : null,
          StageName: stage,
          Type: r.pick(['New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Renewal']),
          Amount: amount,
          ExpectedRevenue: (amount * STAGE_PROBABILITY[stage]) / 100,
          Probability: STAGE_PROBABILITY[stage],
          CloseDate: isoDate(daysAgo(now, closeDays)),
          IsWon: stage === 'Closed Won',
          IsClosed: closed,
          FiscalYear: new Date(daysAgo(now, closeDays)).getUTCFullYear(),
          CreatedDate: new Date(daysAgo(now, Math.max(0, closeDays) + 30)).toISOString(),
          LastModifiedDate: modified,
          SystemModstamp: modified,
        };
      }
    }
  }

  const dataset: Dataset = {
    options: { seed, contacts: nContacts, leads: nLeads, now, eventsPerContact: jobs, snapshotDays },
    people,
    *users() {
      for (let k = 0; k < nUsers; k++) {
        const r = createRng(seed, 'user', k);
        // The second rep is Jane Doe, whom the example's owned-by-jane-doe segment names.
        const jane = k === 1;
        const first = jane ? 'Jane' : ['Sam', 'Alex', 'Rita', 'Omar', 'Lena'][k % 5];
        const last = jane ? 'Doe' : `Rep${k + 1}`;
        const email = jane ? 'jane.doe@acme.example' : `${first}.${last}@example.com`.toLowerCase();
        yield {
          Id: userId(k),
          Username: email,
          FirstName: first,
          LastName: last,
          Name: `${first} ${last}`,
          Email: email,
          IsActive: k <= 1 || r.chance(0.9),
          Title: 'Account Executive',
          Department: 'Sales',
        };
      }
    },
    *accounts() {
      for (let a = 0; a < nAccounts; a++) {
        const r = createRng(seed, 'account', a);
        const city = r.int(0, 5);
        yield {
          Id: accountId(a),
          Name: `Account ${a + 1}`,
          Type: r.pick(['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner']),
          Industry: r.pick(INDUSTRIES),
          AnnualRevenue: r.int(1, 1000) * 100_000,
          NumberOfEmployees: r.int(5, 20_000),
          BillingCity: ['Paris', 'Berlin', 'Austin', 'Denver', 'Leeds', 'Osaka'][city],
          OwnerId: userId(r.int(0, nUsers - 1)),
        };
      }
    },
    contacts: () => personRecords('Contact'),
    leads: () => personRecords('Lead'),
    *campaigns() {
      for (let c = 0; c < nCampaigns; c++) {
        yield {
          Id: campaignId(c),
          Name: ['Spring Webinar', 'Premium Launch', 'Newsletter', 'Trade Show', 'Reactivation'][c],
          Type: ['Webinar', 'Email', 'Email', 'Conference', 'Email'][c],
          Status: c < 2 ? 'Completed' : 'In Progress',
          StartDate: isoDate(daysAgo(now, 120 - c * 20)),
          EndDate: isoDate(daysAgo(now, 90 - c * 20)),
          IsActive: c >= 2,
          OwnerId: userId(0),
        };
      }
    },
    *campaignMembers() {
      let n = 0;
      for (const p of people()) {
        const r = createRng(seed, 'members', p.index);
        for (let c = 0; c < nCampaigns; c++) {
          if (!r.chance(0.2)) continue;
          n += 1;
          const responded = r.chance(p.engagement);
          yield {
            Id: makeId('00v', n, 'S'),
            CampaignId: campaignId(c),
            LeadId: p.kind === 'Lead' ? p.id : null,
            ContactId: p.kind === 'Contact' ? p.id : null,
            LeadOrContactId: p.id,
            Status: responded ? 'Responded' : 'Sent',
            HasResponded: responded,
            FirstRespondedDate: responded ? isoDate(daysAgo(now, 100 - c * 20)) : null,
          };
        }
      }
    },
    *opportunities() {
      for (const { _contact: _, ...opp } of opportunities()) yield opp;
    },
    *opportunityContactRoles() {
      let n = 0;
      for (const opp of opportunities()) {
        if (!opp._contact) continue;
        n += 1;
        yield {
          Id: makeId('00K', n, 'S'),
          OpportunityId: opp.Id,
          ContactId: opp._contact,
          Role: 'Decision Maker',
          IsPrimary: true,
        };
      }
    },
    *scoreSnapshots() {
      for (const p of people()) {
        for (let d = snapshotDays - 1; d >= 0; d--) {
          const score = p.score === null ? null : Math.max(0, p.score - p.trend * d);
          yield {
            SubscriberKey: p.id,
            SnapshotDate: isoDate(daysAgo(now, d)),
            Score: score,
            Grade: p.grade,
            Stage: p.kind === 'Contact' ? 'Customer' : (score ?? 0) >= 100 ? 'MQL' : 'Lead',
          };
        }
      }
    },
    *emailEvents() {
      for (const p of people()) yield* personEmailEvents(seed, p, jobs, now);
    },
    *email(view) {
      if (view === '_Job') {
        for (let j = 0; j < jobs; j++) yield jobRow(now, jobs, j);
        return;
      }
      if (view === '_Subscribers') {
        for (const p of people()) {
          const joined = sfmcDate(daysAgo(now, p.createdDaysAgo));
          const bounced = p.hardBounceJob >= 0;
          const unsub = p.unsubscribeJob >= 0;
          yield {
            SubscriberID: p.subscriberId,
            SubscriberKey: p.id,
            EmailAddress: p.email,
            Status: bounced ? 'bounced' : unsub ? 'unsubscribed' : 'active',
            DateJoined: joined,
            DateUnsubscribed: unsub ? sfmcDate(daysAgo(now, 30)) : null,
            DateUndeliverable: bounced ? sfmcDate(daysAgo(now, 30)) : null,
            BounceCount: bounced ? 1 : 0,
            Domain: p.email.split('@')[1],
            SubscriberType: 'Contact',
            Locale: 'en-US',
          };
        }
        return;
      }
      for (const e of dataset.emailEvents()) if (e.view === view) yield e.row;
    },
    *webEvents(kind): Generator<Row> {
      for (const p of people()) {
        const r = createRng(seed, 'web', kind, p.index);
        // A few keen visitors came back 6 to 9 times this month: the example funnel's MQL stage.
        const keen = kind === 'pageViews' && r.chance(0.08);
        const count = keen ? r.int(6, 9) : r.chance(p.engagement + 0.1) ? r.int(1, 4) : 0;
        const window = keen ? 29 : 120;
        for (let k = 0; k < count; k++) {
          const at = sfmcDate(daysAgo(now, r.int(0, Math.min(p.createdDaysAgo, window)), r.int(0, DAY - 1)));
          if (kind === 'downloads') {
            const doc = r.pick(DOCUMENTS);
            yield {
              SubscriberKey: p.id,
              EventDate: at,
              Document: doc,
              Url: `https://example.com/files/${doc}`,
            };
          } else if (kind === 'pageViews') {
            yield {
              SubscriberKey: p.id,
              EventDate: at,
              Url: r.pick(PAGES),
              DurationSeconds: r.int(5, 600),
              ScrollPercent: r.pick([25, 50, 75, 100]),
            };
          } else {
            yield { SubscriberKey: p.id, EventDate: at, Term: r.pick(SEARCH_TERMS) };
          }
        }
      }
    },
  };
  return dataset;
}
