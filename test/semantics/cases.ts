/**
 * Every condition kind and operator, each with the members its documented meaning gives on the dataset.
 * `rules` is the YAML a user writes; `members` comes from oracle.ts, never from the compiler.
 */
import { CONTACTS, DES } from './dataset.ts';
import {
  ageAtLeast,
  all,
  attr,
  eq,
  events,
  eventWithin,
  fold,
  inLastDays,
  inNextDays,
  keys,
  lead,
  movement,
  not,
  olderThanDays,
  opportunities,
  type Pred,
  scores,
  topN,
  within,
  contains,
} from './oracle.ts';
import { dayStart, wall } from './clock.ts';

export interface SemanticsCase {
  name: string;
  rules: unknown;
  members: string[];
}

const clicked =
  (days?: number, n = 1, url?: string): Pred =>
  (c) =>
    events('_Click', c, (r) => eventWithin(days)(r) && (url === undefined || contains(r.URL, url))).length >=
    n;
const opened =
  (days?: number): Pred =>
  (c) =>
    events('_Open', c, eventWithin(days)).length > 0;
const sent =
  (days?: number): Pred =>
  (c) =>
    events('_Sent', c, eventWithin(days)).length > 0;
const md = (ms: number) => new Date(ms).toISOString().slice(5, 10);
const TODAY_MD = md(dayStart(0));
const TOMORROW_MD = md(dayStart(1));
const lastInteraction = (c: (typeof CONTACTS)[number]) =>
  Math.max(
    -Infinity,
    ...[...events('_Click', c), ...events('_Open', c)].map((r) => wall(String(r.EventDate))),
  );
const scored = (days: number) =>
  CONTACTS.flatMap((c) => {
    const inWindow = scores(c).filter((s) => within(s.ms, days));
    return inWindow.length ? [{ key: c.SubscriberKey, v: Math.max(...inWindow.map((s) => s.score)) }] : [];
  });
const won = (c: (typeof CONTACTS)[number], days?: number) =>
  opportunities(c).filter(
    (o) =>
      o.IsWon === true &&
      (days === undefined || (o.CloseDate !== null && wall(`${o.CloseDate} 00:00:00`) >= dayStart(-days))),
  );

const A = (field: string, test: Record<string, unknown>) => ({ attribute: { field, ...test } });

