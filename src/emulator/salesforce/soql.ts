/**
 * A parser for the SOQL subset the kit and typical sync tools send:
 * SELECT f1, f2 | COUNT() FROM Obj [WHERE …] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n] [OFFSET n].
 * WHERE supports =, !=, <>, <, <=, >, >=, LIKE, IN, NOT IN, AND, OR, NOT, parentheses, and literals:
 * strings, numbers, true/false, null, dates, datetimes and TODAY / YESTERDAY / LAST_N_DAYS:n.
 */
export type SoqlLiteral =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'date'; value: string }
  | { kind: 'datetime'; value: string }
  | { kind: 'dateLiteral'; name: string; n?: number };

export type SoqlCondition =
  | { kind: 'and' | 'or'; items: SoqlCondition[] }
  | { kind: 'not'; item: SoqlCondition }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE'; value: SoqlLiteral }
  | { kind: 'in'; field: string; negated: boolean; values: SoqlLiteral[] };

export interface SoqlQuery {
  object: string;
  /** Empty for `SELECT COUNT()`. */
  fields: string[];
  count: boolean;
  where?: SoqlCondition;
  orderBy: Array<{ field: string; desc: boolean; nullsLast: boolean }>;
  limit?: number;
  offset?: number;
}

export class SoqlError extends Error {
  override name = 'SoqlError';
  readonly errorCode: string;
  constructor(errorCode: string, message: string) {
    super(message);
    this.errorCode = errorCode;
  }
}

interface Token {
  type: 'ident' | 'string' | 'number' | 'op' | 'punct' | 'datetime' | 'date';
  text: string;
  pos: number;
}

