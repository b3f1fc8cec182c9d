import { conditionKind } from './conditions/registry.ts';
import { nodeKind, type RuleNode } from './rules.ts';

/** The rule tree in plain words, for `sfmc-kit compile` and plan output. */
export function describeRules(node: RuleNode, depth = 0): string {
  const { kind, name, value } = nodeKind(node);
  const pad = '  '.repeat(depth);
  if (kind === 'all' || kind === 'any') {
    const head = kind === 'all' ? 'all of:' : 'any of:';
    return `${pad}${head}\n${(value as RuleNode[]).map((c) => describeRules(c, depth + 1)).join('\n')}`;
  }
  if (kind === 'not') return `${pad}not:\n${describeRules(value as RuleNode, depth + 1)}`;
  return `${pad}- ${conditionKind(name)!.describe(value)}`;
}
