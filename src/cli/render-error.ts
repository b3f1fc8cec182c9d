import { isKitError, redact } from '../errors/index.ts';

/** Exit codes: 0 ok, 1 failure, 2 reserved for "changes present" (plan), 64 usage error. */
export function exitCodeFor(error: unknown): number {
  if (isKitError(error) && error.code === 'USAGE') return 64;
  if (error instanceof Error && error.name === 'CLIError') return 64;
  return 1;
}

export function renderError(error: unknown, verbose = false): string {
  if (isKitError(error)) {
    const hint = error.hint ? `\n  hint: ${error.hint}` : '';
    const stack = verbose && error.stack ? `\n${redact(error.stack)}` : '';
    return `error [${error.code}]: ${redact(error.message)}${hint}${stack}`;
  }
  if (error instanceof Error) {
    return `error: ${redact(verbose && error.stack ? error.stack : error.message)}`;
  }
  return `error: ${redact(String(error))}`;
}
