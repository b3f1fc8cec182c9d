import pLimit from 'p-limit';
import { KitError } from '../errors/index.ts';
import { type Change, isDestructive, LEVEL } from './change.ts';
import type { Model } from './model.ts';
import { fingerprint, type Plan } from './plan.ts';
import type { DeployPort, ResourcePort } from './port.ts';

export interface ApplyOptions {
  allowDestructive?: boolean;
  concurrency?: number;
  onProgress?: (event: { change: Change; status: 'start' | 'done' | 'failed'; error?: unknown }) => void;
}

export interface ApplyResult {
  done: Change[];
  failed: Array<{ change: Change; error: unknown }>;
  /** Not attempted because an earlier level failed. */
  skipped: Change[];
  runs: string[];
}

/** A saved plan only applies to the live state it was made against. */
export function assertFresh(plan: Plan, live: Model): void {
  const now = fingerprint(live);
  if (now !== plan.liveFingerprint) {
    throw new KitError(
      'PLAN_STALE',
      `the business unit changed since the plan was made (${plan.liveFingerprint} → ${now})`,
      {
        hint: 'run `sfmc-kit plan` again',
      },
    );
  }
}

/** Deletes first (reverse order), then creates/updates level by level, bounded parallelism within a level. */
export async function applyPlan(
  plan: Plan,
  port: DeployPort,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  if (plan.refused.length) {
    throw new KitError(
      'FORBIDDEN_CHANGE',
      `the plan holds ${plan.refused.length} change(s) SFMC cannot make: ${plan.refused.map((c) => c.key).join(', ')}`,
    );
  }
  const destructive = plan.changes.filter(isDestructive);
  if (destructive.length && !options.allowDestructive) {
    throw new KitError(
      'FORBIDDEN_CHANGE',
      `the plan holds ${destructive.length} destructive change(s): ${destructive.map((c) => `${c.kind} ${c.resource} ${c.key}`).join(', ')}`,
      { hint: 'pass --allow-destructive to apply them' },
    );
  }
  const limit = pLimit(options.concurrency ?? 5);
  const result: ApplyResult = { done: [], failed: [], skipped: [], runs: [] };
  const groups = new Map<number, Change[]>();
  for (const c of plan.changes) {
    const g = c.kind === 'delete' ? 9 - LEVEL[c.resource] : 10 + LEVEL[c.resource];
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  const order = [...groups.keys()].sort((a, b) => a - b);
  for (const g of order) {
    const batch = groups.get(g)!;
    if (result.failed.length) {
      result.skipped.push(...batch);
      continue;
    }
    await Promise.all(
      batch.map((change) =>
        limit(async () => {
          // After a failure, queued work in the level is not started: stop early, report, rerun converges.
          if (result.failed.length) {
            result.skipped.push(change);
            return;
          }
          options.onProgress?.({ change, status: 'start' });
          try {
            await applyOne(change, port);
            result.done.push(change);
            options.onProgress?.({ change, status: 'done' });
          } catch (error) {
            result.failed.push({ change, error });
            options.onProgress?.({ change, status: 'failed', error });
          }
        }),
      ),
    );
  }
  if (!result.failed.length) {
    // Static segments run once, after every object they need exists, and after the segments they read: level
    // by level, each run awaited (port.run returns when the activity has finished).
    const runs = result.done.filter(
      (c): c is Extract<Change, { desired: unknown }> =>
        (c.resource === 'query' || c.resource === 'filterActivity') &&
        (c.kind === 'create' || c.kind === 'update' || c.kind === 'replace') &&
        !!(c.desired as { runOnDeploy?: boolean }).runOnDeploy,
    );
    const levelOf = (c: Change) => (c as { desired?: { runLevel?: number } }).desired?.runLevel ?? 0;
    for (const level of [...new Set(runs.map(levelOf))].sort((a, b) => a - b)) {
      await Promise.all(
        runs
          .filter((c) => levelOf(c) === level)
          .map((c) =>
            limit(async () => {
              await port.run(c.resource as 'query' | 'filterActivity', c.key);
              result.runs.push(`${c.resource}:${c.key}`);
            }),
          ),
      );
    }
  }
  return result;
}

async function applyOne(change: Change, port: DeployPort): Promise<void> {
  const r = port.resources[change.resource] as ResourcePort<unknown>;
  switch (change.kind) {
    case 'create':
      return r.create(change.desired);
    case 'update':
      return r.update(change.desired, change.live);
    case 'replace':
      await r.delete(change.live);
      return r.create(change.desired);
    case 'delete':
      return r.delete(change.live);
    default:
      return;
  }
}
