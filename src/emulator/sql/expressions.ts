import { KitError } from '../../errors/index.ts';
import { collationKey, keyed } from './collation.ts';
import { type ColumnKind, type Ctx, type Node, quoteIdent, quoteString } from './context.ts';
import { dateComparison, dateLiteral, FLIPPED } from './date-literals.ts';
import { translateFunction } from './functions.ts';
import { placeholderIndex } from './lexer.ts';
import { isNativeLikePattern } from './like.ts';

const unsupported = (what: string) =>
  new KitError('UNSUPPORTED_SQL', `${what} is not supported by the emulator`);

/** The literal text of a string node, restored from the lexer's placeholder. */
export function stringValue(node: Node, ctx: Ctx): string {
  const i = placeholderIndex(String(node.value));
  if (i === undefined) throw unsupported(`String literal ${JSON.stringify(node.value)}`);
  return ctx.strings[i].value;
}

export function isStringNode(node: Node): boolean {
  return ['single_quote_string', 'var_string', 'string', 'natural_string'].includes(node?.type);
}

export function columnName(node: Node): string {
  const c = node.column;
  if (typeof c === 'string') return c;
  if (c && typeof c === 'object' && c.expr && typeof c.expr.value === 'string') return c.expr.value;
  throw unsupported('This column reference');
}

/** `col COLLATE Latin1_General_CS_AS` asks for a case-sensitive comparison: SQLite's BINARY. */
function explicitCollation(node: Node): string {
  const name = node.collate?.collate?.name;
  if (typeof name !== 'string') return '';
  return /_CS(_|$)|_BIN/i.test(name) ? ' COLLATE BINARY' : ' COLLATE NOCASE';
}

/** Case-insensitive ordering for MIN / MAX, which must return a stored value, not its key. */
function nocase(sql: string, node: Node, other?: Node): string {
  if (node?.collate || other?.collate) return sql;
  return node?.type === 'column_ref' ? `${sql} COLLATE NOCASE` : `(${sql}) COLLATE NOCASE`;
}

/** The kind of an operand: its static type, or for a column what its table says it holds. */
export function kindOf(node: Node, ctx: Ctx): ColumnKind {
  const t = staticType(node);
  if (t !== 'unknown' || node?.type !== 'column_ref') return t;
  const name = columnName(node).toLowerCase();
  const table = node.table ? String(node.table).toLowerCase() : undefined;
  for (let i = ctx.scope.length - 1; i >= 0; i--) {
    for (const source of ctx.scope[i]) {
      if (table && source.alias.toLowerCase() !== table) continue;
      const at = source.columns.findIndex((c) => c?.toLowerCase() === name);
      if (at >= 0) return source.kinds?.[at] ?? 'unknown';
    }
  }
  return 'unknown';
}

/** Text (or possibly text) on both sides: compare collation keys. Numbers and dates compare as they are. */
function textual(ctx: Ctx, ...nodes: Node[]): boolean {
  return nodes.every((n) => {
    const k = kindOf(n, ctx);
    return k === 'string' || k === 'unknown';
  });
}

/** The collation key of an operand (see collation.ts); a literal's key is computed here, once. */
export function keyOf(node: Node, ctx: Ctx): string {
  if (isStringNode(node)) return quoteString(collationKey(stringValue(node, ctx)));
  return keyed(expr(node, ctx));
}

const COMPARISONS: Record<string, string> = {
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '<',
  '>': '>',
  '<=': '<=',
  '>=': '>=',
};
const ARITHMETIC = new Set(['-', '*', '/', '%', '&', '|']);

