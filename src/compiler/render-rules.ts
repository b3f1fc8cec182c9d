/**
 * Rule tree → one SQL predicate over the audience row. `all` / `any` become AND / OR (parenthesised
 * when nested), `not` becomes NOT EXISTS for a single EXISTS, and a CASE for attribute tests so that a
 * NULL field counts as "not matching" (`not: Country = US` keeps contacts with no country).
 */
import { conditionKind } from './conditions/registry.ts';
import type { SqlContext } from './conditions/types.ts';
import { nodeKind, type RuleNode } from './rules.ts';
import { joinPredicates, paren } from './sql/escape.ts';

interface Rendered {
  sql: string;
  /** May evaluate to UNKNOWN (NULL) for some rows. */
  nullable: boolean;
  /** Already a single term that needs no parentheses. */
  atomic: boolean;
}

export function renderRules(node: RuleNode, ctx: SqlContext): string {
  return render(node, ctx).sql;
}

function render(node: RuleNode, ctx: SqlContext): Rendered {
  const { kind, name, value } = nodeKind(node);
  if (kind === 'all' || kind === 'any') {
    const children = (value as RuleNode[]).map((c) => render(c, ctx));
    if (children.length === 1) return children[0];
    const op = kind === 'all' ? 'AND' : 'OR';
    const parts = children.map((c) => (c.atomic ? c.sql : paren(c.sql)));
    return { sql: joinPredicates(parts, op), nullable: children.some((c) => c.nullable), atomic: false };
  }
  if (kind === 'not') {
    const child = render(value as RuleNode, ctx);
    if (/^(NOT )?EXISTS \(/.test(child.sql) && child.atomic && !child.nullable) {
      const sql = child.sql.startsWith('NOT ') ? child.sql.slice(4) : `NOT ${child.sql}`;
      return { sql, nullable: false, atomic: true };
    }
    if (child.nullable) {
      return { sql: `(CASE WHEN ${paren(child.sql)} THEN 1 ELSE 0 END) = 0`, nullable: false, atomic: true };
    }
    return { sql: `NOT ${paren(child.sql)}`, nullable: false, atomic: true };
  }
  const cond = conditionKind(name)!;
  const sql = cond.sql(value, ctx);
  return { sql, nullable: name === 'attribute', atomic: isAtomic(sql) };
}

/** True when the text has no top-level AND/OR (outside parentheses and string literals). */
function isAtomic(sql: string): boolean {
  let depth = 0;
  let inString = false;
  let inIdent = false;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (inString || inIdent) {
      const close = inString ? "'" : ']';
      if (c === close) {
        if (sql[i + 1] === close) i++;
        else inString = inIdent = false;
      }
      continue;
    }
    if (c === "'") inString = true;
    else if (c === '[') inIdent = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /\s/.test(c)) {
      const rest = sql.slice(i + 1, i + 5);
      if (/^(AND|OR)\s/.test(rest)) return false;
    }
  }
  return true;
}
