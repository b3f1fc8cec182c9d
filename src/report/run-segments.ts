import type { SfmcClient } from '../client/index.ts';
import type { CompiledSegment } from '../compiler/index.ts';

/**
 * Runs each scheduled segment's automation once, in compile order (dependencies first). Meant for the
 * emulator, where a run completes before Perform answers; static segments already ran at deploy.
 */
export async function runSegmentsOnce(
  client: Pick<SfmcClient, 'automations'>,
  segments: CompiledSegment[],
): Promise<string[]> {
  const ids = new Map<string, string>();
  for await (const a of client.automations.list()) ids.set(a.key.toLowerCase(), a.id);
  const ran: string[] = [];
  for (const seg of segments) {
    const id = ids.get(seg.targetKey.toLowerCase());
    if (!id) continue;
    await client.automations.runOnce(id);
    ran.push(seg.name);
  }
  return ran;
}
