import { KitError } from '../../errors/index.ts';
import { keyed } from './collation.ts';
import { type Ctx, type Node, quoteString } from './context.ts';
import { normalizeDatePart } from './dates.ts';

type Emit = (node: Node, ctx: Ctx) => string;

const unsupported = (what: string) =>
  new KitError('UNSUPPORTED_SQL', `${what} is not supported by the emulator`);

/** Functions whose SQLite spelling differs only by name (or not at all), by argument count. */
const DIRECT: Record<string, { sqlite: string; min: number; max: number }> = {
  COALESCE: { sqlite: 'coalesce', min: 2, max: 99 },
  ISNULL: { sqlite: 'coalesce', min: 2, max: 2 },
  LTRIM: { sqlite: 'ltrim', min: 1, max: 1 },
  RTRIM: { sqlite: 'rtrim', min: 1, max: 1 },
  TRIM: { sqlite: 'trim', min: 1, max: 1 },
  ABS: { sqlite: 'abs', min: 1, max: 1 },
  FLOOR: { sqlite: 'floor', min: 1, max: 1 },
  CEILING: { sqlite: 'ceil', min: 1, max: 1 },
  POWER: { sqlite: 'pow', min: 2, max: 2 },
  SQRT: { sqlite: 'sqrt', min: 1, max: 1 },
  SIGN: { sqlite: 'sign', min: 1, max: 1 },
  SUBSTRING: { sqlite: 'substr', min: 3, max: 3 },
  LEFT: { sqlite: 'tsql_left', min: 2, max: 2 },
  RIGHT: { sqlite: 'tsql_right', min: 2, max: 2 },
  UPPER: { sqlite: 'tsql_upper', min: 1, max: 1 },
  LOWER: { sqlite: 'tsql_lower', min: 1, max: 1 },
  REPLACE: { sqlite: 'tsql_replace', min: 3, max: 3 },
  PATINDEX: { sqlite: 'tsql_patindex', min: 2, max: 2 },
  FORMAT: { sqlite: 'tsql_format', min: 2, max: 2 },
  REPLICATE: { sqlite: 'tsql_replicate', min: 2, max: 2 },
  REVERSE: { sqlite: 'tsql_reverse', min: 1, max: 1 },
  SPACE: { sqlite: 'tsql_space', min: 1, max: 1 },
  STUFF: { sqlite: 'tsql_stuff', min: 4, max: 4 },
  ISNUMERIC: { sqlite: 'tsql_isnumeric', min: 1, max: 1 },
  ISDATE: { sqlite: 'tsql_isdate', min: 1, max: 1 },
  NEWID: { sqlite: 'tsql_newid', min: 0, max: 0 },
  ASCII: { sqlite: 'unicode', min: 1, max: 1 },
  UNICODE: { sqlite: 'unicode', min: 1, max: 1 },
  CHAR: { sqlite: 'char', min: 1, max: 1 },
  NCHAR: { sqlite: 'char', min: 1, max: 1 },
  ROW_NUMBER: { sqlite: 'row_number', min: 0, max: 0 },
  RANK: { sqlite: 'rank', min: 0, max: 0 },
  DENSE_RANK: { sqlite: 'dense_rank', min: 0, max: 0 },
  NTILE: { sqlite: 'ntile', min: 1, max: 1 },
  LAG: { sqlite: 'lag', min: 1, max: 3 },
  LEAD: { sqlite: 'lead', min: 1, max: 3 },
  FIRST_VALUE: { sqlite: 'first_value', min: 1, max: 1 },
  LAST_VALUE: { sqlite: 'last_value', min: 1, max: 1 },
};

const NOW_FUNCTIONS = new Set([
  'GETDATE',
  'GETUTCDATE',
  'SYSDATETIME',
  'SYSUTCDATETIME',
  'CURRENT_TIMESTAMP',
]);
const WINDOW_ONLY = new Set([
  'ROW_NUMBER',
  'RANK',
  'DENSE_RANK',
  'NTILE',
  'LAG',
  'LEAD',
  'FIRST_VALUE',
  'LAST_VALUE',
]);

