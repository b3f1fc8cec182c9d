import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KitError } from '../errors/index.ts';
import {
  CONTACTS_YAML,
  envExample,
  GITIGNORE,
  projectConfigYaml,
  STARTER_SEGMENT_NAME,
  STARTER_SEGMENT_YAML,
  STARTER_TEST_YAML,
  WORKFLOW_YAML,
} from './templates.ts';

export interface ScaffoldOptions {
  /** Overwrite files that already exist. */
  force?: boolean;
  /** Project name; default: the directory's name. */
  name?: string;
}

export interface ScaffoldResult {
  dir: string;
  /** Paths relative to `dir`, in the order written. */
  written: string[];
}

/** Relative path → content of every file a new project gets. */
export function scaffoldFiles(name: string): Array<[string, string]> {
  return [
    ['definitions/sfmc-kit.yaml', projectConfigYaml({ name })],
    ['definitions/data-extensions/Contacts.yaml', CONTACTS_YAML],
    [`definitions/segments/${STARTER_SEGMENT_NAME}.yaml`, STARTER_SEGMENT_YAML],
    [`definitions/tests/${STARTER_SEGMENT_NAME}.yaml`, STARTER_TEST_YAML],
    ['.env.example', envExample()],
    ['.github/workflows/sfmc-kit.yml', WORKFLOW_YAML],
    ['.gitignore', GITIGNORE],
  ];
}

/**
 * Writes a new project into `dir`. Every target is checked before anything is written, so a refusal
 * leaves the directory as it was.
 */
export async function scaffoldProject(dir: string, options: ScaffoldOptions = {}): Promise<ScaffoldResult> {
  const root = path.resolve(dir);
  const files = scaffoldFiles(options.name ?? path.basename(root));
  if (!options.force) {
    for (const [rel] of files) {
      if (await exists(path.join(root, rel))) {
        throw new KitError('USAGE', `${path.join(dir, rel)} already exists; init writes nothing over it`, {
          hint: 'Run init in an empty directory, or add --force to overwrite the starter files.',
        });
      }
    }
  }
  for (const [rel, content] of files) {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return { dir: root, written: files.map(([rel]) => rel) };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
