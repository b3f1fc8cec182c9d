import { findDataExtension, findSegment, type Project } from '../definitions/project.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import type { Catalog } from './catalog.ts';
import { ident } from './sql/escape.ts';
import type { RuleContext, SqlContext, TableInfo } from './conditions/types.ts';
import { audienceOf, targetOf } from './target.ts';

export const OUTER_ALIAS = 'a';

export function ruleContext(project: Project, seg: SegmentDef, catalog: Catalog): RuleContext | undefined {
  const aud = audienceOf(project, seg);
  const audience = catalog.table(aud.dataExtension);
  if (!audience || !aud.key) return undefined;
  const key = catalog.field(audience, aud.key);
  if (!key) return undefined;
  return {
    project,
    segment: seg,
    audience,
    audienceKey: key.name,
    table: catalog.table,
    field: catalog.field,
  };
}

/** Data views that live at the enterprise level: a child business unit reads them with the ENT. prefix. */
const ENTERPRISE_VIEWS = ['_Subscribers', '_BusinessUnitUnsubscribes'];

/**
 * Lower-cased names of the tables a query must prefix with `ENT.`: the data extensions the project declares
 * shared (they live in the parent's Shared Data Extensions) and, in a child business unit, _Subscribers and
 * _BusinessUnitUnsubscribes ("To query a data view in a child BU that holds enterprise data, prefix it with
 * ENT.", help.salesforce.com "Data Views" / "Query Data Extensions in Other Business Units").
 */
export function enterpriseTables(project: Project): Set<string> {
  const names = [...project.config.sharedDataExtensions];
  if (project.environment?.childBusinessUnit) names.push(...ENTERPRISE_VIEWS);
  return new Set(names.map((n) => n.toLowerCase()));
}

export function sqlContext(base: RuleContext, outer = OUTER_ALIAS): SqlContext {
  const counters = new Map<string, number>();
  const enterprise = enterpriseTables(base.project);
  return {
    ...base,
    outer,
    tableRef: (name) => (enterprise.has(name.toLowerCase()) ? `ENT.${ident(name)}` : ident(name)),
    alias(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}${n}`;
    },
    segmentTable(name) {
      const seg = findSegment(base.project, name);
      if (!seg) return undefined;
      const target = targetOf(base.project, seg);
      if (!target) return undefined;
      const key = audienceOf(base.project, seg).key;
      const pk = target.de.fields.find((f) => f.primaryKey)?.name ?? key ?? base.audienceKey;
      return {
        table: target.de.name,
        key: pk,
        fields: target.de.fields.map((f) => ({ name: f.name, type: f.type })),
      };
    },
  };
}

export function isDeclaredDataExtension(project: Project, t: TableInfo): boolean {
  return t.kind === 'dataExtension' && Boolean(findDataExtension(project, t.name));
}
