/**
 * The running kit's own package.json (from src/init or dist/init alike it sits two levels up): the version a
 * new project depends on, and the Node range the kit runs on.
 */
import { readFileSync } from 'node:fs';

interface KitManifest {
  version: string;
  engines: { node: string };
}

let manifest: KitManifest | undefined;

export function kitManifest(): KitManifest {
  manifest ??= JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as KitManifest;
  return manifest;
}

/** The `node` package a project installs as a devDependency, so npm scripts and npx run on a Node the kit supports. */
export const NODE_DEV_DEPENDENCY = '^24';