export function expr(node: Node, ctx: Ctx): string {
  if (node === null || node === undefined) throw unsupported('An empty expression');
  if (node.ast) return `(${ctx.select(node.ast, ctx).sql})`;
  switch (node.type) {
    case 'column_ref': {
      const name = columnName(node);
      if (name.startsWith('@'))
        throw new KitError('UNSUPPORTED_SQL', `Variables (${name}) are not allowed in a query activity`);
      if (name === '*') return node.table ? `${quoteIdent(node.table)}.*` : '*';
      const ref = node.table ? `${quoteIdent(node.table)}.${quoteIdent(name)}` : quoteIdent(name);
      return ref + explicitCollation(node);
    }
    case 'number':
    case 'bigint': {
      // The parser gives integers as numbers and decimals/exponents as their text.
      const text = String(node.value);
      if (!/^-?\d+(\.\d*)?(e[+-]?\d+)?$/i.test(text)) throw unsupported(`Number ${text}`);
      return text;
    }
    case 'single_quote_string':
    case 'var_string':
    case 'string':
    case 'natural_string':
      return quoteString(stringValue(node, ctx));
    case 'null':
      return 'NULL';
    case 'bool':
      return node.value ? '1' : '0';
    case 'star':
      return '*';
    case 'binary_expr':
      return binary(node, ctx);
    case 'unary_expr':
      return unary(node, ctx);
    case 'function':
      return translateFunction(node, ctx, expr) + over(node, ctx);
    case 'aggr_func':
      return aggregate(node, ctx) + over(node, ctx);
    case 'case':
      return caseExpr(node, ctx);
    case 'cast':
      return translateFunction(
        {
          type: 'function',
          name: { name: [{ value: 'CAST' }] },
          args: { type: 'expr_list', value: [node.expr] },
          target: node.target,
        },
        ctx,
        expr,
      );
    case 'expr_list':
      return `(${node.value.map((v: Node) => expr(v, ctx)).join(', ')})`;
    default:
      throw unsupported(`Expression type '${node.type}'`);
  }
}

/** Best-effort static typing, only to choose what `+` means (T-SQL overloads it for strings). */
export function staticType(node: Node): 'string' | 'number' | 'date' | 'unknown' {
  if (!node) return 'unknown';
  if (isStringNode(node)) return 'string';
  if (node.type === 'number' || node.type === 'bigint' || node.type === 'aggr_func') {
    if (node.type === 'aggr_func' && ['MIN', 'MAX', 'STRING_AGG'].includes(String(node.name).toUpperCase()))
      return 'unknown';
    return 'number';
  }
  if (node.type === 'binary_expr') {
    if (node.operator === '+') {
      const l = staticType(node.left);
      const r = staticType(node.right);
      if (l === 'string' || r === 'string') return 'string';
      if (l === 'number' && r === 'number') return 'number';
      return 'unknown';
    }
    return ARITHMETIC.has(node.operator) ? 'number' : 'unknown';
  }
  if (node.type === 'cast') return castType(String(node.target?.[0]?.dataType ?? ''));
  if (node.type === 'function') {
    const name = String(node.name?.name?.[0]?.value ?? '').toUpperCase();
    if (STRING_FUNCTIONS.has(name)) return 'string';
    if (NUMBER_FUNCTIONS.has(name)) return 'number';
    if (DATE_FUNCTIONS.has(name)) return 'date';
    if (name === 'CONVERT') {
      const t = node.args?.value?.[0];
      const typeName = t?.type === 'function' ? t.name?.name?.[0]?.value : t?.column;
      return castType(String(typeName ?? ''));
    }
  }
  return 'unknown';
}

const STRING_FUNCTIONS = new Set(
  'LEFT RIGHT SUBSTRING UPPER LOWER LTRIM RTRIM TRIM REPLACE CONCAT CONCAT_WS FORMAT DATENAME NEWID REPLICATE REVERSE SPACE STUFF CHAR NCHAR'.split(
    ' ',
  ),
);
const NUMBER_FUNCTIONS = new Set(
  'LEN DATALENGTH CHARINDEX PATINDEX DATEDIFF DATEPART YEAR MONTH DAY ABS ROUND FLOOR CEILING POWER SQRT SIGN ROW_NUMBER RANK DENSE_RANK NTILE ASCII UNICODE ISNUMERIC ISDATE'.split(
    ' ',
  ),
);
const DATE_FUNCTIONS = new Set(
  'GETDATE GETUTCDATE SYSDATETIME SYSUTCDATETIME CURRENT_TIMESTAMP DATEADD EOMONTH'.split(' '),
);

