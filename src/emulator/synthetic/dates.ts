const DAY = 86_400_000;
/** SFMC data view form: 'YYYY-MM-DD HH:MM:SS' (UTC here). */
export const sfmcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const daysAgo = (now: Date, days: number, extraMs = 0): number => now.getTime() - days * DAY + extraMs;
export { DAY };
