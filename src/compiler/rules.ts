/**
 * The rule tree: `all:` / `any:` lists, `not:` and condition leaves, each a map with exactly one key.
 * `ruleSchema` (a zod union built from the condition kinds) feeds types and the JSON Schema; `parseRules`
 * validates node by node with the same per-kind schemas so each error names the exact node.
 */
import { z } from 'zod';
import type { Path } from '../definitions/diagnostics.ts';
import { CONDITION_KINDS, CONDITION_NAMES, conditionKind } from './conditions/registry.ts';

export type RuleNode =
  { all: RuleNode[] } | { any: RuleNode[] } | { not: RuleNode } | { [kind: string]: unknown };

export const ruleSchema: z.ZodType<RuleNode> = z.lazy(() =>
  z.union([
    z
      .object({ all: z.array(ruleSchema).min(1) })
      .strict()
      .describe('Every rule must hold'),
    z
      .object({ any: z.array(ruleSchema).min(1) })
      .strict()
      .describe('At least one rule must hold'),
    z.object({ not: ruleSchema }).strict().describe('The rule must not hold'),
    ...CONDITION_KINDS.map((k) =>
      z
        .object({ [k.kind]: (k.schema as z.ZodType).describe(k.summary) })
        .strict()
        .describe(k.summary),
    ),
  ]),
);

export type NodeKind = 'all' | 'any' | 'not' | 'condition';

export function nodeKind(node: RuleNode): { kind: NodeKind; name: string; value: unknown } {
  const name = Object.keys(node)[0];
  const value = (node as Record<string, unknown>)[name];
  if (name === 'all' || name === 'any' || name === 'not') return { kind: name, name, value };
  return { kind: 'condition', name, value };
}

export interface RuleIssue {
  path: Path;
  message: string;
  /** Point at the key (unknown keys) rather than the value. */
  key?: string;
}

/** Validates and normalises (defaults applied) a rule tree found at `path`. */
export function parseRules(raw: unknown, path: Path): { rules?: RuleNode; issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  const rules = walk(raw, path, issues);
  return { rules: issues.length ? undefined : rules, issues };
}

const EXPECTED = `all, any, not or a condition (${CONDITION_NAMES.join(', ')})`;

function walk(raw: unknown, path: Path, issues: RuleIssue[]): RuleNode | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    issues.push({ path, message: `expected a rule: ${EXPECTED}` });
    return undefined;
  }
  const keys = Object.keys(raw);
  if (keys.length !== 1) {
    issues.push({
      path,
      message:
        keys.length === 0
          ? `expected a rule: ${EXPECTED}`
          : `a rule has exactly one key, found ${keys.join(', ')}; wrap several conditions in all: or any:`,
    });
    return undefined;
  }
  const key = keys[0];
  const value = (raw as Record<string, unknown>)[key];
  if (key === 'all' || key === 'any') {
    if (!Array.isArray(value) || value.length === 0) {
      issues.push({ path: [...path, key], message: `expected a non-empty list of rules under ${key}:` });
      return undefined;
    }
    const children = value.map((v, i) => walk(v, [...path, key, i], issues));
    return { [key]: children } as RuleNode;
  }
  if (key === 'not') {
    const child = walk(value, [...path, key], issues);
    return { not: child } as RuleNode;
  }
  const kind = conditionKind(key);
  if (!kind) {
    const near = CONDITION_NAMES.find(
      (n) =>
        n.toLowerCase() === key.toLowerCase() || n.toLowerCase().startsWith(key.toLowerCase().slice(0, 5)),
    );
    issues.push({
      path,
      key,
      message: `unknown condition "${key}"${near ? ` (did you mean ${near}?)` : ''}; expected ${EXPECTED}`,
    });
    return undefined;
  }
  const parsed = kind.schema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push(zodIssue(issue, [...path, key]));
    return undefined;
  }
  return { [key]: parsed.data } as RuleNode;
}

/** A zod issue turned into a message that says what was expected, located at its path. */
export function zodIssue(issue: z.core.$ZodIssue, base: Path): RuleIssue {
  const path = [...base, ...(issue.path as (string | number)[])];
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        path,
        key: issue.keys[0],
        message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      };
    case 'invalid_union': {
      // Unions carry their own error message; otherwise report the branch that got furthest.
      const deepest = issue.errors.flat().sort((a, b) => b.path.length - a.path.length)[0];
      if (issue.message && !issue.message.startsWith('Invalid input'))
        return { path, message: issue.message };
      return deepest ? zodIssue(deepest, path) : { path, message: 'invalid value' };
    }
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) {
        const last = path[path.length - 1];
        return { path, message: `missing required key "${String(last)}" (expected ${issue.expected})` };
      }
      return { path, message: issue.message.replace(/^Invalid input: /, '') };
    default: {
      const message = issue.message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
      return { path, message };
    }
  }
}

/** Calls `visit` for every condition leaf with its path and whether it sits under an odd number of `not`. */
export function forEachCondition(
  node: RuleNode,
  path: Path,
  visit: (name: string, value: unknown, path: Path, negated: boolean, ancestors: RuleNode[]) => void,
  negated = false,
  ancestors: RuleNode[] = [],
): void {
  const { kind, name, value } = nodeKind(node);
  const next = [...ancestors, node];
  if (kind === 'all' || kind === 'any') {
    for (const [i, child] of (value as RuleNode[]).entries()) {
      forEachCondition(child, [...path, name, i], visit, negated, next);
    }
  } else if (kind === 'not') {
    forEachCondition(value as RuleNode, [...path, 'not'], visit, !negated, next);
  } else {
    visit(name, value, path, negated, ancestors);
  }
}
