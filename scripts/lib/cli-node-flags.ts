import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Node flags the CLI starts with (from bin/sfmc-kit.js's `#!/usr/bin/env -S node …` line), so a
 * benchmark's worker runs the product under the same V8 settings a user's `npx sfmc-kit` gets.
 */
export function cliNodeFlags(): string[] {
  const bin = path.resolve(import.meta.dirname, '../../bin/sfmc-kit.js');
  const shebang = readFileSync(bin, 'utf8').split('\n', 1)[0];
  return shebang.match(/(?<=\s)--\S+/g) ?? [];
}
