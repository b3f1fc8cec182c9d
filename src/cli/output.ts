/**
 * Writes the CLI's results. A failed write (full disk, a closed pipe, a path that cannot be written)
 * becomes KitError('OUTPUT_FAILED') naming the target, so the command exits 1 instead of 0.
 */
import { writeFileSync } from 'node:fs';
import { KitError } from '../errors/index.ts';

function failed(target: string, error: unknown): KitError {
  const e = error as NodeJS.ErrnoException;
  const reason =
    e.code === 'EPIPE' ? 'the reader closed the pipe (EPIPE)' : `${e.code ? `${e.code}: ` : ''}${e.message}`;
  return new KitError('OUTPUT_FAILED', `could not write ${target}: ${reason}`);
}

/** Writes a whole file; throws KitError('OUTPUT_FAILED') naming the file. */
export function writeOutput(file: string, text: string, write: typeof writeFileSync = writeFileSync): void {
  try {
    write(file, text);
  } catch (error) {
    throw failed(file, error);
  }
}

export { failed as outputFailed };