function castType(t: string): 'string' | 'number' | 'date' | 'unknown' {
  const u = t.toUpperCase();
  if (/CHAR|TEXT|UNIQUEIDENTIFIER/.test(u)) return 'string';
  if (/INT|DECIMAL|NUMERIC|FLOAT|REAL|MONEY|BIT/.test(u)) return 'number';
  if (/DATE|TIME/.test(u)) return 'date';
  return 'unknown';
}

function binary(node: Node, ctx: Ctx): string {
  const op = String(node.operator).toUpperCase();
  const left = () => expr(node.left, ctx);
  if (COMPARISONS[op]) {
    const dated = dateCompare(node, COMPARISONS[op], ctx);
    if (dated) return dated;
    const bool = booleanCompare(node, COMPARISONS[op], ctx);
    if (bool) return bool;
    // An explicit COLLATE (BINARY / NOCASE, see explicitCollation) decides on its own.
    if (node.left?.collate || node.right?.collate || !textual(ctx, node.left, node.right))
      return `(${left()} ${COMPARISONS[op]} ${expr(node.right, ctx)})`;
    return `(${keyOf(node.left, ctx)} ${COMPARISONS[op]} ${keyOf(node.right, ctx)})`;
  }
  switch (op) {
    case 'AND':
    case 'OR':
      return `(${left()} ${op} ${expr(node.right, ctx)})`;
    case '+': {
      const l = staticType(node.left);
      const r = staticType(node.right);
      if (l === 'string' || r === 'string') return `(${left()} || ${expr(node.right, ctx)})`;
      if (l === 'date' && r === 'number') return `tsql_dateadd('day', ${expr(node.right, ctx)}, ${left()})`;
      if (l === 'number' && r === 'number') return `(${left()} + ${expr(node.right, ctx)})`;
      return `tsql_add(${left()}, ${expr(node.right, ctx)})`;
    }
    case '-':
      if (staticType(node.left) === 'date' && staticType(node.right) === 'number') {
        return `tsql_dateadd('day', -(${expr(node.right, ctx)}), ${left()})`;
      }
      return `(${left()} - ${expr(node.right, ctx)})`;
    case '*':
    case '/':
    case '%':
    case '&':
    case '|':
      // SQLite's integer division truncates like T-SQL's int / int.
      return `(${left()} ${op} ${expr(node.right, ctx)})`;
    case 'IN':
    case 'NOT IN': {
      const right = node.right;
      const sub = right?.type === 'expr_list' && right.value.length === 1 && right.value[0].ast;
      if (!textual(ctx, node.left) || node.left?.collate) {
        const list = sub ? `(${ctx.select(sub, ctx).sql})` : expr(right, ctx);
        return `(${left()} ${op} ${list})`;
      }
      const list = sub
        ? `(${ctx.select(sub, { ...ctx, keyOutput: true }).sql})`
        : right?.type === 'expr_list'
          ? `(${right.value.map((v: Node) => keyOf(v, ctx)).join(', ')})`
          : keyOf(right, ctx);
      return `(${keyOf(node.left, ctx)} ${op} ${list})`;
    }
    case 'BETWEEN':
    case 'NOT BETWEEN': {
      const [lo, hi] = node.right.value;
      // Date bounds: `>=` keeps the literal as written, `<=` needs its full datetime form.
      const loDate =
        !isStringNode(node.left) && isStringNode(lo) ? dateLiteral(stringValue(lo, ctx)) : undefined;
      const hiDate =
        !isStringNode(node.left) && isStringNode(hi) ? dateLiteral(stringValue(hi, ctx)) : undefined;
      const loSql =
        loDate && !loDate.canonical.startsWith(loDate.asWritten)
          ? quoteString(loDate.canonical)
          : expr(lo, ctx);
      const hiSql = hiDate ? quoteString(hiDate.canonical) : expr(hi, ctx);
      if (!loDate && !hiDate && !node.left?.collate && textual(ctx, node.left, lo, hi))
        return `(${keyOf(node.left, ctx)} ${op} ${keyOf(lo, ctx)} AND ${keyOf(hi, ctx)})`;
      return `(${left()} ${op} ${loSql} AND ${hiSql})`;
    }
    case 'IS':
    case 'IS NOT':
      if (node.right?.type !== 'null') throw unsupported(`${op} with a non-NULL operand`);
      return `(${left()} ${op} NULL)`;
    case 'LIKE':
    case 'NOT LIKE':
      return like(node, op === 'NOT LIKE', ctx);
    default:
      throw unsupported(`Operator ${node.operator}`);
  }
}

