import { DAY, sfmcDate } from './dates.ts';
import type { Person } from './people.ts';
import { createRng } from './prng.ts';
import { LINKS } from './vocabulary.ts';

export type EmailView = '_Sent' | '_Open' | '_Click' | '_Bounce' | '_Unsubscribe' | '_Complaint';
export type Row = Record<string, string | number | null>;

const ACCOUNT_ID = 100_001;
export const jobIdOf = (j: number): number => 5001 + j;
/** Sends spread evenly from 90 days ago to 2 days ago (a send this week), the oldest first. */
export const jobTime = (now: Date, jobs: number, j: number): number =>
  now.getTime() - (jobs === 1 ? 2 * DAY : Math.round(90 * DAY - (j * 88 * DAY) / (jobs - 1))) + 9 * 3_600_000;

/** The newest send is a promotion, the one before a webinar invitation, then a newsletter, and round again. */
export function emailName(jobs: number, j: number): string {
  const kind = (jobs - 1 - j) % 3;
  if (kind === 0) return `Promo ${j + 1}: this week's offer`;
  if (kind === 1) return `Webinar ${j + 1}: segments as code`;
  return `Newsletter ${j + 1}`;
}

/** Every email event of one person, in time order; decisions come from (seed, person, job). */
export function* personEmailEvents(
  seed: number | string,
  p: Person,
  jobs: number,
  now: Date,
): Generator<{ view: EmailView; row: Row }> {
  const domain = p.email.split('@')[1];
  for (let j = 0; j < jobs; j++) {
    const sentAt = jobTime(now, jobs, j);
    // Nobody is mailed before they existed, after a hard bounce or after unsubscribing.
    if (sentAt < now.getTime() - p.createdDaysAgo * DAY) continue;
    if (p.hardBounceJob >= 0 && j > p.hardBounceJob) break;
    if (p.unsubscribeJob >= 0 && j > p.unsubscribeJob) break;
    if (p.lastMailedJob >= 0 && j > p.lastMailedJob) break;
    const r = createRng(seed, 'mail', p.index, j);
    const base: Row = {
      AccountID: ACCOUNT_ID,
      OYBAccountID: ACCOUNT_ID,
      JobID: jobIdOf(j),
      ListID: 1,
      BatchID: 1,
      SubscriberID: p.subscriberId,
      SubscriberKey: p.id,
      Domain: domain,
    };
    const at = (minutes: number): string => sfmcDate(sentAt + minutes * 60_000);
    yield { view: '_Sent', row: { ...base, EventDate: at(0) } };
    if (j === p.hardBounceJob) {
      yield {
        view: '_Bounce',
        row: {
          ...base,
          EventDate: at(1),
          IsUnique: 1,
          BounceCategoryID: 1,
          BounceCategory: 'Hard bounce',
          BounceSubcategoryID: 1000,
          BounceSubcategory: 'User Unknown',
          BounceTypeID: 0,
          BounceType: 'immediate',
          SMTPBounceReason: '550 5.1.1 user unknown',
          SMTPMessage: '550 5.1.1 The email account that you tried to reach does not exist',
          SMTPCode: 550,
        },
      };
      continue;
    }
    if (r.chance(p.softBounceRate)) {
      yield {
        view: '_Bounce',
        row: {
          ...base,
          EventDate: at(2),
          IsUnique: 1,
          BounceCategoryID: 2,
          BounceCategory: 'Soft bounce',
          BounceSubcategoryID: 2000,
          BounceSubcategory: 'Mailbox Full',
          BounceTypeID: 1,
          BounceType: 'delayed',
          SMTPBounceReason: '452 4.2.2 mailbox full',
          SMTPMessage: '452 4.2.2 The email account that you tried to reach is over quota',
          SMTPCode: 452,
        },
      };
      continue;
    }
    if (r.chance(p.engagement)) {
      yield { view: '_Open', row: { ...base, EventDate: at(30), IsUnique: 1 } };
      if (r.chance(0.5)) {
        const clicks = r.int(1, 3);
        for (let c = 0; c < clicks; c++) {
          const link = r.pick(LINKS);
          yield {
            view: '_Click',
            row: {
              ...base,
              EventDate: at(31 + c),
              URL: link.url,
              LinkName: link.name,
              LinkContent: link.url,
              IsUnique: c === 0 ? 1 : 0,
            },
          };
        }
      }
    }
    if (j === p.unsubscribeJob) {
      yield { view: '_Unsubscribe', row: { ...base, EventDate: at(40), IsUnique: 1 } };
      if (p.complains) yield { view: '_Complaint', row: { ...base, EventDate: at(41), IsUnique: 1 } };
    }
  }
}

export function jobRow(now: Date, jobs: number, j: number): Row {
  const at = sfmcDate(jobTime(now, jobs, j));
  return {
    JobID: jobIdOf(j),
    EmailID: 9001 + j,
    AccountID: ACCOUNT_ID,
    FromName: 'Example Marketing',
    FromEmail: 'news@example.com',
    SchedTime: at,
    PickupTime: at,
    DeliveredTime: at,
    JobType: 'Email',
    JobStatus: 'Complete',
    EmailName: emailName(jobs, j),
    EmailSubject: `${emailName(jobs, j)}: what is new`,
    CreatedDate: at,
    SendClassification: 'Default Commercial',
  };
}
