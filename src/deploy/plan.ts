import { createHash } from 'node:crypto';
import { type Change, isDestructive, LEVEL } from './change.ts';
import type { Model } from './model.ts';

export interface Plan {
  version: 1;
  env: string;
  /** Hash of the live state the plan was made against; apply refuses when it moved. */
  liveFingerprint: string;
  /** Changes to make (no-ops left out), in apply order. */
  changes: Change[];
  conflicts: Change[];
  refused: Change[];
  summary: { create: number; update: number; replace: number; delete: number; noop: number };
}

/** Ids are left out: the same objects re-read must give the same fingerprint. */
export function fingerprint(live: Model): string {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => k !== 'id' && k !== 'objectId')
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  const canon = Object.fromEntries(
    Object.entries(live).map(([k, list]) => [
      k,
      (list as Array<{ key?: string; path?: string; contentType?: string }>)
        .map(strip)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ]),
  );
  return createHash('sha256').update(JSON.stringify(canon)).digest('hex').slice(0, 16);
}

export function makePlan(changes: Change[], live: Model, env: string): Plan {
  const order = (c: Change) => (c.kind === 'delete' ? 10 - LEVEL[c.resource] : LEVEL[c.resource]);
  const active = changes.filter((c) => ['create', 'update', 'replace', 'delete'].includes(c.kind));
  const count = (k: string) => changes.filter((c) => c.kind === k).length;
  return {
    version: 1,
    env,
    liveFingerprint: fingerprint(live),
    changes: [...active].sort((a, b) => order(a) - order(b)),
    conflicts: changes.filter((c) => c.kind === 'conflict'),
    refused: changes.filter((c) => c.kind === 'refused'),
    summary: {
      create: count('create'),
      update: count('update'),
      replace: count('replace'),
      delete: count('delete'),
      noop: count('no-op'),
    },
  };
}

export const hasChanges = (p: Plan) => p.changes.length > 0;
export const destructiveChanges = (p: Plan) => p.changes.filter(isDestructive);