/** `Active = 'true'` works on SQL Server's bit; Booleans are stored 0/1, so accept both spellings. */
function booleanCompare(node: Node, op: string, ctx: Ctx): string | undefined {
  if (op !== '=' && op !== '<>') return undefined;
  const [column, literal] = isStringNode(node.right) ? [node.left, node.right] : [node.right, node.left];
  if (!isStringNode(literal) || isStringNode(column)) return undefined;
  const word = stringValue(literal, ctx).toLowerCase();
  if (word !== 'true' && word !== 'false') return undefined;
  const not = op === '<>' ? 'NOT ' : '';
  const value = textual(ctx, column) ? keyOf(column, ctx) : expr(column, ctx);
  return `(${value} ${not}IN (${quoteString(word)}, ${word === 'true' ? 1 : 0}))`;
}

function dateCompare(node: Node, op: string, ctx: Ctx): string | undefined {
  const leftIsString = isStringNode(node.left);
  const rightIsString = isStringNode(node.right);
  if (leftIsString === rightIsString) return undefined;
  const [column, literal, effectiveOp] = rightIsString
    ? [node.left, node.right, op]
    : [node.right, node.left, FLIPPED[op]];
  const lit = dateLiteral(stringValue(literal, ctx));
  if (!lit) return undefined;
  // Stored dates are canonical text: compared as they are, so an index on the date column serves them.
  const value = kindOf(column, ctx) === 'string' ? keyOf(column, ctx) : expr(column, ctx);
  return `(${value} ${dateComparison(effectiveOp, lit, quoteString)})`;
}

/**
 * LIKE: the pattern's trailing spaces count, the value's do not ("trailing blanks, in the expression to which
 * the pattern is matched, are ignored": LIKE (Transact-SQL), https://learn.microsoft.com/sql/t-sql/language-elements/like-transact-sql),
 * so a value also matches with its trailing spaces removed.
 */
function like(node: Node, negate: boolean, ctx: Ctx): string {
  const value = expr(node.left, ctx);
  const trimmed = `rtrim(${value}, ' ')`;
  let match: (v: string) => string;
  if (isStringNode(node.right)) {
    const literal = ctx.strings[placeholderIndex(String(node.right.value)) ?? -1];
    if (!literal) throw unsupported('This LIKE pattern');
    if (isNativeLikePattern(literal.value)) {
      // SQLite's LIKE is already case-insensitive (ASCII) and runs natively: fast on large data views.
      const escapeChar = literal.likeEscape ? ` ESCAPE ${quoteString(literal.likeEscape)}` : '';
      match = (v) => `${v} LIKE ${quoteString(literal.value)}${escapeChar}`;
    } else {
      const escapeChar = literal.likeEscape ? quoteString(literal.likeEscape) : 'NULL';
      match = (v) => `tsql_like(${v}, ${quoteString(literal.value)}, ${escapeChar})`;
    }
  } else {
    const pattern = expr(node.right, ctx);
    match = (v) => `tsql_like(${v}, ${pattern}, NULL)`;
  }
  const sql = `(${match(value)} OR ${match(trimmed)})`;
  return negate ? `(NOT ${sql})` : sql;
}

