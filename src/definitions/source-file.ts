/**
 * One YAML definition file kept with its node ranges, so any path inside the parsed value maps back to
 * a line and column. Paths that do not exist (a missing key) point at the nearest existing parent.
 */
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  YAMLParseError,
} from 'yaml';
import type { Diagnostic, Path, Severity } from './diagnostics.ts';

export interface SourceFile {
  /** Path relative to the project directory's parent, as shown in messages (e.g. `definitions/segments/x.yaml`). */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export interface Position {
  file: string;
  line: number;
  column: number;
}

export function parseSource(file: string, text: string): { source: SourceFile; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const source = { file, doc, lineCounter };
  const bomb = aliasBomb(doc);
  const diagnostics: Diagnostic[] = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return {
      severity: 'error' as Severity,
      code: 'yaml',
      message: `YAML syntax: ${e.message.split('\n')[0]}`,
      file,
      line: pos.line,
      column: pos.col,
    };
  });
  if (bomb) {
    // Refused whole: its value is never built, and the file counts as unparsable from here on.
    diagnostics.push({
      severity: 'error',
      code: 'yaml',
      message: `YAML aliases expand too far (${bomb}); refused as a possible alias bomb`,
      file,
      line: 1,
      column: 1,
    });
    doc.contents = null;
    doc.errors.push(new YAMLParseError([0, 0], 'IMPOSSIBLE', 'alias bomb'));
  }
  return { source, diagnostics };
}

/** Why building the document's value fails on its aliases (the yaml library's own guard), if it does. */
function aliasBomb(doc: Document.Parsed): string | undefined {
  if (doc.errors.length) return undefined;
  try {
    doc.toJS({ maxAliasCount: 100 });
    return undefined;
  } catch (error) {
    if (error instanceof ReferenceError || /alias/i.test((error as Error).message))
      return (error as Error).message;
    throw error;
  }
}

/** The position of `path`; with `key`, the position of that key inside the map at `path`. */
export function locate(source: SourceFile, path: Path, key?: string): Position {
  let node: unknown = source.doc.contents;
  let found: unknown = node;
  const steps = key === undefined ? path : [...path, key];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step),
      );
      if (!pair) break;
      // For the key being asked about, point at the key itself; otherwise descend into the value.
      if (last && key !== undefined) {
        found = pair.key;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
    } else {
      break;
    }
    if (!node) break;
    found = node;
  }
  const range = (found as Node | null)?.range;
  const offset = range ? range[0] : 0;
  const pos = source.lineCounter.linePos(offset);
  return { file: source.file, line: pos.line, column: pos.col };
}

export function diagnosticAt(
  source: SourceFile,
  path: Path,
  severity: Severity,
  code: string,
  message: string,
  key?: string,
): Diagnostic {
  return { severity, code, message, ...locate(source, path, key) };
}