export const CASES: SemanticsCase[] = [
  // Text: case-insensitive, trailing spaces ignored, blank = empty, accents kept; LIKE wildcards literal.
  { name: 'text-equals', rules: A('Tier', { equals: 'GOLD' }), members: keys(attr.equals('Tier', 'GOLD')) },
  {
    name: 'text-not-equals',
    rules: A('Tier', { notEquals: 'gold' }),
    members: keys(attr.notEquals('Tier', 'gold')),
  },
  {
    name: 'text-in',
    rules: A('Tier', { in: ['silver', 'platinum '] }),
    members: keys(attr.in('Tier', ['silver', 'platinum '])),
  },
  {
    name: 'text-not-in',
    rules: A('Tier', { notIn: ['gold', 'bronze', 'platinum'] }),
    members: keys(attr.notIn('Tier', ['gold', 'bronze', 'platinum'])),
  },
  {
    name: 'text-accent',
    rules: A('City', { equals: 'zurich' }),
    members: keys(attr.equals('City', 'zurich')),
  },
  {
    name: 'text-quote',
    rules: A('City', { equals: "l'aquila" }),
    members: keys(attr.equals('City', "l'aquila")),
  },
  {
    name: 'contains-percent',
    rules: A('Note', { contains: '%' }),
    members: keys(attr.contains('Note', '%')),
  },
  {
    name: 'contains-underscore',
    rules: A('Note', { contains: '_' }),
    members: keys(attr.contains('Note', '_')),
  },
  {
    name: 'contains-bracket',
    rules: A('Note', { contains: '[' }),
    members: keys(attr.contains('Note', '[')),
  },
  {
    name: 'contains-close-bracket',
    rules: A('Note', { contains: 'r]' }),
    members: keys(attr.contains('Note', 'r]')),
  },
  { name: 'contains-quote', rules: A('Note', { contains: "'" }), members: keys(attr.contains('Note', "'")) },
  {
    name: 'not-contains',
    rules: A('Note', { notContains: ['%', '_'] }),
    members: keys(attr.notContains('Note', ['%', '_'])),
  },
  {
    name: 'begins-with',
    rules: A('City', { beginsWith: 'pa' }),
    members: keys(attr.beginsWith('City', 'pa')),
  },
  { name: 'ends-with', rules: A('City', { endsWith: 'is' }), members: keys(attr.endsWith('City', 'is')) },
  { name: 'is-empty', rules: A('Tier', { isEmpty: true }), members: keys(attr.isEmpty('Tier')) },
  { name: 'is-not-empty', rules: A('Tier', { isNotEmpty: true }), members: keys(attr.isNotEmpty('Tier')) },
  // Numbers and Booleans; NULL fails every comparison except the not- forms.
  { name: 'number-gt', rules: A('Score', { gt: 20 }), members: keys(attr.num('Score', (n) => n > 20)) },
  { name: 'number-gte', rules: A('Score', { gte: 20 }), members: keys(attr.num('Score', (n) => n >= 20)) },
  { name: 'number-lt', rules: A('Score', { lt: 10 }), members: keys(attr.num('Score', (n) => n < 10)) },
  { name: 'number-lte', rules: A('Score', { lte: 10 }), members: keys(attr.num('Score', (n) => n <= 10)) },
  {
    name: 'number-between',
    rules: A('Score', { between: [5, 15] }),
    members: keys(attr.num('Score', (n) => n >= 5 && n <= 15)),
  },
  { name: 'number-equals', rules: A('Score', { equals: 90 }), members: keys(attr.equals('Score', 90)) },
  {
    name: 'number-not-equals',
    rules: A('Score', { notEquals: 90 }),
    members: keys(attr.notEquals('Score', 90)),
  },
  { name: 'number-in', rules: A('Score', { in: [1, 2, 90] }), members: keys(attr.in('Score', [1, 2, 90])) },
  {
    name: 'decimal-gte',
    rules: A('Spend', { gte: 100.5 }),
    members: keys(attr.num('Spend', (n) => n >= 100.5)),
  },
  { name: 'bool-true', rules: A('Active', { equals: true }), members: keys(attr.equals('Active', true)) },
  {
    name: 'bool-not-true',
    rules: A('Active', { notEquals: true }),
    members: keys(attr.notEquals('Active', true)),
  },
  // Date-only bounds on a date-time field are whole days.
  {
    name: 'date-lte-day',
    rules: A('CreatedDate', { lte: '2023-06-30' }),
    members: keys(attr.date('CreatedDate', (t) => t < wall('2023-07-01 00:00:00'))),
  },
  {
    name: 'date-gt-day',
    rules: A('CreatedDate', { gt: '2023-06-30' }),
    members: keys(attr.date('CreatedDate', (t) => t >= wall('2023-07-01 00:00:00'))),
  },
  {
    name: 'date-gte-day',
    rules: A('CreatedDate', { gte: '2024-01-31' }),
    members: keys(attr.date('CreatedDate', (t) => t >= wall('2024-01-31 00:00:00'))),
  },
  {
    name: 'date-lt-day',
    rules: A('CreatedDate', { lt: '2024-01-01' }),
    members: keys(attr.date('CreatedDate', (t) => t < wall('2024-01-01 00:00:00'))),
  },
  {
    name: 'date-lte-time',
    rules: A('CreatedDate', { lte: '2023-06-30 12:00' }),
    members: keys(attr.date('CreatedDate', (t) => t <= wall('2023-06-30 12:00:00'))),
  },
  {
    name: 'date-between-days',
    rules: A('CreatedDate', { between: ['2024-01-01', '2024-01-31'] }),
    members: keys(
      attr.date('CreatedDate', (t) => t >= wall('2024-01-01 00:00:00') && t < wall('2024-02-01 00:00:00')),
    ),
  },
  {
    name: 'date-on-month-end',
    rules: A('CreatedDate', { onDate: '2024-01-31' }),
    members: keys(
      attr.date('CreatedDate', (t) => t >= wall('2024-01-31 00:00:00') && t < wall('2024-02-01 00:00:00')),
    ),
  },
  {
    name: 'date-on-feb-29',
    rules: A('BirthDate', { onDate: '2024-02-29' }),
    members: keys(
      attr.date('BirthDate', (t) => t >= wall('2024-02-29 00:00:00') && t < wall('2024-03-01 00:00:00')),
    ),
  },
  {
    name: 'date-in-last-days',
    rules: A('CreatedDate', { inLastDays: 1 }),
    members: keys(attr.date('CreatedDate', (t) => inLastDays(t, 1))),
  },
  {
    name: 'date-in-last-days-birth',
    rules: A('BirthDate', { inLastDays: 1 }),
    members: keys(attr.date('BirthDate', (t) => inLastDays(t, 1))),
  },
  {
    name: 'date-in-next-days',
    rules: A('CreatedDate', { inNextDays: 3 }),
    members: keys(attr.date('CreatedDate', (t) => inNextDays(t, 3))),
  },
  {
    name: 'date-older-than',
    rules: A('CreatedDate', { olderThanDays: 60 }),
    members: keys(attr.date('CreatedDate', (t) => olderThanDays(t, 60))),
  },
  {
    name: 'anniversary-today',
    rules: A('BirthDate', { anniversary: 'today' }),
    members: keys(attr.date('BirthDate', (t) => md(t) === TODAY_MD)),
  },
  {
    name: 'anniversary-tomorrow',
    rules: A('BirthDate', { anniversary: 'tomorrow' }),
    members: keys(attr.date('BirthDate', (t) => md(t) === TOMORROW_MD)),
  },
  // Email data views: rolling windows to the second, keys under the collation, duplicates counted.
  { name: 'clicked-30', rules: { emailClicked: { withinDays: 30 } }, members: keys(clicked(30)) },
  {
    name: 'clicked-twice',
    rules: { emailClicked: { withinDays: 7, atLeast: 2 } },
    members: keys(clicked(7, 2)),
  },
  {
    name: 'clicked-url',
    rules: { emailClicked: { withinDays: 60, url: { contains: 'premium' } } },
    members: keys(clicked(60, 1, 'premium')),
  },
  {
    name: 'clicked-url-wildcards',
    rules: { emailClicked: { withinDays: 30, url: { contains: '50%off_[sale]' } } },
    members: keys(clicked(30, 1, '50%off_[sale]')),
  },
  { name: 'opened-60', rules: { emailOpened: { withinDays: 60 } }, members: keys(opened(60)) },
  { name: 'sent-30', rules: { emailSent: { withinDays: 30 } }, members: keys(sent(30)) },
  {
    name: 'bounced-hard',
    rules: { bounced: { type: 'hard', withinDays: 30 } },
    members: keys(
      (c) =>
        events('_Bounce', c, (r) => eq(r.BounceCategory, 'Hard bounce') && eventWithin(30)(r)).length > 0,
    ),
  },
  {
    name: 'bounced-any',
    rules: { bounced: { withinDays: 30 } },
    members: keys((c) => events('_Bounce', c, eventWithin(30)).length > 0),
  },
  {
    name: 'unsubscribed-status',
    rules: { unsubscribed: {} },
    members: keys(
      (c) =>
        events('_Subscribers', c, (r) => eq(r.Status, 'unsubscribed')).length > 0 ||
        events('_BusinessUnitUnsubscribes', c).length > 0,
    ),
  },
  {
    name: 'unsubscribed-30',
    rules: { unsubscribed: { withinDays: 30 } },
    members: keys((c) => events('_Unsubscribe', c, eventWithin(30)).length > 0),
  },
  {
    name: 'complained-30',
    rules: { complained: { withinDays: 30 } },
    members: keys((c) => events('_Complaint', c, eventWithin(30)).length > 0),
  },
  {
    name: 'event-pricing',
    rules: { event: { source: 'Web_Events', where: [{ field: 'Page', equals: '/pricing' }], withinDays: 7 } },
    members: keys(
      (c) => events('Web_Events', c, (r) => eq(r.Page, '/pricing') && eventWithin(7)(r)).length > 0,
    ),
  },
  {
    name: 'inactive-guarded',
    rules: { inactive: { days: 60, joinedField: 'CreatedDate' } },
    members: keys(all(not(clicked(60)), not(opened(60)), (c) => ageAtLeast(wall(c.CreatedDate), 60))),
  },
  { name: 'inactive-send', rules: { inactive: { days: 30, of: 'send' } }, members: keys(not(sent(30))) },
  {
    name: 'last-interaction-between',
    rules: { lastInteraction: { betweenDays: [30, 90] } },
    members: keys((c) => within(lastInteraction(c), 90) && !within(lastInteraction(c), 30)),
  },
  {
    name: 'last-interaction-never',
    rules: { lastInteraction: { never: true } },
    members: keys((c) => lastInteraction(c) === -Infinity),
  },
  // Scores: a NULL score is no score; ties at the cut go to the lower key.
  {
    name: 'score-highest-cut',
    rules: { scoreChange: { highest: { withinDays: 30, top: 2 } } },
    members: topN(scored(30), 2),
  },
  {
    name: 'score-highest-all',
    rules: { scoreChange: { highest: { withinDays: 30, top: 50 } } },
    members: topN(scored(30), 50),
  },
  {
    name: 'score-rose',
    rules: { scoreChange: { rose: { withinDays: 30 } } },
    members: keys((c) => (movement(c, 30) ?? 0) >= 1),
  },
  {
    name: 'score-rose-top',
    rules: { scoreChange: { rose: { withinDays: 30, top: 1 } } },
    members: topN(
      CONTACTS.flatMap((c) =>
        (movement(c, 30) ?? 0) >= 1 ? [{ key: c.SubscriberKey, v: movement(c, 30)! }] : [],
      ),
      1,
    ),
  },
  {
    name: 'score-fell',
    rules: { scoreChange: { fell: { withinDays: 30, byAtLeast: 5 } } },
    members: keys((c) => -(movement(c, 30) ?? 0) >= 5),
  },
  {
    name: 'score-none',
    rules: { scoreChange: { noScore: true } },
    members: keys((c) => scores(c).length === 0),
  },
  // CRM: records deleted in Salesforce (IsDeleted) never qualify unless asked for.
  {
    name: 'lead-status',
    rules: { leadStatus: { equals: 'Working - Contacted' } },
    members: keys((c) => eq(lead(c)?.Status, 'Working - Contacted')),
  },
  {
    name: 'lead-status-deleted',
    rules: { leadStatus: { equals: 'Working - Contacted', includeDeleted: true } },
    members: keys((c) => eq(lead(c, true)?.Status, 'Working - Contacted')),
  },
  {
    name: 'lead-status-not-in',
    rules: { leadStatus: { notIn: ['Nurturing'] } },
    members: keys((c) => {
      const l = lead(c);
      return !!l && (l.Status === null || !eq(l.Status, 'Nurturing'));
    }),
  },
  {
    name: 'opportunity-stage',
    rules: { opportunityStage: { equals: 'Negotiation/Review' } },
    members: keys((c) => opportunities(c).some((o) => eq(o.StageName, 'Negotiation/Review'))),
  },
  {
    name: 'purchase-last-30',
    rules: { lastPurchase: { inLastDays: 30 } },
    members: keys((c) => won(c, 30).length > 0),
  },
  {
    name: 'purchase-never',
    rules: { lastPurchase: { never: true } },
    members: keys((c) => won(c).length === 0),
  },
  {
    name: 'purchase-older',
    rules: { lastPurchase: { olderThanDays: 30 } },
    members: keys((c) => won(c).length > 0 && won(c, 30).length === 0),
  },
  {
    name: 'purchase-amount',
    rules: { purchaseTotals: { amount: { gte: 10000 } } },
    members: keys((c) => won(c).reduce((s, o) => s + Number(o.Amount ?? 0), 0) >= 10000),
  },
  {
    name: 'purchase-count',
    rules: { purchaseTotals: { count: { gte: 1 }, withinDays: 30 } },
    members: keys((c) => won(c, 30).length >= 1),
  },
  {
    name: 'no-sales-activity',
    rules: { noSalesActivity: { days: 30 } },
    members: keys((c) => {
      const l = lead(c);
      if (!l) return false;
      const last = l.LastActivityDate === null ? undefined : wall(String(l.LastActivityDate));
      return (last === undefined || olderThanDays(last, 30)) && ageAtLeast(wall(String(l.CreatedDate)), 30);
    }),
  },
  {
    name: 'owner-email',
    rules: { owner: { userField: 'Email', equals: 'jane@acme.example' } },
    members: keys((c) => {
      const l = lead(c);
      return !!l && DES.CRM_User.some((u) => eq(u.Id, l.OwnerId) && eq(u.Email, 'jane@acme.example'));
    }),
  },
  // Segments reading segments.
  { name: 'in-segment', rules: { inSegment: 'text-equals' }, members: keys(attr.equals('Tier', 'GOLD')) },
  {
    name: 'not-in-segment',
    rules: { notInSegment: 'text-equals' },
    members: keys(not(attr.equals('Tier', 'GOLD'))),
  },
  {
    name: 'combined',
    rules: {
      all: [{ any: [A('Tier', { equals: 'gold' }), A('Score', { gte: 90 })] }, { not: { unsubscribed: {} } }],
    },
    members: keys(
      (c) =>
        (attr.equals('Tier', 'gold')(c) || attr.num('Score', (n) => n >= 90)(c)) &&
        !events('_Subscribers', c, (r) => eq(r.Status, 'unsubscribed')).length &&
        !events('_BusinessUnitUnsubscribes', c).length,
    ),
  },
];

export const sortKeys = (ks: string[]) => [...ks].sort((a, b) => (fold(a) < fold(b) ? -1 : 1));
