/**
 * Writes docs/definitions.md, the definitions reference generated from the zod schemas and the example
 * project. `--check` writes nothing and exits 1 when the committed file is stale (CI and test/docs).
 * Usage: node scripts/gen-definitions-reference.ts [--check] [--out <file>]
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceFile } from './definitions-reference/examples.ts';
import { renderDefinitionsReference } from './definitions-reference/render.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
export const REFERENCE_PATH = path.join(ROOT, 'docs', 'definitions.md');

/** Every YAML file under `dir`, with paths relative to it (`segments/lifecycle.yaml`). */
export async function readDefinitions(dir: string): Promise<SourceFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => path.join(e.parentPath, e.name));
  return Promise.all(
    files.sort().map(async (f) => ({
      path: path.relative(dir, f).split(path.sep).join('/'),
      text: await readFile(f, 'utf8'),
    })),
  );
}

export async function generateDefinitionsReference(root = ROOT): Promise<string> {
  return renderDefinitionsReference(await readDefinitions(path.join(root, 'definitions')));
}

if (import.meta.main) {
  const text = await generateDefinitionsReference();
  // --out <file> points at another file (the test checks a stale copy without touching docs/).
  const outAt = process.argv.indexOf('--out');
  const target = outAt > 0 ? path.resolve(process.argv[outAt + 1]) : REFERENCE_PATH;
  const rel = path.relative(ROOT, target);
  if (process.argv.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== text) {
      process.stderr.write(`${rel} is stale: run node scripts/gen-definitions-reference.ts\n`);
      process.exit(1);
    }
    process.stdout.write(`${rel} is current\n`);
  } else {
    await writeFile(target, text);
    process.stdout.write(`wrote ${rel}\n`);
  }
}
