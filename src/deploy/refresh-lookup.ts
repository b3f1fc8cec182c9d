import type { SfmcClient } from '../client/index.ts';
import type { CompiledSegment } from '../compiler/index.ts';

export interface RefreshAutomation {
  id: string;
  key: string;
  lastRunTime?: string;
}

/**
 * Which automation refreshes each scheduled segment. Segments share one automation per schedule, so the
 * automation is found by its steps (read from each automation: the list answer may leave them out), whose
 * activities the deploy names after the segment's target key (SFMC may show the activity's own name, the
 * segment name, instead: both are matched).
 */
export async function refreshAutomations(
  client: Pick<SfmcClient, 'automations'>,
  segments: CompiledSegment[],
): Promise<Map<string, RefreshAutomation>> {
  const byActivity = new Map<string, RefreshAutomation>();
  for await (const listed of client.automations.list()) {
    const a = Array.isArray(listed.raw.steps) ? listed : await client.automations.get(listed.id);
    const at = a.raw.lastRunTime;
    const entry: RefreshAutomation = {
      id: a.id,
      key: a.key,
      ...(typeof at === 'string' && at ? { lastRunTime: at } : {}),
    };
    for (const step of (a.raw.steps as Array<{ activities?: Array<{ name?: string }> }> | undefined) ?? [])
      for (const act of step.activities ?? []) if (act.name) byActivity.set(act.name.toLowerCase(), entry);
  }
  const out = new Map<string, RefreshAutomation>();
  for (const seg of segments) {
    const hit = byActivity.get(seg.targetKey.toLowerCase()) ?? byActivity.get(seg.name.toLowerCase());
    if (hit && seg.schedule) out.set(seg.name, hit);
  }
  return out;
}
