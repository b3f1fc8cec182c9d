import { type Diagnostic, type Finding, sortDiagnostics } from '../definitions/diagnostics.ts';
import { DefinitionErrors } from '../definitions/errors.ts';
import { dataExtensionKey, findSegment, type Project, positionOf } from '../definitions/project.ts';
import type { Schedule } from '../definitions/schemas/common.ts';
import type { DataExtensionDef } from '../definitions/schemas/data-extension.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import { KitError } from '../errors/index.ts';
import { type Catalog, createCatalog } from './catalog.ts';
import { checkSegment } from './check-segment.ts';
import { conditionKind } from './conditions/registry.ts';
import type { RuleContext } from './conditions/types.ts';
import { ruleContext, sqlContext } from './context.ts';
import { cycleDiagnostics, findCycles } from './cycles.ts';
import { describeRules } from './describe.ts';
import { chooseForm, filterXml } from './filter.ts';
import { funnelSql } from './funnel.ts';
import { renderRules } from './render-rules.ts';
import { forEachCondition } from './rules.ts';
import { column, ident, indent } from './sql/escape.ts';
import { audienceOf, selectedFields, targetKey, targetOf } from './target.ts';

export type UpdateType = 'Overwrite' | 'Update' | 'Append';

export interface CompiledSegment {
  name: string;
  form: 'filter' | 'query';
  /** Why this form was chosen. */
  reason: string;
  /** The Query Activity SQL (also given for filter-form segments, for tests and previews). */
  sql: string;
  filter?: { sourceKey: string; sourceName: string; xml: string };
  target: DataExtensionDef;
  targetKey: string;
  updateType: UpdateType;
  /** Refresh schedule; undefined = run once at deploy (static). */
  schedule?: Schedule;
  /** Segments whose targets this one reads; they must refresh first. */
  dependsOn: string[];
  /** The rules in plain words. */
  summary: string;
}

/** Compiles one segment; throws DefinitionErrors when its references are broken. */
export function compileSegment(
  project: Project,
  name: string,
  catalog: Catalog = createCatalog(project),
): CompiledSegment {
  const seg = findSegment(project, name);
  if (!seg) {
    throw new KitError('NOT_FOUND', `unknown segment "${name}"`, {
      hint: `known segments: ${project.segments.map((s) => s.name).join(', ') || 'none'}`,
    });
  }
  const errors = locateFindings(project, seg, checkSegment(project, seg, catalog)).filter(
    (d) => d.severity === 'error',
  );
  if (errors.length) throw new DefinitionErrors(sortDiagnostics(errors));
  // checkSegment sees only direct self-reference; a longer cycle (a → b → a) has no refresh order either.
  const cycles = findCycles(reachableDependencies(project, seg, catalog)).filter((c) => c.includes(seg.name));
  if (cycles.length) {
    const byName = (n: string) => findSegment(project, n)!;
    throw new DefinitionErrors(sortDiagnostics(cycleDiagnostics(project, cycles, byName, catalog, seg.name)));
  }
  return compileChecked(project, seg, catalog);
}

/**
 * Dependencies of `seg` and of every segment it reaches. Segments with errors of their own are left out,
 * as compileProject leaves them out of its cycle search.
 */
function reachableDependencies(project: Project, seg: SegmentDef, catalog: Catalog): Map<string, string[]> {
  const deps = new Map<string, string[]>();
  const queue = [seg];
  for (let s = queue.pop(); s; s = queue.pop()) {
    if (deps.has(s.name)) continue;
    const ctx = ruleContext(project, s, catalog);
    if (!ctx || (s !== seg && checkSegment(project, s, catalog).some((f) => f.severity === 'error')))
      continue;
    const names = segmentDependencies(s, ctx);
    deps.set(s.name, names);
    queue.push(...names.flatMap((n) => findSegment(project, n) ?? []));
  }
  return deps;
}

export function locateFindings(project: Project, def: object, findings: Finding[]): Diagnostic[] {
  return findings.map((f) => ({
    severity: f.severity,
    code: f.code,
    message: f.message,
    ...positionOf(project, def, f.path),
  }));
}

export function segmentDependencies(seg: SegmentDef, ctx: RuleContext): string[] {
  const deps = new Set<string>();
  const visit = (root: SegmentDef['rules']) =>
    root &&
    forEachCondition(root, [], (name, value) => {
      for (const s of conditionKind(name)!.facts(value, ctx).segments ?? []) deps.add(s);
    });
  visit(seg.rules);
  for (const s of seg.funnel?.stages ?? []) visit(s.rules);
  return [...deps].sort();
}

/** Compiles a segment already known to pass checkSegment. */
export function compileChecked(project: Project, seg: SegmentDef, catalog: Catalog): CompiledSegment {
  const ctx = ruleContext(project, seg, catalog)!;
  const target = targetOf(project, seg)!;
  const sql = seg.funnel ? funnelSql(seg, ctx, target.de) : querySql(project, seg, ctx);
  const choice = chooseForm(seg, ctx);
  const aud = audienceOf(project, seg);
  const audienceDe = project.dataExtensions.find((d) => d.name === ctx.audience.name)!;
  const updateType: UpdateType =
    seg.membership === 'additive'
      ? target.de.fields.some((f) => f.primaryKey)
        ? 'Update'
        : 'Append'
      : 'Overwrite';
  return {
    name: seg.name,
    form: choice.form,
    reason: choice.reason,
    sql,
    ...(choice.form === 'filter'
      ? {
          filter: {
            sourceKey: dataExtensionKey(project, audienceDe),
            sourceName: aud.dataExtension,
            xml: filterXml(choice.tree),
          },
        }
      : {}),
    target: target.de,
    targetKey: targetKey(project, target),
    updateType,
    ...(seg.membership === 'static' ? {} : { schedule: seg.schedule }),
    dependsOn: segmentDependencies(seg, ctx),
    summary: seg.funnel
      ? seg.funnel.stages.map((s, i) => `${i + 1}. ${s.name}: ${describeRules(s.rules)}`).join('\n')
      : describeRules(seg.rules!),
  };
}

function querySql(project: Project, seg: SegmentDef, ctx: RuleContext): string {
  const sctx = sqlContext(ctx);
  const where = renderRules(seg.rules!, sctx);
  const columns = selectedFields(project, seg).map((f) =>
    column(sctx.outer, ctx.field(ctx.audience, f)?.name ?? f),
  );
  return [
    'SELECT',
    indent(columns.join(',\n')),
    `FROM ${sctx.tableRef(ctx.audience.name)} AS ${sctx.outer}`,
    'WHERE',
    indent(where),
  ].join('\n');
}
