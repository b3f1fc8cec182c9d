/**
 * The suite's clock. SFMC's clock is CST (UTC-6, no daylight saving): the instant below reads
 * 2024-03-01 12:00:00 in GETDATE(), the day after Feb 29 of a leap year. Dates in the dataset are CST
 * wall-clock text 'YYYY-MM-DD HH:MM:SS', as SFMC stores them; arithmetic is on that wall clock.
 */
export const NOW_ISO = '2024-03-01T18:00:00Z';
export const NOW_CST = '2024-03-01 12:00:00';

const DAY = 86_400_000;

/** Wall-clock text -> ms (read as if UTC: only differences and calendar fields matter). */
export function wall(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

export function text(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export const NOW = wall(NOW_CST);

/** N days (fractions allowed) before now, plus `seconds`. */
export function ago(days: number, seconds = 0): string {
  return text(NOW - days * DAY + seconds * 1000);
}

/** Midnight of the calendar day `days` after today (negative: before). */
export function dayStart(days: number): number {
  const today = NOW - (NOW % DAY);
  return today + days * DAY;
}

export { DAY };