export function translateFunction(node: Node, ctx: Ctx, emit: Emit): string {
  const nameParts: Node[] = node.name?.name ?? [];
  const schema = node.name?.schema?.value;
  if (nameParts.length !== 1 || schema) {
    throw unsupported(`Function ${[schema, ...nameParts.map((p) => p.value)].filter(Boolean).join('.')}`);
  }
  const name = String(nameParts[0].value).toUpperCase();
  const args: Node[] = node.args?.value ?? [];
  const arg = (i: number) => emit(args[i], ctx);
  const arity = (min: number, max = min) => {
    if (args.length < min || args.length > max) {
      throw new KitError(
        'SQL_ERROR',
        `The ${name} function requires ${min === max ? min : `${min} to ${max}`} argument(s).`,
      );
    }
  };

  if (WINDOW_ONLY.has(name) && !node.over) {
    throw new KitError('SQL_ERROR', `The function '${name.toLowerCase()}' must have an OVER clause.`);
  }
  const direct = DIRECT[name];
  if (direct) {
    arity(direct.min, direct.max);
    return `${direct.sqlite}(${args.map((_, i) => arg(i)).join(', ')})`;
  }
  if (NOW_FUNCTIONS.has(name)) {
    arity(0);
    return name.includes('UTC') ? 'tsql_utcnow()' : 'tsql_now()';
  }
  switch (name) {
    case 'EXISTS': {
      const sub = args[0]?.ast;
      if (!sub) throw unsupported('EXISTS without a subquery');
      return `(EXISTS (${ctx.select(sub, ctx).sql}))`;
    }
    case 'NOT':
      arity(1);
      return `(NOT ${arg(0)})`;
    case 'NULLIF':
      arity(2);
      // Compared under the collation (case and trailing spaces ignored); returns the first value as stored.
      return `(CASE WHEN ${keyed(arg(0))} = ${keyed(arg(1))} THEN NULL ELSE ${arg(0)} END)`;
    case 'IIF':
      arity(3);
      return `(CASE WHEN ${arg(0)} THEN ${arg(1)} ELSE ${arg(2)} END)`;
    case 'DATEADD':
      arity(3);
      return `tsql_dateadd(${datePartArg(args[0], name)}, ${arg(1)}, ${arg(2)})`;
    case 'DATEDIFF':
      arity(3);
      return `tsql_datediff(${datePartArg(args[0], name)}, ${arg(1)}, ${arg(2)})`;
    case 'DATEPART':
      arity(2);
      return `tsql_datepart(${datePartArg(args[0], name)}, ${arg(1)})`;
    case 'DATENAME':
      arity(2);
      return `tsql_datename(${datePartArg(args[0], name)}, ${arg(1)})`;
    case 'YEAR':
    case 'MONTH':
    case 'DAY':
      arity(1);
      return `tsql_datepart('${name.toLowerCase()}', ${arg(0)})`;
    case 'EOMONTH':
      arity(1, 2);
      return `tsql_eomonth(${arg(0)}, ${args.length > 1 ? arg(1) : 'NULL'})`;
    case 'LEN':
      arity(1);
      // LEN ignores trailing spaces.
      return `length(rtrim(${arg(0)}))`;
    case 'DATALENGTH':
      arity(1);
      return `length(CAST(${arg(0)} AS BLOB))`;
    case 'CHARINDEX':
      arity(2, 3);
      return `tsql_charindex(${arg(0)}, ${arg(1)}, ${args.length > 2 ? arg(2) : 'NULL'})`;
    case 'CONCAT':
      if (args.length < 2)
        throw new KitError('SQL_ERROR', 'The concat function requires 2 to 254 arguments.');
      // CONCAT treats NULL as an empty string, unlike `+`.
      return `(${args.map((_, i) => `coalesce(${arg(i)}, '')`).join(' || ')})`;
    case 'ROUND':
      arity(2, 3);
      return `tsql_round(${arg(0)}, ${arg(1)})`;
    case 'CAST':
      // TRY_CAST does not parse in node-sql-parser's transactsql dialect; TRY_CONVERT does.
      return cast(emit(args[0], ctx), typeOf(node.target?.[0]), 'NULL', false);
    case 'CONVERT':
    case 'TRY_CONVERT':
      arity(2, 3);
      return cast(
        arg(1),
        typeFromConvertArg(args[0]),
        args.length > 2 ? arg(2) : 'NULL',
        name === 'TRY_CONVERT',
      );
    default:
      throw unsupported(`Function ${name}`);
  }
}

