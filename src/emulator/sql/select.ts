import { KitError } from '../../errors/index.ts';
import { keyed } from './collation.ts';
import { type Ctx, type Node, quoteIdent, type Source, type Translated } from './context.ts';
import {
  columnName,
  expr,
  isStringNode,
  keyOf,
  kindOf,
  orderItem,
  staticType,
  stringValue,
} from './expressions.ts';

const unsupported = (what: string) =>
  new KitError('UNSUPPORTED_SQL', `${what} is not supported by the emulator`);

const JOINS: Record<string, string> = {
  JOIN: 'JOIN',
  'INNER JOIN': 'JOIN',
  'LEFT JOIN': 'LEFT JOIN',
  'LEFT OUTER JOIN': 'LEFT JOIN',
  'RIGHT JOIN': 'RIGHT JOIN',
  'RIGHT OUTER JOIN': 'RIGHT JOIN',
  'FULL JOIN': 'FULL JOIN',
  'FULL OUTER JOIN': 'FULL JOIN',
  'CROSS JOIN': 'CROSS JOIN',
};

const ORDER_BY_INVALID =
  'The ORDER BY clause is invalid in views, inline functions, derived tables, subqueries, and common table expressions, unless TOP, OFFSET or FOR XML is also specified.';

/** A SELECT, possibly a UNION chain (`_next`), with its CTEs. */
export function translateSelect(ast: Node, parent: Ctx): Translated {
  if (ast.type !== 'select')
    throw new KitError(
      'UNSUPPORTED_SQL',
      `${String(ast.type).toUpperCase()} statements are not allowed in a query activity`,
    );
  const ctx: Ctx = { ...parent, ctes: new Map(parent.ctes) };
  let withSql = '';
  if (ast.with?.length) {
    const parts: string[] = [];
    for (const cte of ast.with as Node[]) {
      if (cte.recursive) throw unsupported('Recursive common table expressions');
      const name = String(cte.name?.value ?? cte.name);
      const inner = translateSelect(cte.stmt?.ast ?? cte.stmt, ctx);
      let columns = inner.columns;
      let columnList = '';
      if (Array.isArray(cte.columns) && cte.columns.length) {
        columns = cte.columns.map((c: Node) => (typeof c === 'string' ? c : columnName(c)));
        columnList = `(${columns.map((c) => quoteIdent(c ?? '')).join(', ')})`;
      }
      ctx.ctes.set(name.toLowerCase(), { name, columns });
      parts.push(`${quoteIdent(name)}${columnList} AS (${inner.sql})`);
    }
    withSql = `WITH ${parts.join(', ')} `;
  }
  const chained = Boolean(ast._next);
  const ops: string[] = [];
  const members: Node[] = [ast];
  for (let next = ast._next, op = ast.set_op; next; op = next.set_op, next = next._next) {
    const setOp = String(op).toUpperCase();
    if (!['UNION', 'UNION ALL', 'EXCEPT', 'INTERSECT'].includes(setOp)) throw unsupported(setOp);
    ops.push(setOp);
    members.push(next);
  }
  // UNION dedupes under the collation: members name their columns by position, the chain runs as UNION ALL
  // and each UNION groups what came before by the columns' keys. INTERSECT / EXCEPT (rare in segments)
  // fold case only, through NOCASE on their members' columns.
  const positional =
    ops.includes('UNION') &&
    !ops.some((o) => o === 'INTERSECT' || o === 'EXCEPT') &&
    members.every((m) => !(m.columns as Node[]).some(isStar));
  const memberCtx: Ctx = positional ? { ...ctx, positional: true } : ctx;
  let result = translateMember(ast, memberCtx, chained);
  let sql = result.sql;
  members.slice(1).forEach((next, i) => {
    const member = translateMember(next, memberCtx, true);
    if (member.columns.length !== result.columns.length) {
      throw new KitError(
        'SQL_ERROR',
        'All queries combined using a UNION, INTERSECT or EXCEPT operator must have an equal number of expressions in their target lists.',
      );
    }
    if (positional && ops[i] === 'UNION') {
      const keys = result.columns.map((_, c) => keyed(quoteIdent(`__c${c}`))).join(', ');
      sql = `SELECT * FROM (${sql} UNION ALL ${member.sql}) GROUP BY ${keys}`;
    } else {
      sql = `${sql} ${ops[i]} ${member.sql}`;
    }
  });
  if (positional) {
    const names = result.columns.map(
      (name, c) => `${quoteIdent(`__c${c}`)}${name === null ? '' : ` AS ${quoteIdent(name)}`}`,
    );
    sql = `SELECT ${names.join(', ')} FROM (${sql})`;
  }
  if (members.length > 1) result = { sql, columns: result.columns };
  return { sql: withSql + result.sql, columns: result.columns };
}

