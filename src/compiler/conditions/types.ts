/**
 * The contract every condition kind meets. A new kind is one module exporting a ConditionKind and one
 * line in registry.ts: schema (what YAML it accepts), check (references and types), sql (a predicate over
 * the audience row), optional filter (a Filter Definition condition), facts (for lint) and describe.
 */
import type { z } from 'zod';
import type { Finding, Path } from '../../definitions/diagnostics.ts';
import type { Project } from '../../definitions/project.ts';
import type { FieldType } from '../../definitions/schemas/common.ts';
import type { SegmentDef } from '../../definitions/schemas/segment.ts';

export interface TableField {
  name: string;
  type: FieldType;
  required?: boolean;
}

export interface TableInfo {
  /** Name as written in SQL (data extension name or data view). */
  name: string;
  kind: 'dataExtension' | 'dataView';
  fields: TableField[];
  retentionDays?: number;
}

export interface RuleContext {
  project: Project;
  segment: SegmentDef;
  audience: TableInfo;
  /** The audience field identifying a contact (SubscriberKey). */
  audienceKey: string;
  table(name: string): TableInfo | undefined;
  field(table: TableInfo, name: string): TableField | undefined;
}

export interface SqlContext extends RuleContext {
  /** Alias of the audience row the predicate is evaluated for. */
  outer: string;
  /** A fresh, deterministic alias (`c1`, `c2`, …). */
  alias(prefix: string): string;
  /** A table as a query names it: `[Name]`, or `ENT.[Name]` for enterprise-level tables (see context.ts). */
  tableRef(name: string): string;
  /** Target table and key column of another segment (for inSegment / funnelStage). */
  segmentTable(name: string): { table: string; key: string; fields: TableField[] } | undefined;
}

export interface FilterLeaf {
  field: string;
  operator: string;
  /** Values; several means an OR group of the same operator. */
  values: string[];
  negateGroup?: boolean;
}

/** What lint needs to know about a condition without understanding its kind. */
export interface ConditionFacts {
  /** Reads opens as an engagement signal. */
  opens?: boolean;
  /** Matching this condition means the contact must not be mailed. */
  suppression?: 'unsubscribed' | 'hardBounce' | 'complaint';
  /** Look-back windows over tables, with the path (relative to the payload) of the number. */
  windows?: { table: string; days: number; path: Path }[];
  /** Tables read with no date window (a data view then means "in its last 6 months"). */
  unboundedReads?: { table: string; path: Path }[];
  /** "did X within N days": negating it is the "not done X in N days" trap. */
  actionWithinDays?: number;
  /** Segments this condition reads. */
  segments?: string[];
  /** An age guard: the contact's join date is at least N days ago. */
  guardsAgeDays?: number;
  /** Inactivity over N days; `guarded` says a join-date guard is part of it. */
  inactivity?: { days: number; guarded: boolean };
}

export interface ConditionKind<T = unknown> {
  kind: string;
  summary: string;
  schema: z.ZodType<T>;
  describe(c: T): string;
  check(c: T, ctx: RuleContext): Finding[];
  sql(c: T, ctx: SqlContext): string;
  /** A Filter Definition leaf, or the reason this condition needs a query. */
  filter?(c: T, ctx: RuleContext): FilterLeaf | { reason: string };
  facts(c: T, ctx: RuleContext): ConditionFacts;
}

export function defineCondition<T>(kind: ConditionKind<T>): ConditionKind<T> {
  return kind;
}
