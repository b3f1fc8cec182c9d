/**
 * The time windows of the rule language, in one place: every condition builds its date predicates here, and
 * docs/definitions.md prints these meanings with the SQL these same functions produce.
 *
 * SFMC keeps its clock in Central Standard Time all year (UTC-6, no daylight saving): GETDATE() and the data
 * views' dates are CST ("Dates and times are stored in Central Standard Time. Daylight Savings Time isn't
 * observed.", help.salesforce.com, Data View: Sent / Open / Click). "Today" is the CST calendar day, and a
 * data extension Date field holds a date and a time (a date-only value is midnight).
 */
import { daysAgo, TODAY } from './sql/escape.ts';

/** `GETDATE() - N days`, to the second: a rolling window of N x 24 hours ending now. */
export const rollingStart = (days: number): string => daysAgo(days);

/** Midnight (CST) of the calendar day N days before today. */
export const dayStart = (days: number): string => (days === 0 ? TODAY : `DATEADD(DAY, ${-days}, ${TODAY})`);

export const windows = {
  /** withinDays: N — an event in the last N x 24 hours, up to now. */
  withinDays: (col: string, days: number) => `${col} >= ${rollingStart(days)}`,
  /** inLastDays: N — on today or one of the N calendar days before it. */
  inLastDays: (col: string, days: number) => `(${col} >= ${dayStart(days)} AND ${col} < ${dayStart(-1)})`,
  /** inNextDays: N — on today or one of the N calendar days after it. */
  inNextDays: (col: string, days: number) => `(${col} >= ${TODAY} AND ${col} < ${dayStart(-(days + 1))})`,
  /** olderThanDays: N — before the first day inLastDays: N covers (its exact complement for a set value). */
  olderThanDays: (col: string, days: number) => `${col} < ${dayStart(days)}`,
  /** An age guard of N days (inactive's joinedField, noSalesActivity's newer records): at least N x 24 h ago. */
  ageAtLeast: (col: string, days: number) => `${col} <= ${rollingStart(days)}`,
} as const;

export interface WindowMeaning {
  word: string;
  where: string;
  meaning: string;
  /** The SQL the compiler emits, for a field `[Date]` and N = 30 (or the pair shown). */
  sql: string;
}

const F = '[Date]';

/** What each window word means, for the reference (scripts/definitions-reference). */
export const WINDOW_MEANINGS: readonly WindowMeaning[] = [
  {
    word: 'withinDays: N',
    where: 'email conditions, event, bounced, unsubscribed, complained, scoreChange',
    meaning:
      'A rolling window of N × 24 hours ending now, to the second: an event at 10:00 CST 30 days ago is inside at 09:59 today and outside at 10:01.',
    sql: windows.withinDays(F, 30),
  },
  {
    word: 'withinDays: N (purchaseTotals), inLastDays: N (lastPurchase)',
    where: 'purchaseTotals, lastPurchase (CloseDate, a Salesforce date)',
    meaning:
      'Calendar days on the opportunity CloseDate: closed on or after midnight (CST) N days ago. lastPurchase olderThanDays: N means a won opportunity and none closed since then.',
    sql: `[CloseDate] >= ${dayStart(30)}`,
  },
  {
    word: 'inLastDays: N',
    where: 'attribute (Date fields)',
    meaning:
      'Calendar days: today (CST) and the N days before it, from midnight N days ago to the end of today. A date-only value (midnight) on the first day is inside.',
    sql: windows.inLastDays(F, 30),
  },
  {
    word: 'inNextDays: N',
    where: 'attribute (Date fields)',
    meaning: 'Calendar days: today (CST) and the N days after it, to the end of the Nth day.',
    sql: windows.inNextDays(F, 30),
  },
  {
    word: 'olderThanDays: N',
    where: 'attribute (Date fields)',
    meaning:
      'Before midnight (CST) N calendar days ago: the complement of inLastDays: N for a field with a value. An empty field is neither.',
    sql: windows.olderThanDays(F, 30),
  },
  {
    word: 'inLastDays / olderThanDays / betweenDays: [M, N] (lastInteraction)',
    where: 'lastInteraction',
    meaning:
      'Rolling, like withinDays, over the interaction events: inLastDays N = an interaction within N × 24 hours; olderThanDays N = an interaction, none within N × 24 hours; betweenDays [M, N] = one within N × 24 hours and none within M × 24 hours (newest first). never = no interaction the source still keeps.',
    sql: `${windows.withinDays(F, 90)} AND NOT ${windows.withinDays(F, 30)}`,
  },
  {
    word: 'days: N (inactive)',
    where: 'inactive',
    meaning:
      'No action within the last N × 24 hours (rolling). With joinedField, the contact joined at least N × 24 hours ago: an age test against now, not a calendar day.',
    sql: `NOT (${windows.withinDays(F, 30)}) AND [Joined] <= ${rollingStart(30)}`,
  },
  {
    word: 'days: N (noSalesActivity)',
    where: 'noSalesActivity',
    meaning:
      'LastActivityDate (a Salesforce date) is empty or before midnight N calendar days ago, and the record was created at least N × 24 hours ago (age test against now).',
    sql: `(${F} IS NULL OR ${windows.olderThanDays(F, 30)}) AND [CreatedDate] <= ${rollingStart(30)}`,
  },
  {
    word: 'gt / gte / lt / lte / between / onDate with YYYY-MM-DD',
    where: 'attribute (Date fields)',
    meaning:
      'A date-only bound on a Date field (date and time) is a whole day: lte 2024-06-30 and between [.., 2024-06-30] include all of June 30 (< 2024-07-01); gt 2024-06-30 starts on July 1; onDate is that day, as a half-open range. A bound with a time (YYYY-MM-DD HH:MM) is exact.',
    sql: "[Date] < '2024-07-01'  (lte: '2024-06-30')",
  },
];
