/** A finding about the definitions: a schema error, a broken reference, a lint rule or a compile failure. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable id: `schema`, `yaml`, `unknown-field`, `opens-signal`, … */
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

export type Path = ReadonlyArray<string | number>;

/** A finding produced before its position is known: a path inside the definition it came from. */
export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  path: Path;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} [${d.code}] ${d.message}`;
}

/** Orders diagnostics by file, then position, so output is stable. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}