const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:?\d\d)/;
const DATE = /^\d{4}-\d\d-\d\d(?![\dT])/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const dtm = DATETIME.exec(rest);
    if (dtm) {
      tokens.push({ type: 'datetime', text: dtm[0], pos: i });
      i += dtm[0].length;
      continue;
    }
    const dm = DATE.exec(rest);
    if (dm) {
      tokens.push({ type: 'date', text: dm[0], pos: i });
      i += dm[0].length;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== "'"; j++) {
        if (text[j] === '\\') {
          j++;
          const e = text[j];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        } else value += text[j];
      }
      if (j >= text.length) throw malformed(text, i, 'unterminated string');
      tokens.push({ type: 'string', text: value, pos: i });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) {
      tokens.push({ type: 'number', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*(:\d+)?/.exec(rest);
    if (id) {
      tokens.push({ type: 'ident', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = /^(!=|<>|<=|>=|=|<|>)/.exec(rest);
    if (op) {
      tokens.push({ type: 'op', text: op[0], pos: i });
      i += op[0].length;
      continue;
    }
    if ('(),'.includes(c)) {
      tokens.push({ type: 'punct', text: c, pos: i });
      i++;
      continue;
    }
    throw malformed(text, i, `unexpected character '${c}'`);
  }
  return tokens;
}

function malformed(text: string, pos: number, what: string): SoqlError {
  return new SoqlError(
    'MALFORMED_QUERY',
    `\n${text}\n${' '.repeat(pos)}^\nERROR at Row:1:Column:${pos + 1}\n${what}`,
  );
}

export function parseSoql(text: string): SoqlQuery {
  const tokens = tokenize(text);
  let p = 0;
  const peek = (): Token | undefined => tokens[p];
  const isKw = (t: Token | undefined, kw: string): boolean =>
    t?.type === 'ident' && t.text.toUpperCase() === kw;
  const fail = (what: string): never => {
    throw malformed(text, peek()?.pos ?? text.length, what);
  };
  const expectKw = (kw: string): void => {
    if (!isKw(peek(), kw)) fail(`unexpected token: '${peek()?.text ?? '<end>'}', expected ${kw}`);
    p++;
  };
  const expectPunct = (c: string): void => {
    if (peek()?.type !== 'punct' || peek()?.text !== c) fail(`expected '${c}'`);
    p++;
  };
  const ident = (): string => {
    const t = peek();
    if (t?.type !== 'ident') return fail(`unexpected token: '${t?.text ?? '<end>'}'`);
    p++;
    return t.text;
  };

  expectKw('SELECT');
  const fields: string[] = [];
  let count = false;
  if (isKw(peek(), 'COUNT') && tokens[p + 1]?.text === '(' && tokens[p + 2]?.text === ')') {
    count = true;
    p += 3;
  } else {
    do {
      if (fields.length) p++;
      fields.push(ident());
    } while (peek()?.text === ',');
  }
  expectKw('FROM');
  const object = ident();

  const literal = (): SoqlLiteral => {
    const t = peek();
    if (!t) return fail('expected a value');
    p++;
    switch (t.type) {
      case 'string':
        return { kind: 'string', value: t.text };
      case 'number':
        return { kind: 'number', value: Number(t.text) };
      case 'datetime':
        return { kind: 'datetime', value: t.text };
      case 'date':
        return { kind: 'date', value: t.text };
      case 'ident': {
        const up = t.text.toUpperCase();
        if (up === 'TRUE' || up === 'FALSE') return { kind: 'boolean', value: up === 'TRUE' };
        if (up === 'NULL') return { kind: 'null' };
        const m = /^([A-Z_]+)(?::(\d+))?$/.exec(up);
        if (m && ['TODAY', 'YESTERDAY', 'TOMORROW', 'LAST_N_DAYS', 'NEXT_N_DAYS'].includes(m[1])) {
          return { kind: 'dateLiteral', name: m[1], n: m[2] === undefined ? undefined : Number(m[2]) };
        }
        p--;
        return fail(`unexpected token: '${t.text}'`);
      }
      default:
        p--;
        return fail(`unexpected token: '${t.text}'`);
    }
  };

  const primary = (): SoqlCondition => {
    if (peek()?.text === '(') {
      p++;
      const inner = orExpr();
      expectPunct(')');
      return inner;
    }
    const field = ident();
    const t = peek();
    if (t?.type === 'op') {
      p++;
      const op = t.text === '<>' ? '!=' : (t.text as '=' | '!=' | '<' | '<=' | '>' | '>=');
      return { kind: 'compare', field, op, value: literal() };
    }
    if (isKw(t, 'LIKE')) {
      p++;
      return { kind: 'compare', field, op: 'LIKE', value: literal() };
    }
    let negated = false;
    if (isKw(t, 'NOT') && isKw(tokens[p + 1], 'IN')) {
      negated = true;
      p++;
    }
    if (isKw(peek(), 'IN')) {
      p++;
      expectPunct('(');
      const values: SoqlLiteral[] = [];
      do {
        if (values.length) p++;
        values.push(literal());
      } while (peek()?.text === ',');
      expectPunct(')');
      return { kind: 'in', field, negated, values };
    }
    return fail(`unexpected token: '${t?.text ?? '<end>'}'`);
  };
  const notExpr = (): SoqlCondition => {
    if (isKw(peek(), 'NOT')) {
      p++;
      return { kind: 'not', item: notExpr() };
    }
    return primary();
  };
  const andExpr = (): SoqlCondition => {
    const items = [notExpr()];
    while (isKw(peek(), 'AND')) {
      p++;
      items.push(notExpr());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  };
  const orExpr = (): SoqlCondition => {
    const items = [andExpr()];
    while (isKw(peek(), 'OR')) {
      p++;
      items.push(andExpr());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  };

  const query: SoqlQuery = { object, fields, count, orderBy: [] };
  if (isKw(peek(), 'WHERE')) {
    p++;
    query.where = orExpr();
  }
  if (isKw(peek(), 'ORDER')) {
    p++;
    expectKw('BY');
    do {
      if (query.orderBy.length) p++;
      const field = ident();
      let desc = false;
      if (isKw(peek(), 'ASC') || isKw(peek(), 'DESC')) desc = ident().toUpperCase() === 'DESC';
      let nullsLast = desc;
      if (isKw(peek(), 'NULLS')) {
        p++;
        nullsLast = ident().toUpperCase() === 'LAST';
      }
      query.orderBy.push({ field, desc, nullsLast });
    } while (peek()?.text === ',');
  }
  const intAfter = (): number => {
    const t = peek();
    if (t?.type !== 'number' || !/^\d+$/.test(t.text)) return fail('expected a non-negative integer');
    p++;
    return Number(t.text);
  };
  if (isKw(peek(), 'LIMIT')) {
    p++;
    query.limit = intAfter();
  }
  if (isKw(peek(), 'OFFSET')) {
    p++;
    query.offset = intAfter();
  }
  if (p < tokens.length) fail(`unexpected token: '${peek()?.text}'`);
  return query;
}
