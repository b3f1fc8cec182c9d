/**
 * The query activities that measure a segment in SFMC, run after its refresh in the same automation:
 * history (one appended row: size, entered, exited against the previous run's snapshot), the member
 * log (who entered and left, appended), then the snapshot (the members now, overwritten). Identifiers
 * and literals go through the compiler's escaping.
 */
import { ident, literal } from '../compiler/sql/escape.ts';

export interface MeasuredTables {
  segment: string;
  /** Data extension names as SQL references them. */
  target: string;
  snapshot: string;
  key: string;
}

const newMembers = (t: MeasuredTables) =>
  `FROM ${ident(t.target)} AS m WHERE NOT EXISTS (SELECT 1 FROM ${ident(t.snapshot)} AS p WHERE p.${ident(t.key)} = m.${ident(t.key)})`;
const goneMembers = (t: MeasuredTables) =>
  `FROM ${ident(t.snapshot)} AS p WHERE NOT EXISTS (SELECT 1 FROM ${ident(t.target)} AS m WHERE m.${ident(t.key)} = p.${ident(t.key)})`;

export function historySql(t: MeasuredTables): string {
  return [
    `SELECT ${literal(t.segment)} AS [Segment], GETDATE() AS [RunTime], z.[Size], e.[Entered], x.[Exited]`,
    `FROM (SELECT COUNT(*) AS [Size] FROM ${ident(t.target)}) AS z`,
    `CROSS JOIN (SELECT COUNT(*) AS [Entered] ${newMembers(t)}) AS e`,
    `CROSS JOIN (SELECT COUNT(*) AS [Exited] ${goneMembers(t)}) AS x`,
  ].join('\n');
}

export function memberLogSql(t: MeasuredTables): string {
  return [
    `SELECT m.${ident(t.key)} AS [MemberKey], 'entered' AS [Event], GETDATE() AS [EventTime] ${newMembers(t)}`,
    'UNION ALL',
    `SELECT p.${ident(t.key)} AS [MemberKey], 'exited' AS [Event], GETDATE() AS [EventTime] ${goneMembers(t)}`,
  ].join('\n');
}

export function snapshotSql(t: MeasuredTables): string {
  return `SELECT m.${ident(t.key)} AS ${ident(t.key)} FROM ${ident(t.target)} AS m`;
}

/** Email data views counted per member over the window (SFMC system data views, SubscriberKey + EventDate). */
export const ENGAGEMENT_VIEWS = [
  ['Sent', '_Sent'],
  ['Opened', '_Open'],
  ['Clicked', '_Click'],
  ['Unsubscribed', '_Unsubscribe'],
  ['Complained', '_Complaint'],
  ['Bounced', '_Bounce'],
] as const;

export function engagementSql(t: MeasuredTables, windowDays: number): string {
  const joins = ENGAGEMENT_VIEWS.map(
    ([column, view], i) =>
      `CROSS JOIN (SELECT COUNT(DISTINCT v.[SubscriberKey]) AS ${ident(column)} FROM ${ident(view)} AS v INNER JOIN ${ident(t.target)} AS m ON m.${ident(t.key)} = v.[SubscriberKey] WHERE v.[EventDate] >= DATEADD(DAY, ${-windowDays}, GETDATE())) AS v${i}`,
  );
  return [
    `SELECT ${literal(t.segment)} AS [Segment], GETDATE() AS [RunTime], ${windowDays} AS [WindowDays], n.[Members], ${ENGAGEMENT_VIEWS.map(([c], i) => `v${i}.${ident(c)}`).join(', ')}`,
    `FROM (SELECT COUNT(*) AS [Members] FROM ${ident(t.target)}) AS n`,
    ...joins,
  ].join('\n');
}
