import type { SfField, SfObject } from './objects.ts';
import { type SoqlCondition, SoqlError, type SoqlLiteral, type SoqlQuery } from './soql.ts';
import { quoteIdent, tableName } from './store.ts';
import { normalizeDateTime, type SqlValue } from './values.ts';

/** A parsed SOQL query turned into SQLite pieces over the object's table. */
export interface CompiledQuery {
  object: SfObject;
  fields: SfField[];
  from: string;
  where: string;
  params: SqlValue[];
  /** Empty when the query has no ORDER BY: pages then walk rowid (keyset), which stays fast at millions. */
  orderBy: string;
  limit?: number;
  offset?: number;
  count: boolean;
}

const DAY = 86_400_000;

export function compileSoql(
  query: SoqlQuery,
  lookup: (name: string) => SfObject | undefined,
  opts: { includeDeleted: boolean; now: Date },
): CompiledQuery {
  const object = lookup(query.object);
  if (!object) {
    throw new SoqlError(
      'INVALID_TYPE',
      `\nFROM ${query.object}\n     ^\nsObject type '${query.object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  const field = (name: string): SfField => {
    const f = object.fields.find((g) => g.name.toLowerCase() === name.toLowerCase());
    if (!f) {
      throw new SoqlError(
        'INVALID_FIELD',
        `\n${name}\n^\nNo such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return f;
  };
  const params: SqlValue[] = [];
  const today = new Date(Math.floor(opts.now.getTime() / DAY) * DAY);

  const bindValue = (f: SfField, lit: SoqlLiteral): SqlValue => {
    switch (lit.kind) {
      case 'string':
        return lit.value;
      case 'number':
        return lit.value;
      case 'boolean':
        return lit.value ? 1 : 0;
      case 'null':
        return null;
      case 'date':
        return f.type === 'datetime' ? normalizeDateTime(`${lit.value}T00:00:00Z`) : lit.value;
      case 'datetime':
        return f.type === 'date' ? lit.value.slice(0, 10) : normalizeDateTime(lit.value);
      default:
        throw new SoqlError('MALFORMED_QUERY', `date literal ${lit.name} cannot be used here`);
    }
  };

  const range = (f: SfField, lit: Extract<SoqlLiteral, { kind: 'dateLiteral' }>): [SqlValue, SqlValue] => {
    const n = lit.n ?? 1;
    const [start, end] =
      lit.name === 'TODAY'
        ? [today.getTime(), today.getTime() + DAY]
        : lit.name === 'YESTERDAY'
          ? [today.getTime() - DAY, today.getTime()]
          : lit.name === 'TOMORROW'
            ? [today.getTime() + DAY, today.getTime() + 2 * DAY]
            : lit.name === 'LAST_N_DAYS'
              ? [today.getTime() - n * DAY, today.getTime() + DAY]
              : [today.getTime() + DAY, today.getTime() + (n + 1) * DAY];
    const fmt = (ms: number): string =>
      f.type === 'date' ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString();
    return [fmt(start), fmt(end)];
  };

  const cond = (c: SoqlCondition): string => {
    switch (c.kind) {
      case 'and':
      case 'or':
        return `(${c.items.map(cond).join(c.kind === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        return `(NOT ${cond(c.item)})`;
      case 'in': {
        const f = field(c.field);
        const list = c.values.map((v) => {
          params.push(bindValue(f, v));
          return '?';
        });
        return `(${quoteIdent(f.name)} ${c.negated ? 'NOT IN' : 'IN'} (${list.join(', ')}))`;
      }
      case 'compare': {
        const f = field(c.field);
        const col = quoteIdent(f.name);
        if (c.value.kind === 'null') {
          if (c.op === '=') return `(${col} IS NULL)`;
          if (c.op === '!=') return `(${col} IS NOT NULL)`;
          throw new SoqlError('MALFORMED_QUERY', `null can only be compared with = or !=`);
        }
        if (c.value.kind === 'dateLiteral') {
          const [start, end] = range(f, c.value);
          switch (c.op) {
            case '=':
              params.push(start, end);
              return `(${col} >= ? AND ${col} < ?)`;
            case '!=':
              params.push(start, end);
              return `(NOT (${col} >= ? AND ${col} < ?))`;
            case '>':
              params.push(end);
              return `(${col} >= ?)`;
            case '>=':
              params.push(start);
              return `(${col} >= ?)`;
            case '<':
              params.push(start);
              return `(${col} < ?)`;
            case '<=':
              params.push(end);
              return `(${col} < ?)`;
            default:
              throw new SoqlError('MALFORMED_QUERY', 'LIKE cannot take a date literal');
          }
        }
        if (f.type === 'boolean' && c.value.kind !== 'boolean') {
          throw new SoqlError(
            'INVALID_FIELD',
            `value of filter criterion for field '${f.name}' must be of type boolean`,
          );
        }
        params.push(bindValue(f, c.value));
        // SOQL `!=` keeps nulls; SQL `!=` would drop them.
        if (c.op === '!=') return `(${col} IS NOT ?)`;
        return `(${col} ${c.op} ?)`;
      }
    }
  };

  const clauses: string[] = [];
  if (!opts.includeDeleted) clauses.push('"IsDeleted" = 0');
  if (query.where) clauses.push(cond(query.where));
  const fields = query.count ? [] : query.fields.map(field);
  const orderBy = query.orderBy
    .map((o) => {
      const f = field(o.field);
      const col = quoteIdent(f.name);
      // Non-nillable columns skip the null-ordering term so SQLite can walk the (SystemModstamp, Id) index.
      if (f.nillable === false) return `${col} ${o.desc ? 'DESC' : 'ASC'}`;
      return `${col} IS ${o.nullsLast ? 'NULL' : 'NOT NULL'}, ${col} ${o.desc ? 'DESC' : 'ASC'}`;
    })
    .join(', ');
  return {
    object,
    fields,
    from: quoteIdent(tableName(object.name)),
    where: clauses.length ? clauses.join(' AND ') : '1 = 1',
    params,
    orderBy,
    limit: query.limit,
    offset: query.offset,
    count: query.count,
  };
}
