/**
 * The edge-case dataset: keys and values with mixed case, trailing spaces, ', %, _, [ and ]; NULLs, empty and
 * blank strings; window boundaries one second either side; duplicate events; a month end and Feb 29;
 * ties at a top-N cut; a contact created today; CRM records deleted in Salesforce (IsDeleted, deletes: flag).
 */
import { ago, NOW_CST } from './clock.ts';

export type Row = Record<string, string | number | boolean | null>;

export interface Contact {
  SubscriberKey: string;
  EmailAddress: string;
  Tier: string | null;
  City: string | null;
  Score: number | null;
  Spend: number | null;
  Active: boolean | null;
  BirthDate: string | null;
  CreatedDate: string;
  Note: string | null;
}

const c = (
  SubscriberKey: string,
  rest: Partial<Omit<Contact, 'SubscriberKey' | 'EmailAddress'>> & { CreatedDate: string },
): Contact => ({
  SubscriberKey,
  EmailAddress: `${SubscriberKey.replace(/[^a-z0-9]/gi, '') || 'x'}@example.com`,
  Tier: null,
  City: null,
  Score: null,
  Spend: null,
  Active: null,
  BirthDate: null,
  Note: null,
  ...rest,
});

export const CONTACTS: Contact[] = [
  c('alice', {
    Tier: 'Gold',
    City: 'Paris',
    Score: 10,
    Spend: 100.5,
    Active: true,
    BirthDate: '1990-03-01 00:00:00',
    CreatedDate: '2023-06-30 18:00:00',
    Note: 'contains 100% real',
  }),
  c('Bob', {
    Tier: 'gold ',
    City: 'PARIS',
    Score: 20,
    Spend: 0,
    Active: false,
    BirthDate: '1992-02-29 00:00:00',
    CreatedDate: '2023-07-01 00:00:00',
    Note: 'under_score here',
  }),
  c("o'neil", {
    Tier: 'Silver',
    City: "L'Aquila",
    Active: true,
    BirthDate: '1985-03-02 00:00:00',
    CreatedDate: '2024-01-31 23:59:59',
    Note: "it's [x]",
  }),
  c('50%off', {
    Tier: 'GOLD',
    City: 'Zürich',
    Score: 30,
    Spend: 20000,
    CreatedDate: '2024-01-01 00:00:00',
    Note: '50% off',
  }),
  c('under_score', { Tier: '', City: 'zurich', Score: 5, Spend: 10, CreatedDate: ago(30.5), Note: 'a_b' }),
  c('[br]acket', { Tier: '   ', Score: 15, CreatedDate: '2024-02-01 00:00:00', Note: '[br]' }),
  c('new-today', { City: 'Paris ', Score: 25, CreatedDate: '2024-03-01 08:00:00' }),
  c('young', { Tier: 'Bronze', Score: 1, CreatedDate: ago(59.5), BirthDate: '2000-02-29 12:00:00' }),
  c('aged', { Tier: 'Bronze', Score: 2, CreatedDate: ago(60.5), BirthDate: '2024-02-29 23:00:00' }),
  c('tie-a', { Tier: 'Platinum', Score: 90, CreatedDate: '2023-01-01 00:00:00' }),
  c('tie-b', { Tier: 'Platinum', Score: 90, CreatedDate: '2023-01-01 00:00:00' }),
  c('dup', { Tier: 'Gold', Score: 50, CreatedDate: '2023-01-01 00:00:00', BirthDate: '1999-12-31 23:59:59' }),
];

const ev = (SubscriberKey: string, EventDate: string, more: Row = {}): Row => ({
  SubscriberKey,
  EventDate,
  JobID: 1,
  ...more,
});

export const VIEWS: Record<string, Row[]> = {
  _Click: [
    ev('alice', ago(30, 1), { URL: 'https://acme.example/premium' }),
    ev('BOB', ago(30, -1), { URL: 'https://acme.example/premium' }),
    ev("O'NEIL ", ago(5), { URL: 'https://acme.example/Premium?a=1' }),
    ev('dup', ago(2), { URL: 'https://acme.example/basic' }),
    ev('dup', ago(2), { URL: 'https://acme.example/basic' }),
    ev('50%OFF', ago(10), { URL: 'https://acme.example/50%off_[sale]' }),
    ev('aged', ago(90), { URL: 'https://acme.example/basic' }),
  ],
  _Open: [ev('alice', ago(1)), ev('under_score', ago(100)), ev('Tie-A ', ago(45))],
  _Sent: [ev('alice', ago(1)), ev('bob', ago(40)), ev('new-today', ago(0.1)), ev('aged', ago(61))],
  _Bounce: [
    ev('Bob', ago(10), { BounceCategory: 'Hard bounce' }),
    ev('under_score', ago(3), { BounceCategory: 'Soft bounce' }),
  ],
  _Unsubscribe: [ev("o'neil", ago(20))],
  _Complaint: [ev('50%off', ago(3))],
  _Subscribers: [
    { SubscriberKey: "O'Neil", Status: 'Unsubscribed' },
    { SubscriberKey: '[br]acket ', Status: 'unsubscribed' },
    { SubscriberKey: 'alice', Status: 'active' },
  ],
  _BusinessUnitUnsubscribes: [
    { BusinessUnitID: 1, SubscriberKey: 'UNDER_SCORE', UnsubDateUTC: '2023-01-01 00:00:00' },
  ],
};

