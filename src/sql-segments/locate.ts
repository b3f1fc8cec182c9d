import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isPair, isScalar, Scalar } from 'yaml';
import type { Diagnostic } from '../definitions/diagnostics.ts';
import { positionOf, type Project } from '../definitions/project.ts';
import type { SqlSegmentDef } from '../definitions/schemas/sql-segment.ts';
import type { SqlFinding } from './check-sql.ts';

/**
 * The file position of a line:column inside a segment's `sql:` value. A block scalar (`sql: |`) starts
 * on the line after its header, each line indented alike; a one-line plain or quoted value starts where
 * it stands. Other forms (folded `>`, escapes) point at the value's start.
 */
export function sqlFindingAt(project: Project, seg: SqlSegmentDef, f: SqlFinding): Diagnostic {
  const base = positionOf(project, seg, ['sql']);
  const source = project.sourceOf(seg);
  const contents = source?.doc.contents;
  const pair = isMap(contents)
    ? contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'sql')
    : undefined;
  const node = pair && isScalar(pair.value) ? pair.value : undefined;
  const at = (line: number, column: number) => ({
    severity: f.severity,
    code: f.code,
    message: f.message,
    file: base.file,
    line,
    column,
  });
  if (!node || !source || !node.range) return at(base.line, base.column);
  if (node.type === Scalar.BLOCK_LITERAL) {
    const header = source.lineCounter.linePos(node.range[0]);
    // Indentation of the first content line, from the raw source kept by the CST range.
    const firstLineStart = source.lineCounter.lineStarts[header.line] ?? node.range[0];
    const raw = rawText(project, base.file);
    const indent = raw ? (/^ */.exec(raw.slice(firstLineStart))?.[0].length ?? 0) : 0;
    return at(header.line + f.line, indent + f.column);
  }
  if (
    (node.type === Scalar.PLAIN || node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.QUOTE_DOUBLE) &&
    f.line === 1
  ) {
    const start = source.lineCounter.linePos(node.range[0]);
    return at(start.line, start.col + f.column - 1 + (node.type === Scalar.PLAIN ? 0 : 1));
  }
  return at(base.line, base.column);
}

/** The file's text, read only to find a block scalar's indentation (when an error is reported). */
function rawText(project: Project, file: string): string | undefined {
  for (const candidate of [resolve(dirname(resolve(project.dir)), file), resolve(file)]) {
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
  }
  return undefined;
}
