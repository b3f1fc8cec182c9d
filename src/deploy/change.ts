import type { ResourceKind } from './model.ts';

/** One planned outcome per resource. Data first: the human plan is a rendering of these. */
export type Change =
  | { kind: 'create'; resource: ResourceKind; key: string; reasons: string[]; desired: unknown }
  | {
      kind: 'update';
      resource: ResourceKind;
      key: string;
      reasons: string[];
      desired: unknown;
      live: unknown;
      destructive: boolean;
    }
  | {
      kind: 'replace';
      resource: ResourceKind;
      key: string;
      reasons: string[];
      desired: unknown;
      live: unknown;
      destructive: boolean;
    }
  | {
      kind: 'delete';
      resource: ResourceKind;
      key: string;
      reasons: string[];
      live: unknown;
      destructive: true;
    }
  | { kind: 'no-op'; resource: ResourceKind; key: string }
  /** A desired key or name is taken by an object sfmc-kit does not manage: never touched. */
  | { kind: 'conflict'; resource: ResourceKind; key: string; reasons: string[] }
  /** A change SFMC cannot make in place and the resolver refused to replace. */
  | { kind: 'refused'; resource: ResourceKind; key: string; reasons: string[] };

export type ChangeKind = Change['kind'];

/** Apply order: each level depends only on earlier ones. */
export const LEVEL: Record<ResourceKind, number> = {
  folder: 0,
  dataExtension: 1,
  filterDefinition: 2,
  query: 3,
  filterActivity: 3,
  automation: 4,
};

export const isDestructive = (c: Change) =>
  (c.kind === 'update' || c.kind === 'replace' || c.kind === 'delete') && c.destructive;