function isStar(col: Node): boolean {
  return col.expr?.type === 'column_ref' && columnName(col.expr) === '*';
}

/** An aggregate in a select item (not inside a subquery or a window): DISTINCT cannot become GROUP BY. */
function hasAggregate(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const n = node as Node;
  if (n.ast) return false;
  if (n.type === 'aggr_func' && !n.over) return true;
  return Object.entries(n).some(([k, v]) => k !== 'over' && hasAggregate(v));
}

/** One SELECT of a UNION chain; wrapped in a sub-select when it has its own TOP/ORDER BY (SQLite needs that). */
function translateMember(ast: Node, ctx: Ctx, chained: boolean): Translated {
  const single = translateSingle(ast, ctx, chained);
  if (chained && (ast.top || ast.orderby?.length || ast.limit?.fetch || ast.limit?.offset)) {
    return { sql: `SELECT * FROM (${single.sql})`, columns: single.columns };
  }
  return single;
}

function translateSingle(ast: Node, outer: Ctx, chained = false): Translated {
  const { keyOutput, positional } = outer;
  const sources: Source[] = [];
  // Expressions here see this SELECT's sources; subqueries inside start without this SELECT's flags.
  const ctx: Ctx = { ...outer, keyOutput: false, positional: false, scope: [...outer.scope, sources] };
  const groupBy: Node[] = ast.groupby?.columns ?? (Array.isArray(ast.groupby) ? ast.groupby : []);
  // DISTINCT dedupes under the collation (case and trailing spaces ignored): without aggregates it is a
  // GROUP BY of every output column's key. With aggregates it falls back to folding case only.
  const distinctAsGroups =
    Boolean(ast.distinct) && !groupBy.length && !(ast.columns as Node[]).some((c) => hasAggregate(c.expr));
  const foldCase = (Boolean(ast.distinct) && !distinctAsGroups) || (chained && !positional);
  if (ast.into?.expr || ast.into?.type === 'into')
    throw new KitError('UNSUPPORTED_SQL', 'SELECT … INTO is not allowed in a query activity');
  if (ast.for) throw unsupported('FOR XML/JSON');
  const from = ast.from ? ` FROM ${fromClause(ast.from, ctx, sources)}` : '';

  const columns: (string | null)[] = [];
  const distinctKeys: string[] = [];
  const selectList = (ast.columns as Node[]).map((col, i) => {
    const e = col.expr;
    if (e?.type === 'column_ref' && columnName(e) === '*') {
      const matching = e.table
        ? sources.filter((s) => s.alias.toLowerCase() === String(e.table).toLowerCase())
        : sources;
      if (e.table && !matching.length)
        throw new KitError('SQL_ERROR', `The multi-part identifier "${e.table}.*" could not be bound.`);
      for (const s of matching) {
        columns.push(...s.columns);
        s.columns.forEach((c, k) => {
          const ref = `${quoteIdent(s.alias)}.${quoteIdent(c ?? '')}`;
          const kind = s.kinds?.[k] ?? 'unknown';
          distinctKeys.push(kind === 'number' || kind === 'date' ? ref : keyed(ref));
        });
      }
      return expr(e, ctx);
    }
    const name = aliasOf(col, ctx) ?? (e?.type === 'column_ref' ? columnName(e) : null);
    columns.push(name);
    let sql = expr(e, ctx);
    const kind = kindOf(e, ctx);
    const text = kind === 'string' || kind === 'unknown';
    if (distinctAsGroups) distinctKeys.push(text && !e?.collate ? keyOf(e, ctx) : sql);
    if (keyOutput && text) sql = keyed(sql);
    else if (foldCase && staticType(e) !== 'number' && !e?.collate) sql = `(${sql}) COLLATE NOCASE`;
    const as = positional ? `__c${i}` : name;
    return as === null ? sql : `${sql} AS ${quoteIdent(as)}`;
  });

  let sql = `SELECT ${ast.distinct && !distinctAsGroups ? 'DISTINCT ' : ''}${selectList.join(', ')}${from}`;
  if (ast.where) sql += ` WHERE ${expr(ast.where, ctx)}`;
  if (groupBy.length) {
    // Group under the collation: case and trailing spaces ignored (collation.ts).
    sql += ` GROUP BY ${groupBy
      .map((g) => {
        if (g.type === 'number') return expr(g, ctx);
        if (g.collate) return `${wrap(expr(g, ctx), g)}`;
        const kind = kindOf(g, ctx);
        return kind === 'number' || kind === 'date' ? expr(g, ctx) : keyOf(g, ctx);
      })
      .join(', ')}`;
  } else if (distinctAsGroups) {
    sql += ` GROUP BY ${distinctKeys.join(', ')}`;
  }
  if (ast.having) sql += ` HAVING ${expr(ast.having, ctx)}`;

  const top = ast.top;
  const offsetFetch = ast.limit && (ast.limit.offset || ast.limit.fetch || ast.limit.value?.length);
  if (ast.orderby?.length && !top && !offsetFetch) throw new KitError('SQL_ERROR', ORDER_BY_INVALID);
  const unordered = sql;
  if (ast.orderby?.length)
    sql += ` ORDER BY ${(ast.orderby as Node[]).map((o) => orderItem(o, ctx)).join(', ')}`;
  if (top) {
    const n = top.value;
    if (typeof n !== 'number' || n < 0) throw unsupported('TOP with an expression');
    if (top.with_ties || top.ties) throw unsupported('TOP … WITH TIES');
    if (top.percent) {
      // TOP n PERCENT rounds up, over the rows the query would return.
      sql += ` LIMIT (SELECT CAST(ceil(count(*) * ${n} / 100.0) AS INTEGER) FROM (${unordered}))`;
    } else {
      sql += ` LIMIT ${Math.trunc(n)}`;
    }
  } else if (offsetFetch) {
    const offset = ast.limit.offset?.value;
    const fetch = ast.limit.fetch?.value;
    if (!offset && !fetch) throw unsupported('This LIMIT clause');
    sql += ` LIMIT ${fetch ? expr(fetch, ctx) : '-1'} OFFSET ${offset ? expr(offset, ctx) : '0'}`;
  }
  return { sql, columns };
}

