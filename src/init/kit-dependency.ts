/**
 * How a new project depends on sfmc-kit: the way the nearest enclosing package already does (so a kit
 * installed from a tarball or a folder is installed the same way in the new project), else `^<version>`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export async function kitDependencySpec(projectRoot: string, version: string): Promise<string> {
  for (let dir = projectRoot; ; dir = path.dirname(dir)) {
    const manifest = await readManifest(path.join(dir, 'package.json'));
    const spec = manifest?.devDependencies?.['sfmc-kit'] ?? manifest?.dependencies?.['sfmc-kit'];
    if (spec) return relocate(spec, dir, projectRoot);
    if (path.dirname(dir) === dir) return `^${version}`;
  }
}

/** A `file:` spec is relative to the package.json it is in: rewrite it for the new project's. */
function relocate(spec: string, from: string, to: string): string {
  if (!spec.startsWith('file:')) return spec;
  const target = path.resolve(from, spec.slice('file:'.length));
  const rel = path.relative(to, target).split(path.sep).join('/');
  return `file:${rel || '.'}`;
}

async function readManifest(file: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}
