import { audienceOf, conditionKind, createCatalog, selectedFields, targetOf } from '../compiler/index.ts';
import type { RuleContext } from '../compiler/index.ts';
import type { TableInfo } from '../compiler/conditions/types.ts';
import { forEachCondition } from '../compiler/rules.ts';
import type { Path } from '../definitions/diagnostics.ts';
import { findDataExtension, type Project, positionOf } from '../definitions/project.ts';
import type { SegmentDef } from '../definitions/schemas/segment.ts';
import { compileSqlSegments } from '../sql-segments/compile.ts';
import { sqlFindingAt } from '../sql-segments/locate.ts';
import { findColumn, findIdentifier, lineColumn, maskSql } from '../sql-segments/mask.ts';

export type ConsumerKind = 'segment' | 'sql-segment' | 'filter' | 'sync' | 'test';

/** One place a definition reads or writes a table (or one field of it). */
export interface Use {
  /** Table as SQL names it: a data extension name or a data view. */
  table: string;
  /** Field name; undefined when the whole table is used (membership, every field copied). */
  field?: string;
  access: 'reads' | 'writes';
  consumer: { kind: ConsumerKind; name: string };
  /** What the use is, in words: "rules: attribute", "audience", "select", "target", "fixture". */
  what: string;
  file: string;
  line: number;
  column: number;
}

/** A segment compiled as a filtered data extension counts as a filter; others as segments. */
export type FormOf = (segment: string) => 'filter' | 'query' | undefined;

/**
 * Every use of a table or field by the project's segments, syncs and tests. Condition kinds are asked
 * (their own `check`) with a context that records each table and field they look up, so a new condition
 * kind is covered without being listed here; the line is the condition's.
 */
