import { setTimeout as delay } from 'node:timers/promises';
import type { SfmcClient } from '../client/index.ts';
import type { CompiledSegment } from '../compiler/index.ts';
import { refreshAutomations } from '../deploy/refresh-lookup.ts';
import { KitError } from '../errors/index.ts';

export interface RunSegmentsOptions {
  pollIntervalMs?: number;
  /** Per segment. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type RunClient = Pick<SfmcClient, 'automations' | 'queries'>;

/**
 * Runs each scheduled segment's automation once, in compile order (dependencies first), waiting for
 * each run to finish: SFMC starts runs in the background. Static segments ran at deploy; their query
 * is only waited for. Meant for the emulator; on a real business unit this is what the schedule does.
 */
export async function runSegmentsOnce(
  client: RunClient,
  segments: CompiledSegment[],
  options: RunSegmentsOptions = {},
): Promise<string[]> {
  const poll = options.pollIntervalMs ?? 50;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const timeoutMs = options.timeoutMs ?? 120_000;
  // One automation refreshes every segment of a schedule, in dependency order: run each once.
  const automations = await refreshAutomations(client, segments);
  const done = new Set<string>();
  const ran: string[] = [];
  for (const seg of segments) {
    const automation = automations.get(seg.name);
    if (automation) {
      if (!done.has(automation.id)) {
        done.add(automation.id);
        await client.automations.runOnce(automation.id);
        await waitForAutomation(
          client,
          { id: automation.id, lastRun: automation.lastRunTime },
          { poll, sleep, timeoutMs, name: seg.name },
        );
      }
      ran.push(seg.name);
    } else if (seg.form === 'query') {
      const query = await client.queries.getByKey(seg.targetKey);
      if (query) await client.queries.waitUntilDone(query.id, { pollIntervalMs: poll, timeoutMs });
    }
  }
  return ran;
}

/** Done when the automation reports a new last run and is no longer running (status 3). */
async function waitForAutomation(
  client: RunClient,
  automation: { id: string; lastRun?: unknown },
  o: { poll: number; sleep: (ms: number) => Promise<void>; timeoutMs: number; name: string },
): Promise<void> {
  for (let waited = 0; ; waited += o.poll) {
    const now = await client.automations.get(automation.id);
    if (now.raw.lastRunTime !== automation.lastRun && now.statusId !== 3) return;
    if (waited >= o.timeoutMs)
      throw new KitError('TIMEOUT', `segment ${o.name}: its automation did not finish a run in time`);
    await o.sleep(o.poll);
  }
}
