/**
 * Report readers backed by an SFMC client: members are the key column of each segment's target data
 * extension; last-run times come from the automation that refreshes the segment (same key as its target).
 */
import type { SfmcClient } from '../client/index.ts';
import type { CompiledSegment } from '../compiler/index.ts';
import { refreshAutomations } from '../deploy/refresh-lookup.ts';

type ReportClient = Pick<SfmcClient, 'rows' | 'automations'>;

/** The field a target is keyed by: its primary key, else its first field. */
export function memberField(seg: CompiledSegment): string {
  return (seg.target.fields.find((f) => f.primaryKey) ?? seg.target.fields[0]).name;
}

export function clientMemberReader(client: ReportClient, segments: CompiledSegment[]) {
  const byKey = new Map(segments.map((s) => [s.targetKey.toLowerCase(), memberField(s)]));
  return async function* readMembers(targetKey: string): AsyncIterable<string> {
    const field = byKey.get(targetKey.toLowerCase());
    if (!field) throw new Error(`no segment targets ${targetKey}`);
    const lower = field.toLowerCase();
    // The rowset API answers field names in lower case; match without case.
    for await (const row of client.rows.read(targetKey, { fields: [field] })) {
      const name = Object.keys(row).find((k) => k.toLowerCase() === lower);
      if (name !== undefined && row[name] !== '') yield row[name];
    }
  };
}

/** Reads every automation once; the returned lookup answers by segment target key without further calls. */
export async function clientLastRuns(
  client: ReportClient,
  segments: CompiledSegment[] = [],
): Promise<(key: string) => string | undefined> {
  const runs = new Map<string, string>();
  // Segments share one automation per schedule: its last run is each of its segments' last run.
  for (const [name, a] of await refreshAutomations(client, segments)) {
    const seg = segments.find((s) => s.name === name);
    if (seg && a.lastRunTime) runs.set(seg.targetKey.toLowerCase(), a.lastRunTime);
  }
  return (key) => runs.get(key.toLowerCase());
}