function datePartArg(node: Node, fn: string): string {
  const raw = node?.type === 'column_ref' ? node.column : undefined;
  const part = typeof raw === 'string' ? normalizeDatePart(raw) : undefined;
  if (!part) {
    throw new KitError('SQL_ERROR', `Invalid parameter 1 specified for ${fn.toLowerCase()}.`);
  }
  return quoteString(part);
}

interface SqlType {
  name: string;
  length?: number | 'max';
  scale?: number;
}

function typeOf(target: Node | undefined): SqlType {
  if (!target) throw unsupported('CAST without a type');
  return { name: String(target.dataType).toUpperCase(), length: target.length, scale: target.scale };
}

function typeFromConvertArg(node: Node): SqlType {
  if (node?.type === 'column_ref' && typeof node.column === 'string')
    return { name: node.column.toUpperCase() };
  if (node?.type === 'function') {
    const name = String(node.name?.name?.[0]?.value ?? '').toUpperCase();
    const [len, scale] = (node.args?.value ?? []) as Node[];
    const length =
      len?.type === 'number'
        ? len.value
        : len?.column?.toString().toLowerCase() === 'max'
          ? 'max'
          : undefined;
    return { name, length, scale: scale?.type === 'number' ? scale.value : undefined };
  }
  throw unsupported('This CONVERT target type');
}

function cast(value: string, type: SqlType, style: string, tryMode: boolean): string {
  // TRY_ variants return NULL where the plain conversion raises an error.
  const fn = (name: string) => (tryMode ? `${name}_try` : name);
  switch (type.name) {
    case 'VARCHAR':
    case 'NVARCHAR':
    case 'CHAR':
    case 'NCHAR': {
      const text = `${fn('tsql_to_text')}(${value}, ${style})`;
      // A cast without a length means 30 characters in T-SQL; longer values are cut.
      const length = type.length === 'max' ? undefined : (type.length ?? 30);
      return length === undefined ? text : `substr(${text}, 1, ${Number(length)})`;
    }
    case 'TEXT':
    case 'NTEXT':
    case 'UNIQUEIDENTIFIER':
      return `${fn('tsql_to_text')}(${value}, ${style})`;
    case 'INT':
    case 'INTEGER':
    case 'BIGINT':
    case 'SMALLINT':
    case 'TINYINT':
      return `${fn('tsql_to_int')}(${value})`;
    case 'DECIMAL':
    case 'NUMERIC':
      return `round(CAST(${value} AS REAL), ${Number(type.scale ?? 0)})`;
    case 'MONEY':
    case 'SMALLMONEY':
      return `round(CAST(${value} AS REAL), 4)`;
    case 'FLOAT':
    case 'REAL':
      return `CAST(${value} AS REAL)`;
    case 'BIT':
      return `${fn('tsql_to_bit')}(${value})`;
    case 'DATE':
      return `${fn('tsql_to_date')}(${value}, ${style})`;
    case 'DATETIME':
    case 'DATETIME2':
    case 'SMALLDATETIME':
    case 'DATETIMEOFFSET':
      return `${fn('tsql_to_datetime')}(${value}, ${style})`;
    default:
      throw unsupported(`Conversion to ${type.name.toLowerCase()}`);
  }
}
