/**
 * Report readers backed by an SFMC client: members are the key column of each segment's target data
 * extension; last-run times come from the automation that refreshes the segment (same key as its target).
 */
import type { SfmcClient } from '../client/index.ts';
import type { CompiledSegment } from '../compiler/index.ts';

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

/** Reads every automation once; the returned lookup answers by key without further calls. */
export async function clientLastRuns(client: ReportClient): Promise<(key: string) => string | undefined> {
  const runs = new Map<string, string>();
  for await (const a of client.automations.list()) {
    const at = a.raw.lastRunTime;
    if (typeof at === 'string' && at) runs.set(a.key.toLowerCase(), at);
  }
  return (key) => runs.get(key.toLowerCase());
}