function unary(node: Node, ctx: Ctx): string {
  const op = String(node.operator).toUpperCase();
  if (op === 'NOT EXISTS' || op === 'EXISTS') {
    const sub = node.expr?.ast ?? node.expr?.value?.[0]?.ast;
    if (!sub) throw unsupported(`${op} without a subquery`);
    return `(${op} (${ctx.select(sub, ctx).sql}))`;
  }
  if (op === 'NOT') return `(NOT ${expr(node.expr, ctx)})`;
  if (op === '-' || op === '+' || op === '~') return `(${op}${expr(node.expr, ctx)})`;
  throw unsupported(`Operator ${node.operator}`);
}

function caseExpr(node: Node, ctx: Ctx): string {
  // `CASE x WHEN v` compares x = v under the collation.
  const keyedBase = node.expr && !node.expr.collate && textual(ctx, node.expr);
  const base = node.expr ? ` ${keyedBase ? keyOf(node.expr, ctx) : expr(node.expr, ctx)}` : '';
  const parts = (node.args as Node[]).map((arm) =>
    arm.type === 'when'
      ? `WHEN ${keyedBase ? keyOf(arm.cond, ctx) : expr(arm.cond, ctx)} THEN ${expr(arm.result, ctx)}`
      : `ELSE ${expr(arm.result, ctx)}`,
  );
  return `(CASE${base} ${parts.join(' ')} END)`;
}

function aggregate(node: Node, ctx: Ctx): string {
  const name = String(node.name).toUpperCase();
  const args = node.args ?? {};
  const distinct = args.distinct ? 'DISTINCT ' : '';
  if (args.orderby) throw unsupported(`ORDER BY inside ${name}`);
  switch (name) {
    case 'COUNT':
    case 'COUNT_BIG':
      if (distinct && args.expr?.type !== 'star' && textual(ctx, args.expr))
        return `count(DISTINCT ${keyOf(args.expr, ctx)})`;
      return `count(${distinct}${expr(args.expr, ctx)})`;
    case 'SUM':
    case 'AVG':
      return `${name.toLowerCase()}(${distinct}${expr(args.expr, ctx)})`;
    case 'MIN':
    case 'MAX':
      return `${name.toLowerCase()}(${distinct}${nocase(expr(args.expr, ctx), args.expr)})`;
    case 'STRING_AGG': {
      const sep = args.separator?.delimiter;
      return `group_concat(${expr(args.expr, ctx)}, ${sep ? expr(sep, ctx) : "','"})`;
    }
    default:
      throw unsupported(`Aggregate ${name}`);
  }
}

export function orderItem(item: Node, ctx: Ctx): string {
  const e = item.expr;
  const sql = e.type === 'number' || e.collate || !textual(ctx, e) ? expr(e, ctx) : keyOf(e, ctx);
  return `${sql}${String(item.type ?? '').toUpperCase() === 'DESC' ? ' DESC' : ''}`;
}

function over(node: Node, ctx: Ctx): string {
  if (!node.over) return '';
  const spec = node.over.as_window_specification?.window_specification;
  if (!spec) throw unsupported('Named windows');
  if (spec.window_frame_clause) throw unsupported('Window frame clauses (ROWS/RANGE)');
  const parts: string[] = [];
  if (spec.partitionby?.length) {
    parts.push(
      `PARTITION BY ${spec.partitionby.map((p: Node) => (textual(ctx, p.expr) ? keyOf(p.expr, ctx) : expr(p.expr, ctx))).join(', ')}`,
    );
  }
  if (spec.orderby?.length)
    parts.push(`ORDER BY ${spec.orderby.map((o: Node) => orderItem(o, ctx)).join(', ')}`);
  return ` OVER (${parts.join(' ')})`;
}
