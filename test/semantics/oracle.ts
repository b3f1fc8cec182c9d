/**
 * The documented meaning of each condition, in plain TypeScript over the dataset (docs/definitions.md:
 * Time windows, Text comparison). Written from the documentation, not from the compiler: nothing here
 * imports src/compiler.
 */
import { ago, DAY, dayStart, NOW, wall } from './clock.ts';
import { CONTACTS, type Contact, DES, type Row, VIEWS } from './dataset.ts';

/** SQL Server's CI_AS collation with ANSI padding: case folded, trailing spaces dropped, accents kept. */
export const fold = (s: string) => s.replace(/ +$/, '').toLowerCase();
export const eq = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' && fold(a) === fold(b);
/** LIKE '%x%' etc.: case-insensitive, the value's trailing spaces ignored, the pattern's kept. */
const likeTest = (v: unknown, test: (s: string) => boolean) =>
  typeof v === 'string' && (test(v.toLowerCase()) || test(v.replace(/ +$/, '').toLowerCase()));
export const contains = (v: unknown, sub: string) => likeTest(v, (s) => s.includes(sub.toLowerCase()));
export const begins = (v: unknown, p: string) => likeTest(v, (s) => s.startsWith(p.toLowerCase()));
export const ends = (v: unknown, p: string) => likeTest(v, (s) => s.endsWith(p.toLowerCase()));
const empty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && fold(v) === '');

export type Pred = (c: Contact) => boolean;
export const keys = (p: Pred): string[] => CONTACTS.filter(p).map((c) => c.SubscriberKey);
export const all =
  (...ps: Pred[]): Pred =>
  (c) =>
    ps.every((p) => p(c));
export const not =
  (p: Pred): Pred =>
  (c) =>
    !p(c);

type Field = keyof Contact;
export const attr = {
  equals:
    (f: Field, v: unknown): Pred =>
    (c) =>
      typeof v === 'string' ? eq(c[f], v) : c[f] === v,
  notEquals:
    (f: Field, v: unknown): Pred =>
    (c) =>
      c[f] === null || !attr.equals(f, v)(c),
  in:
    (f: Field, vs: unknown[]): Pred =>
    (c) =>
      vs.some((v) => attr.equals(f, v)(c)),
  notIn:
    (f: Field, vs: unknown[]): Pred =>
    (c) =>
      c[f] === null || !attr.in(f, vs)(c),
  contains:
    (f: Field, v: string): Pred =>
    (c) =>
      contains(c[f], v),
  notContains:
    (f: Field, vs: string[]): Pred =>
    (c) =>
      c[f] === null || vs.every((v) => !contains(c[f], v)),
  beginsWith:
    (f: Field, v: string): Pred =>
    (c) =>
      begins(c[f], v),
  endsWith:
    (f: Field, v: string): Pred =>
    (c) =>
      ends(c[f], v),
  isEmpty:
    (f: Field): Pred =>
    (c) =>
      empty(c[f]),
  isNotEmpty:
    (f: Field): Pred =>
    (c) =>
      !empty(c[f]),
  num:
    (f: Field, test: (n: number) => boolean): Pred =>
    (c) =>
      typeof c[f] === 'number' && test(c[f] as number),
  date:
    (f: Field, test: (ms: number) => boolean): Pred =>
    (c) =>
      typeof c[f] === 'string' && test(wall(c[f] as string)),
};

/** Window words (docs/definitions.md, Time windows). */
export const within = (ms: number, days: number) => ms >= NOW - days * DAY;
export const inLastDays = (ms: number, days: number) => ms >= dayStart(-days) && ms < dayStart(1);
export const inNextDays = (ms: number, days: number) => ms >= dayStart(0) && ms < dayStart(days + 1);
export const olderThanDays = (ms: number, days: number) => ms < dayStart(-days);
export const ageAtLeast = (ms: number, days: number) => ms <= NOW - days * DAY;

/** Events of a view (or DE) whose key matches the contact, optionally filtered. */
export function events(table: string, c: Contact, filter: (r: Row) => boolean = () => true): Row[] {
  const rows = VIEWS[table] ?? DES[table];
  return rows.filter((r) => eq(r.SubscriberKey, c.SubscriberKey) && filter(r));
}
export const eventWithin = (days?: number) => (r: Row) =>
  days === undefined || within(wall(String(r.EventDate)), days);

const notDeleted = (r: Row) => r.IsDeleted !== true;
export function lead(c: Contact, includeDeleted = false): Row | undefined {
  return DES.CRM_Lead.find((l) => eq(l.Id, c.SubscriberKey) && (includeDeleted || notDeleted(l)));
}
/** Opportunities of the contact's account; deleted contacts and opportunities never count. */
export function opportunities(c: Contact, includeDeleted = false): Row[] {
  const contacts = DES.CRM_Contact.filter(
    (x) => eq(x.Id, c.SubscriberKey) && (includeDeleted || notDeleted(x)),
  );
  return DES.CRM_Opportunity.filter(
    (o) => (includeDeleted || notDeleted(o)) && contacts.some((x) => eq(x.AccountId, o.AccountId)),
  );
}

/** Score snapshots with a score (a NULL score is no score). */
export function scores(c: Contact): { ms: number; score: number }[] {
  return DES.Score_History.filter((s) => eq(s.SubscriberKey, c.SubscriberKey) && s.Score !== null).map(
    (s) => ({
      ms: wall(String(s.SnapshotDate)),
      score: Number(s.Score),
    }),
  );
}
/** Latest scored snapshot minus the first scored snapshot inside the window. */
export function movement(c: Contact, days: number): number | undefined {
  const s = scores(c).sort((a, b) => a.ms - b.ms);
  const inWindow = s.filter((x) => within(x.ms, days));
  if (!s.length || !inWindow.length) return undefined;
  return s[s.length - 1].score - inWindow[0].score;
}
/** Top N by a value, ties broken by key (ascending, under the collation). */
export function topN(values: { key: string; v: number }[], n: number): string[] {
  return [...values]
    .sort((a, b) => b.v - a.v || (fold(a.key) < fold(b.key) ? -1 : fold(a.key) > fold(b.key) ? 1 : 0))
    .slice(0, n)
    .map((x) => x.key);
}

export { ago };