export function collectUses(project: Project, formOf: FormOf = () => undefined): Use[] {
  const uses: Use[] = [];
  const catalog = createCatalog(project);
  const at = (def: object, path: Path, key?: string) => positionOf(project, def, path, key);

  for (const seg of project.segments) {
    const consumer = { kind: segmentKind(seg, formOf), name: seg.name };
    const add = (table: string, field: string | undefined, access: Use['access'], what: string, path: Path) =>
      uses.push({ table, field, access, consumer, what, ...at(seg, path) });
    const aud = audienceOf(project, seg);
    const audDe = findDataExtension(project, aud.dataExtension);
    const audName = audDe?.name ?? aud.dataExtension;
    add(audName, undefined, 'reads', 'audience', ['audience']);
    if (aud.key) add(audName, aud.key, 'reads', 'audience key', ['audience']);
    for (const f of selectedFields(project, seg))
      add(audName, f, 'reads', 'copied into the target', seg.select ? ['select'] : ['audience']);
    const target = targetOf(project, seg);
    if (target) {
      add(target.de.name, undefined, 'writes', 'target', seg.target ? ['target'] : ['name']);
      for (const f of target.de.fields)
        add(target.de.name, f.name, 'writes', 'target field', seg.target ? ['target'] : ['name']);
    }
    const audience = catalog.table(audName);
    if (!audience) continue;
    const visit = (root: SegmentDef['rules'], base: Path) =>
      root &&
      forEachCondition(root, base, (name, value, path) => {
        const kind = conditionKind(name);
        if (!kind) return;
        const seen = new Set<string>();
        const record = (table: TableInfo, field?: string) => {
          const id = `${table.name}\u0000${field ?? ''}`;
          if (seen.has(id)) return;
          seen.add(id);
          add(table.name, field, 'reads', `rules: ${name}`, [...path, name]);
        };
        const ctx: RuleContext = {
          project,
          segment: seg,
          audience,
          audienceKey: aud.key ?? '',
          table(t) {
            const info = catalog.table(t);
            if (info) record(info);
            return info;
          },
          field(table, f) {
            const info = catalog.field(table, f);
            if (info) record(table, info.name);
            return info;
          },
        };
        try {
          const parsed = kind.schema.parse(value);
          kind.check(parsed, ctx);
          // Members of other segments are read from their targets.
          for (const other of kind.facts(parsed, ctx).segments ?? []) {
            const os = project.segments.find((x) => x.name === other);
            const ot = os && targetOf(project, os);
            if (ot) add(ot.de.name, undefined, 'reads', `rules: ${name} (${other})`, [...path, name]);
          }
        } catch {
          // A condition that does not parse is validate's to report; impact lists what it can.
        }
      });
    visit(seg.rules, ['rules']);
    for (const [i, s] of (seg.funnel?.stages ?? []).entries())
      visit(s.rules, ['funnel', 'stages', i, 'rules']);
  }

  // SQL segments: the tables and columns their SQL reads, at the line of the first use in the SQL.
  const compiledSql = new Map(compileSqlSegments(project, catalog).segments.map((c) => [c.name, c]));
  for (const seg of project.sqlSegments ?? []) {
    const c = compiledSql.get(seg.name);
    if (!c) continue;
    const consumer = { kind: 'sql-segment' as const, name: seg.name };
    const masked = maskSql(seg.sql);
    const where = (name: string, isColumn = false) => {
      const offset = isColumn ? findColumn(masked, name) : findIdentifier(masked, name);
      const { line, column } = lineColumn(seg.sql, offset ?? 0);
      const d = sqlFindingAt(project, seg, { severity: 'warning', code: '', message: '', line, column });
      return { file: d.file, line: d.line, column: d.column };
    };
    for (const t of c.reads)
      uses.push({ table: t, access: 'reads', consumer, what: 'sql: FROM', ...where(t) });
    const seen = new Set<string>();
    for (const col of c.columns) {
      const id = `${col.table}.${col.column}`.toLowerCase();
      if (seen.has(id)) continue;
      seen.add(id);
      uses.push({
        table: col.table,
        field: col.column,
        access: 'reads',
        consumer,
        what: 'sql',
        ...where(col.column, true),
      });
    }
    uses.push({ table: c.target.name, access: 'writes', consumer, what: 'target', ...at(seg, ['target']) });
    for (const f of c.target.fields)
      uses.push({
        table: c.target.name,
        field: f.name,
        access: 'writes',
        consumer,
        what: 'target field',
        ...at(seg, ['target']),
      });
  }

  for (const sync of project.syncs) {
    const de = findDataExtension(project, sync.target);
    const table = de?.name ?? sync.target;
    const consumer = { kind: 'sync' as const, name: sync.name };
    uses.push({
      table,
      access: 'writes',
      consumer,
      what: `sync target (${sync.object})`,
      ...at(sync, ['target']),
    });
    sync.fields.forEach((f, i) => {
      const field = de?.fields.find((x) => x.name.toLowerCase() === f.toLowerCase())?.name ?? f;
      uses.push({
        table,
        field,
        access: 'writes',
        consumer,
        what: `${sync.object}.${f}`,
        ...at(sync, ['fields', i]),
      });
    });
  }

  for (const test of project.tests) {
    const consumer = { kind: 'test' as const, name: test.segment };
    test.cases.forEach((c, i) => {
      for (const [table, rows] of Object.entries(c.given)) {
        const name = catalog.table(table)?.name ?? table;
        const pos = at(test, ['cases', i, 'given'], table);
        uses.push({ table: name, access: 'writes', consumer, what: `fixture of case "${c.name}"`, ...pos });
        const fields = new Set(rows.flatMap((r) => Object.keys(r)));
        for (const f of fields) {
          const info = catalog.table(table);
          const field = (info && catalog.field(info, f)?.name) ?? f;
          uses.push({
            table: name,
            field,
            access: 'writes',
            consumer,
            what: `fixture of case "${c.name}"`,
            ...pos,
          });
        }
      }
    });
  }
  return uses;
}

function segmentKind(seg: SegmentDef, formOf: FormOf): ConsumerKind {
  if ((seg as { sql?: unknown }).sql !== undefined) return 'sql-segment';
  return formOf(seg.name) === 'filter' ? 'filter' : 'segment';
}
