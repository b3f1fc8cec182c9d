import { makeId } from '../salesforce/ids.ts';
import { createRng } from './prng.ts';
import { CITIES, COMPANIES, FIRST_NAMES, LAST_NAMES } from './vocabulary.ts';

/** Everything about one person that several tables need, derived from (seed, index) alone. */
export interface Person {
  index: number;
  kind: 'Contact' | 'Lead';
  /** Salesforce Id; also the SFMC SubscriberKey, as Marketing Cloud Connect does. */
  id: string;
  subscriberId: number;
  firstName: string;
  lastName: string;
  email: string;
  city: [string, string, string];
  createdDaysAgo: number;
  /** Probability of opening a send. */
  engagement: number;
  score: number | null;
  /** Score change per day over the snapshot window (score d days ago = score − trend·d). */
  trend: number;
  grade: string | null;
  /** Job index at which the address hard-bounces (no sends after), or -1. */
  hardBounceJob: number;
  /** Chance of a soft bounce on each send. */
  softBounceRate: number;
  /** Job index after which the person unsubscribes, or -1. */
  unsubscribeJob: number;
  complains: boolean;
  /** Last job index the person is mailed in (a list they left without unsubscribing), or -1 for every job. */
  lastMailedJob: number;
}

export const personId = (kind: 'Contact' | 'Lead', n: number): string =>
  makeId(kind === 'Contact' ? '003' : '00Q', n + 1, 'S');

export function personAt(seed: number | string, index: number, contacts: number, jobs: number): Person {
  const r = createRng(seed, 'person', index);
  const kind = index < contacts ? 'Contact' : 'Lead';
  const n = kind === 'Contact' ? index : index - contacts;
  const firstName = r.pick(FIRST_NAMES);
  const lastName = r.pick(LAST_NAMES);
  const hasScore = r.chance(0.8);
  const score = hasScore ? r.int(0, 300) : null;
  const engagement = r.pick([0, 0.05, 0.2, 0.4, 0.7]);
  const hard = r.chance(0.03);
  const heavySoft = r.chance(0.05);
  const unsub = r.chance(0.05);
  return {
    index,
    kind,
    id: personId(kind, n),
    subscriberId: index + 1,
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${index}@${r.pick(COMPANIES).toLowerCase()}.example.com`.toLowerCase(),
    city: r.pick(CITIES),
    createdDaysAgo: r.int(1, 720),
    engagement,
    score,
    trend: hasScore ? r.int(-3, 3) : 0,
    grade: hasScore ? r.pick(['A', 'B', 'C', 'D']) : null,
    hardBounceJob: hard ? r.int(0, Math.max(0, jobs - 1)) : -1,
    softBounceRate: heavySoft ? 0.8 : 0.02,
    unsubscribeJob: unsub ? r.int(0, Math.max(0, jobs - 1)) : -1,
    complains: unsub && r.chance(0.2),
    // Drawn last, so every other attribute stays what it was. A few are only in the first two sends
    // (more than 60 days ago): the example's no-send-60-days segment.
    lastMailedJob: r.chance(0.06) ? Math.min(1, jobs - 1) : -1,
  };
}
