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

/** Rows of a per-segment measurement DE, grouped by their Segment column in read order. */
async function readBySegment<T>(
  client: Reader,
  key: string,
  toPoint: (row: Record<string, string>) => T,
): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>();
  for await (const row of client.rows.read(key)) {
    const segment = field(row, 'Segment');
    if (!segment) continue;
    const list = out.get(segment) ?? [];
    list.push(toPoint(row));
    out.set(segment, list);
  }
  return out;
}

export function readHistory(client: Reader, key: string): Promise<Map<string, HistoryPoint[]>> {
  return readBySegment(client, key, (row) => ({
    runTime: isoTime(field(row, 'RunTime')),
    size: num(row, 'Size'),
    entered: num(row, 'Entered'),
    exited: num(row, 'Exited'),
  }));
}

export function readEngagement(client: Reader, key: string): Promise<Map<string, EngagementPoint[]>> {
  return readBySegment(client, key, (row) => ({
    runTime: isoTime(field(row, 'RunTime')),
    windowDays: num(row, 'WindowDays'),
    members: num(row, 'Members'),
    sent: num(row, 'Sent'),
    opened: num(row, 'Opened'),
    clicked: num(row, 'Clicked'),
    unsubscribed: num(row, 'Unsubscribed'),
    complained: num(row, 'Complained'),
    bounced: num(row, 'Bounced'),
  }));
}
