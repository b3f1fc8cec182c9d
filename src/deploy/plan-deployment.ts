import { diff, type Resolvers } from './diff.ts';
import type { Model } from './model.ts';
import { makePlan, type Plan } from './plan.ts';
import type { DeployPort } from './port.ts';

/**
 * read live → diff → (row counts only for DEs the diff would replace or delete) → diff again → plan.
 * Row counts cost one call per such DE, so a no-op plan reads nothing per object.
 */
export async function planDeployment(
  port: DeployPort,
  desired: Model,
  env: string,
  resolvers: Resolvers = {},
): Promise<{ plan: Plan; live: Model }> {
  const live = await port.readModel();
  let changes = diff(desired, live, resolvers);
  const candidates = changes.filter(
    (c) => c.resource === 'dataExtension' && (c.kind === 'replace' || c.kind === 'delete'),
  );
  if (candidates.length) {
    const counts = new Map<string, number>();
    await Promise.all(
      candidates.map(async (c) => counts.set(c.key.toLowerCase(), await port.rowCount(c.key))),
    );
    const counted: Model = {
      ...live,
      dataExtensions: live.dataExtensions.map((d) =>
        counts.has(d.key.toLowerCase()) ? { ...d, rowCount: counts.get(d.key.toLowerCase()) } : d,
      ),
    };
    changes = diff(desired, counted, resolvers);
  }
  return { plan: makePlan(changes, live, env), live };
}