function wrap(sql: string, node: Node): string {
  return node.type === 'column_ref' ? sql : `(${sql})`;
}

function aliasOf(col: Node, ctx: Ctx): string | null {
  if (col.as === null || col.as === undefined) return null;
  if (typeof col.as === 'string') {
    // `SELECT x AS 'Name'` is legal T-SQL: the lexer turned the alias into a string placeholder.
    return /^__kitstr\d+__$/.test(col.as) ? stringValue({ value: col.as }, ctx) : col.as;
  }
  if (isStringNode(col.as)) return stringValue(col.as, ctx);
  if (typeof col.as.value === 'string') return col.as.value;
  throw unsupported('This column alias');
}

function fromClause(items: Node[], ctx: Ctx, sources: Source[]): string {
  let sql = '';
  items.forEach((item, i) => {
    const { text, source } = fromItem(item, ctx);
    sources.push(source);
    if (i === 0) {
      sql = text;
      return;
    }
    if (!item.join) {
      sql += `, ${text}`;
      return;
    }
    const join = String(item.join).toUpperCase();
    if (join.includes('APPLY')) throw unsupported(join);
    const sqliteJoin = JOINS[join];
    if (!sqliteJoin) throw unsupported(join);
    if (item.using) throw unsupported('JOIN … USING');
    sql += ` ${sqliteJoin} ${text}`;
    if (item.on) sql += ` ON ${expr(item.on, ctx)}`;
    else if (sqliteJoin !== 'CROSS JOIN')
      throw new KitError('SQL_ERROR', `Incorrect syntax: ${join} needs an ON clause.`);
  });
  return sql;
}

function fromItem(item: Node, ctx: Ctx): { text: string; source: Source } {
  // Table hints such as WITH (NOLOCK) change nothing in a single-writer database: ignored.
  if (item.expr?.ast) {
    if (!item.as) throw new KitError('SQL_ERROR', 'A derived table must have an alias.');
    const inner = translateSelect(item.expr.ast, ctx);
    return {
      text: `(${inner.sql}) AS ${quoteIdent(item.as)}`,
      source: { alias: item.as, columns: inner.columns },
    };
  }
  if (typeof item.table !== 'string') throw unsupported('This FROM item');
  const table = item.table;
  if (table.startsWith('#'))
    throw new KitError('UNSUPPORTED_SQL', `Temporary tables (${table}) are not allowed in a query activity`);
  const db = item.db ? String(item.db) : '';
  if (db && db.toUpperCase() !== 'ENT')
    throw unsupported(`Three-part or database-qualified name '${db}.${table}'`);
  const alias = item.as ?? table;
  const cte = db ? undefined : ctx.ctes.get(table.toLowerCase());
  if (cte) {
    return {
      text: `${quoteIdent(cte.name)} AS ${quoteIdent(alias)}`,
      source: { alias, columns: cte.columns },
    };
  }
  const resolved = ctx.resolve(table);
  if (!resolved) throw new KitError('SQL_ERROR', `Invalid object name '${db ? `${db}.` : ''}${table}'`);
  return {
    text: `${quoteIdent(resolved.table)} AS ${quoteIdent(alias)}`,
    source: { alias, columns: resolved.columns, kinds: resolved.kinds },
  };
}
