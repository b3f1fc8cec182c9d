/**
 * Examples drawn from the real segment files: every condition leaf found in a rule tree (`rules:` and
 * funnel stage rules), with the exact YAML text the author wrote (comments and flow style kept).
 */
import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { OPERATOR_NAMES } from '../../src/compiler/conditions/operators.ts';

export interface SourceFile {
  /** Path relative to the definitions folder, e.g. segments/lifecycle.yaml. */
  path: string;
  text: string;
}

export interface Occurrence {
  kind: string;
  file: string;
  /** The condition as written, dedented: `emailClicked: { url: { contains: premium } }`. */
  snippet: string;
  value: unknown;
}

export interface RuleTree {
  file: string;
  snippet: string;
  uses: Set<string>;
}

/** The source text of `node`, up to `until`'s end (a leaf's value: a trailing comment is not part of it). */
function slice(text: string, node: Node, until: Node = node): string {
  const start = node.range![0];
  const end = until.range![1];
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  const lines = text.slice(start, end).trimEnd().split('\n');
  const strip = new RegExp(`^ {0,${column}}`);
  return [lines[0], ...lines.slice(1).map((l) => l.replace(strip, ''))].join('\n');
}

function walk(node: unknown, file: string, text: string, out: Occurrence[], uses: Set<string>): void {
  if (!isMap(node) || node.items.length !== 1) return;
  const pair = node.items[0];
  const key = isScalar(pair.key) ? String(pair.key.value) : '';
  uses.add(key);
  if ((key === 'all' || key === 'any') && isSeq(pair.value)) {
    for (const item of pair.value.items) walk(item, file, text, out, uses);
    return;
  }
  if (key === 'not') {
    walk(pair.value, file, text, out, uses);
    return;
  }
  const value = pair.value as Node | null;
  out.push({
    kind: key,
    file,
    snippet: slice(text, node, value?.range ? value : node),
    value: value?.toJSON(),
  });
}

/** Condition leaves and whole rule trees of the given segment files, in file order. */
export function scanSegments(files: SourceFile[]): { conditions: Occurrence[]; trees: RuleTree[] } {
  const conditions: Occurrence[] = [];
  const trees: RuleTree[] = [];
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const doc = parseDocument(f.text);
    const roots: unknown[] = [doc.get('rules', true)];
    const stages = doc.getIn(['funnel', 'stages'], true);
    if (isSeq(stages)) for (const s of stages.items) if (isMap(s)) roots.push(s.get('rules', true));
    for (const root of roots) {
      if (!root) continue;
      const uses = new Set<string>();
      walk(root, f.path, f.text, conditions, uses);
      trees.push({
        file: f.path,
        snippet: `rules:\n  ${slice(f.text, root as Node).replaceAll('\n', '\n  ')}`,
        uses,
      });
    }
  }
  return { conditions, trees };
}

const lineCount = (s: string) => s.split('\n').length;
const keyCount = (v: unknown) => (v && typeof v === 'object' ? Object.keys(v).length : 0);

/**
 * The example shown for a kind: among short snippets (≤ 8 lines), the one showing the most keys, then the
 * shortest, then the first file. Deterministic so the generated reference only changes when files do.
 */
export function pickExample(occurrences: Occurrence[]): Occurrence | undefined {
  const short = occurrences.filter((o) => lineCount(o.snippet) <= 8);
  const pool = short.length > 0 ? short : occurrences;
  return [...pool].sort(
    (a, b) =>
      keyCount(b.value) - keyCount(a.value) ||
      a.snippet.length - b.snippet.length ||
      a.file.localeCompare(b.file),
  )[0];
}

/** The smallest rule tree that nests all, any and not (falls back to the one using the most of them). */
export function pickRuleTree(trees: RuleTree[]): RuleTree | undefined {
  const score = (t: RuleTree) => ['all', 'any', 'not'].filter((k) => t.uses.has(k)).length;
  return [...trees].sort(
    (a, b) => score(b) - score(a) || a.snippet.length - b.snippet.length || a.file.localeCompare(b.file),
  )[0];
}

/** For each operator, the shortest `attribute` condition in the files that uses it. */
export function operatorExamples(conditions: Occurrence[]): Map<string, Occurrence> {
  const found = new Map<string, Occurrence>();
  const attributes = conditions
    .filter((c) => c.kind === 'attribute' && c.value && typeof c.value === 'object')
    .sort((a, b) => a.snippet.length - b.snippet.length || a.file.localeCompare(b.file));
  for (const op of OPERATOR_NAMES) {
    const hit = attributes.find((c) => (c.value as Record<string, unknown>)[op] !== undefined);
    if (hit) found.set(op, hit);
  }
  return found;
}