const snap = (key: string, date: string, score: number | null): Row => ({
  SnapshotId: `${key}|${date}`,
  SubscriberKey: key,
  SnapshotDate: date,
  Score: score,
});

export const DES: Record<string, Row[]> = {
  Score_History: [
    snap('alice', ago(20), 50),
    snap('alice', ago(1), 80),
    snap('Bob', ago(20), 70),
    snap('Bob', ago(1), 40),
    snap("o'neil", ago(5), null),
    snap("o'neil", ago(1), null),
    snap('under_score', ago(25), null),
    snap('under_score', ago(10), 10),
    snap('under_score', ago(1), 30),
    snap('50%off', ago(3), 95),
    snap('tie-a', ago(2), 90),
    snap('tie-b', ago(2), 90),
  ],
  Web_Events: [
    { EventId: 'w1', SubscriberKey: 'alice ', EventDate: ago(3), Page: '/pricing' },
    { EventId: 'w2', SubscriberKey: 'BOB', EventDate: ago(3), Page: '/PRICING' },
    { EventId: 'w3', SubscriberKey: 'dup', EventDate: ago(8), Page: '/pricing' },
    { EventId: 'w4', SubscriberKey: '50%off', EventDate: ago(1), Page: '/docs' },
  ],
  CRM_Lead: [
    {
      Id: 'alice',
      Status: 'Working - Contacted',
      OwnerId: 'u1',
      LastActivityDate: ago(40),
      CreatedDate: ago(100),
      IsDeleted: false,
    },
    {
      Id: 'Bob',
      Status: 'Working - Contacted',
      OwnerId: 'u1',
      LastActivityDate: null,
      CreatedDate: ago(100),
      IsDeleted: true,
    },
    {
      Id: 'new-today',
      Status: 'working - contacted ',
      OwnerId: 'u2',
      LastActivityDate: null,
      CreatedDate: NOW_CST,
      IsDeleted: null,
    },
    {
      Id: 'under_score',
      Status: 'Nurturing',
      OwnerId: 'u2',
      LastActivityDate: null,
      CreatedDate: ago(30.5),
      IsDeleted: false,
    },
    {
      Id: 'young',
      Status: 'Nurturing',
      OwnerId: 'u2',
      LastActivityDate: null,
      CreatedDate: ago(29.5),
      IsDeleted: false,
    },
  ],
  CRM_User: [
    { Id: 'u1', Email: 'Jane@Acme.example', Name: 'Jane Doe' },
    { Id: 'u2', Email: 'sam@acme.example', Name: 'Sam Roe' },
  ],
  CRM_Contact: [
    { Id: 'alice', AccountId: 'A1', IsDeleted: false },
    { Id: 'Bob', AccountId: 'A2', IsDeleted: false },
    { Id: '50%off', AccountId: 'A3', IsDeleted: false },
    { Id: 'dup', AccountId: 'A4', IsDeleted: true },
  ],
  CRM_Opportunity: [
    {
      Id: 'o1',
      AccountId: 'A1',
      StageName: 'Closed Won',
      IsWon: true,
      IsClosed: true,
      CloseDate: ago(10).slice(0, 10),
      Amount: 5000,
      IsDeleted: false,
    },
    {
      Id: 'o2',
      AccountId: 'A2',
      StageName: 'Negotiation/Review',
      IsWon: false,
      IsClosed: false,
      CloseDate: null,
      Amount: 100,
      IsDeleted: true,
    },
    {
      Id: 'o3',
      AccountId: 'a2 ',
      StageName: 'Closed Won',
      IsWon: true,
      IsClosed: true,
      CloseDate: ago(5).slice(0, 10),
      Amount: 9000,
      IsDeleted: true,
    },
    {
      Id: 'o4',
      AccountId: 'A3',
      StageName: 'negotiation/review ',
      IsWon: false,
      IsClosed: false,
      CloseDate: null,
      Amount: 100,
      IsDeleted: false,
    },
    {
      Id: 'o5',
      AccountId: 'A3',
      StageName: 'Closed Won',
      IsWon: true,
      IsClosed: true,
      CloseDate: ago(200).slice(0, 10),
      Amount: 12000,
      IsDeleted: false,
    },
    {
      Id: 'o6',
      AccountId: 'A4',
      StageName: 'Closed Won',
      IsWon: true,
      IsClosed: true,
      CloseDate: ago(1).slice(0, 10),
      Amount: 1,
      IsDeleted: false,
    },
  ],
};

/** What the data extensions of the project hold (Contacts first). */
export function dataExtensionRows(): Record<string, Row[]> {
  return { Contacts: CONTACTS as unknown as Row[], ...DES };
}
