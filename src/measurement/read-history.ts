/**
 * Reads the measurement data extensions back through the SFMC client: history rows and engagement rows,
 * grouped by segment. The rowset API answers field names in lower case; they are matched without case.
 */
import type { SfmcClient } from '../client/index.ts';
import type { Project } from '../definitions/project.ts';
import { type EngagementPoint, type HistoryPoint, isoTime } from './trends.ts';

type Reader = Pick<SfmcClient, 'rows'>;

function field(row: Record<string, string>, name: string): string {
  const lower = name.toLowerCase();
  const k = Object.keys(row).find((x) => x.toLowerCase() === lower);
  return k === undefined ? '' : String(row[k] ?? '');
}
const num = (row: Record<string, string>, name: string) => Number(field(row, name) || 0);

export function historyKeys(project: Project): { history: string; engagement?: string } | undefined {
  const cfg = project.config.measurement;
  if (!cfg?.history) return undefined;
  const prefix = project.config.keyPrefix;
  const suffix = project.environment?.keySuffix ?? '';
  const key = (name: string) => `${prefix}${name}${suffix}`.replace(/\s+/g, '_');
  return {
    history: key(cfg.historyDataExtension),
    ...(cfg.engagement ? { engagement: key(cfg.engagement.dataExtension) } : {}),
  };
}

export async function readHistory(client: Reader, key: string): Promise<Map<string, HistoryPoint[]>> {
  const out = new Map<string, HistoryPoint[]>();
  for await (const row of client.rows.read(key)) {
    const segment = field(row, 'Segment');
    if (!segment) continue;
    const list = out.get(segment) ?? [];
    list.push({
      runTime: isoTime(field(row, 'RunTime')),
      size: num(row, 'Size'),
      entered: num(row, 'Entered'),
      exited: num(row, 'Exited'),
    });
    out.set(segment, list);
  }
  return out;
}

export async function readEngagement(client: Reader, key: string): Promise<Map<string, EngagementPoint[]>> {
  const out = new Map<string, EngagementPoint[]>();
  for await (const row of client.rows.read(key)) {
    const segment = field(row, 'Segment');
    if (!segment) continue;
    const list = out.get(segment) ?? [];
    list.push({
      runTime: isoTime(field(row, 'RunTime')),
      windowDays: num(row, 'WindowDays'),
      members: num(row, 'Members'),
      sent: num(row, 'Sent'),
      opened: num(row, 'Opened'),
      clicked: num(row, 'Clicked'),
      unsubscribed: num(row, 'Unsubscribed'),
      complained: num(row, 'Complained'),
      bounced: num(row, 'Bounced'),
    });
    out.set(segment, list);
  }
  return out;
}
