import pkg from 'node-sql-parser';
import type { TableInfo } from '../compiler/conditions/types.ts';
import { findIdentifier, lineColumn, maskSql } from './mask.ts';

const { Parser } = pkg;
const parser = new Parser();

/** A problem in the SQL, at a 1-based line and column of the SQL text itself. */
export interface SqlFinding {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  line: number;
  column: number;
}

export interface SqlTarget {
  name: string;
  fields: Array<{ name: string; primaryKey?: boolean; required?: boolean; hasDefault?: boolean }>;
}

export interface SqlCheck {
  findings: SqlFinding[];
  /** Tables the SQL reads, as the catalog names them (for dependencies and impact). */
  tables: string[];
  /** Columns read, per table. */
  columns: Array<{ table: string; column: string }>;
  /** Output column names, in order (expanded for `*`). */
  output: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: node-sql-parser's AST is untyped; nodes are checked by `type`.
type Ast = any;

/** Functions whose first argument is a date part (day, month…), which the parser reads as a column. */
const DATEPART_FIRST = new Set(['dateadd', 'datediff', 'datepart', 'datename', 'datetrunc', 'datediff_big']);

/**
 * Checks hand-written query activity SQL offline: one SELECT (SFMC runs nothing else), no variables or
 * temp tables, every table a declared data extension or system data view, every column one of its
 * fields, each output column a field of the target, the target's primary key and required fields all
 * selected, and no `SELECT *` into a target that lacks some of the columns it expands to.
 */
export function checkSql(
  sql: string,
  table: (name: string) => TableInfo | undefined,
  target: SqlTarget | undefined,
): SqlCheck {
  const masked = maskSql(sql);
  const findings: SqlFinding[] = [];
  const out: SqlCheck = { findings, tables: [], columns: [], output: [] };
  const at = (offset: number | undefined) => lineColumn(sql, offset ?? 0);
  const err = (code: string, message: string, offset?: number) =>
    findings.push({ severity: 'error', code, message, ...at(offset) });

  const refused = /(?<![\w@])@{1,2}\w+|(?<![\w#\]])#{1,2}[A-Za-z_]\w*/.exec(masked);
  if (refused) {
    err(
      'sql-unsupported',
      refused[0].startsWith('@')
        ? `variables (${refused[0]}) are not allowed in a query activity`
        : `temporary tables (${refused[0]}) are not allowed in a query activity`,
      refused.index,
    );
    return out;
  }
  let ast: Ast;
  try {
    ast = parser.astify(masked, { database: 'transactsql' });
  } catch (e) {
    const loc = (e as { location?: { start?: { offset: number } } }).location?.start;
    // The parser lists every token it would accept; what it found is what a reader needs.
    const found = / but (.*) found\.?$/.exec((e as Error).message)?.[1];
    const what = found === undefined ? (e as Error).message : found.startsWith('"x') ? 'a string' : found;
    err('sql-syntax', `SQL syntax: unexpected ${what}`, loc?.offset);
    return out;
  }
  const statements: Ast[] = Array.isArray(ast) ? ast : [ast];
  if (statements.length !== 1) {
    err('sql-unsupported', `a query activity runs exactly one statement, this SQL has ${statements.length}`);
    return out;
  }
  const stmt = statements[0];
  if (stmt.type !== 'select') {
    err(
      'sql-unsupported',
      `a query activity runs a SELECT; ${String(stmt.type).toUpperCase()} is not allowed`,
    );
    return out;
  }
  const tablesRead = new Set<string>();
  // After an unknown table, column errors would only repeat it.
  let blind = false;
  out.output = checkSelect(stmt, new Map(), true);

  function checkSelect(sel: Ast, outer: Map<string, TableInfo>, top = false): string[] {
    const scope = new Map<string, TableInfo>(outer);
    const own: TableInfo[] = [];
    for (const f of sel.from ?? []) {
      if (f.expr?.ast) {
        const cols = checkSelect(f.expr.ast, outer);
        const info: TableInfo = {
          name: f.as ?? '(subquery)',
          kind: 'dataExtension',
          fields: cols.map((c) => ({ name: c, type: 'Text' as const })),
        };
        if (f.as) scope.set(f.as.toLowerCase(), info);
        own.push(info);
        if (f.on) checkExpr(f.on, scope, own);
        continue;
      }
      if (!f.table) continue;
      const info = table(f.table);
      if (!info) {
        blind = true;
        err(
          'unknown-data-extension',
          `table "${f.table}" is neither a declared data extension nor a data view`,
          findIdentifier(masked, f.table),
        );
        continue;
      }
      tablesRead.add(info.name);
      scope.set((f.as ?? f.table).toLowerCase(), info);
      if (f.as) scope.set(f.table.toLowerCase(), info);
      own.push(info);
    }
    for (const f of sel.from ?? []) if (f.on && !f.expr?.ast) checkExpr(f.on, scope, own);
    const names: string[] = [];
    const columns =
      sel.columns === '*' ? [{ expr: { type: 'column_ref', table: null, column: '*' } }] : sel.columns;
    for (const [i, c] of (columns ?? []).entries()) {
      const e = c.expr;
      const colName = columnName(e);
      if (e?.type === 'column_ref' && colName === '*') {
        const from = e.table ? [scope.get(String(e.table).toLowerCase())].filter(Boolean) : own;
        for (const t of from as TableInfo[]) for (const f of t.fields) names.push(f.name);
        continue;
      }
      checkExpr(e, scope, own);
      if (c.as) names.push(String(c.as));
      else if (e?.type === 'column_ref') names.push(resolveName(e, scope, own) ?? colName);
      else if (top)
        err(
          'sql-unnamed-column',
          `output column ${i + 1} has no name: give it an alias (AS FieldName)`,
          offsetOfColumn(i),
        );
    }
    if (sel.where) checkExpr(sel.where, scope, own);
    for (const g of sel.groupby?.columns ?? sel.groupby ?? []) checkExpr(g, scope, own);
    if (sel.having) checkExpr(sel.having, scope, own);
    const aliases = new Set(names.map((n) => n.toLowerCase()));
    for (const o of sel.orderby ?? []) {
      if (o.expr?.type === 'column_ref' && !o.expr.table && aliases.has(columnName(o.expr).toLowerCase()))
        continue;
      checkExpr(o.expr, scope, own);
    }
    if (sel._next) checkSelect(sel._next, outer, top);
    return names;
  }

  function resolveName(e: Ast, scope: Map<string, TableInfo>, own: TableInfo[]): string | undefined {
    const name = columnName(e);
    const t = e.table
      ? scope.get(String(e.table).toLowerCase())
      : own.find((x) => x.fields.some((f) => same(f.name, name)));
    return t?.fields.find((f) => same(f.name, name))?.name;
  }

  function checkColumn(e: Ast, scope: Map<string, TableInfo>, own: TableInfo[]) {
    const name = columnName(e);
    if (name === '*' || blind) return;
    if (e.table) {
      const t = scope.get(String(e.table).toLowerCase());
      if (!t) {
        err(
          'unknown-alias',
          `"${e.table}" is not a table or alias of this query`,
          findIdentifier(masked, String(e.table)),
        );
        return;
      }
      const f = t.fields.find((x) => same(x.name, name));
      if (!f) {
        err(
          'unknown-field',
          `${t.name} has no field "${name}"${suggest(name, t)}`,
          findIdentifier(masked, name, String(e.table)),
        );
        return;
      }
      out.columns.push({ table: t.name, column: f.name });
      return;
    }
    const having = [...new Set([...own, ...scope.values()])].filter((t) =>
      t.fields.some((f) => same(f.name, name)),
    );
    const inOwn = own.filter((t) => t.fields.some((f) => same(f.name, name)));
    const candidates = inOwn.length ? inOwn : having;
    if (candidates.length === 0) {
      err(
        'unknown-field',
        `no table of this query has a field "${name}"${own[0] ? suggest(name, own[0]) : ''}`,
        findIdentifier(masked, name),
      );
    } else if (inOwn.length > 1) {
      err(
        'sql-ambiguous',
        `ambiguous column name "${name}": ${inOwn.map((t) => t.name).join(' and ')} both have it; qualify it`,
        findIdentifier(masked, name),
      );
    } else {
      out.columns.push({
        table: candidates[0].name,
        column: candidates[0].fields.find((f) => same(f.name, name))!.name,
      });
    }
  }

  function checkExpr(e: Ast, scope: Map<string, TableInfo>, own: TableInfo[]): void {
    if (!e || typeof e !== 'object') return;
    if (Array.isArray(e)) {
      for (const x of e) checkExpr(x, scope, own);
      return;
    }
    if (e.type === 'column_ref') return checkColumn(e, scope, own);
    if (e.ast) {
      checkSelect(e.ast, scope);
      return;
    }
    if (e.type === 'function' || e.type === 'aggr_func') {
      const fname = String(e.name?.name?.[0]?.value ?? e.name ?? '').toLowerCase();
      const args = e.args?.value ?? (e.args?.expr ? [e.args.expr] : []);
      const list = Array.isArray(args) ? args : [args];
      list.forEach((a: Ast, i: number) => {
        if (i === 0 && DATEPART_FIRST.has(fname)) return;
        checkExpr(a, scope, own);
      });
      if (e.over) checkExpr(e.over, scope, own);
      return;
    }
    for (const [k, v] of Object.entries(e))
      if (k !== 'loc' && v && typeof v === 'object') checkExpr(v, scope, own);
  }

  function offsetOfColumn(_i: number): number | undefined {
    const m = /\bselect\b/i.exec(masked);
    return m ? m.index : undefined;
  }

  out.tables = [...tablesRead];
  if (target && !blind) checkTarget(target);
  return out;

  function checkTarget(t: SqlTarget) {
    const byName = new Map(t.fields.map((f) => [f.name.toLowerCase(), f]));
    const star = /\bselect\s+(?:distinct\s+)?(?:top\s+\S+\s+)?(?:\w+\.)?\*/i.exec(masked);
    const extra = out.output.filter((n) => !byName.has(n.toLowerCase()));
    if (star && extra.length) {
      err(
        'sql-star-narrower',
        `SELECT * into the narrower target ${t.name}: it has no field ${extra.map((n) => `"${n}"`).join(', ')}; list the columns`,
        star.index + star[0].length - 1,
      );
    } else {
      for (const n of extra)
        err('target-field', `target ${t.name} has no field "${n}"`, findIdentifier(masked, n) ?? star?.index);
    }
    const selected = new Set(out.output.map((n) => n.toLowerCase()));
    for (const f of t.fields) {
      if (selected.has(f.name.toLowerCase())) continue;
      if (f.primaryKey)
        err(
          'target-key',
          `the SELECT leaves out ${t.name}'s primary key field "${f.name}"`,
          offsetOfColumn(0),
        );
      else if (f.required && !f.hasDefault)
        err(
          'target-required',
          `the SELECT leaves out ${t.name}'s required field "${f.name}"`,
          offsetOfColumn(0),
        );
    }
  }
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function columnName(e: Ast): string {
  const c = e?.column;
  if (typeof c === 'string') return c;
  if (c?.expr?.value !== undefined) return String(c.expr.value);
  return String(c ?? '');
}

/** "; did you mean EmailAddress?" for a near miss (edit distance ≤ 2). */
function suggest(name: string, t: TableInfo): string {
  let best: string | undefined;
  let bestD = 3;
  for (const f of t.fields) {
    const d = distance(name.toLowerCase(), f.name.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = f.name;
    }
  }
  return best ? `; did you mean ${best}?` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
