import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KitError } from '../errors/index.ts';
import { kitDependencySpec } from './kit-dependency.ts';
import { kitManifest, NODE_DEV_DEPENDENCY } from './kit-version.ts';
import {
  CONTACTS_YAML,
  envExample,
  GITIGNORE,
  projectConfigYaml,
  projectManifest,
  projectReadme,
  STARTER_SEGMENT_NAME,
  STARTER_SEGMENT_YAML,
  STARTER_TEST_YAML,
  WORKFLOW_YAML,
} from './templates.ts';

export interface ScaffoldOptions {
  /** Overwrite the starter files (definitions, .env.example, workflow) that already exist. */
  force?: boolean;
  /** Project name; default: the directory's name. */
  name?: string;
  /** How package.json depends on sfmc-kit; default: as the enclosing package does, else ^<this version>. */
  kitSpec?: string;
}

export interface ScaffoldResult {
  dir: string;
  /** Paths relative to `dir`, in the order written. */
  written: string[];
  /** Files that existed and got only what they lacked (package.json keys, .gitignore lines). */
  updated: string[];
  /** Files that existed and were left as they were (README.md). */
  kept: string[];
}

/** The files init owns: refused when present (unless forced). */
export function scaffoldFiles(name: string): Array<[string, string]> {
  return [
    ['definitions/sfmc-kit.yaml', projectConfigYaml({ name })],
    ['definitions/data-extensions/Contacts.yaml', CONTACTS_YAML],
    [`definitions/segments/${STARTER_SEGMENT_NAME}.yaml`, STARTER_SEGMENT_YAML],
    [`definitions/tests/${STARTER_SEGMENT_NAME}.yaml`, STARTER_TEST_YAML],
    ['.env.example', envExample()],
    ['.github/workflows/sfmc-kit.yml', WORKFLOW_YAML],
  ];
}

/** Every path init may touch, for `init --help` and the docs. */
export const SCAFFOLD_PATHS = [
  'package.json',
  ...scaffoldFiles('x').map(([rel]) => rel),
  '.gitignore',
  'README.md',
];

/**
 * Writes a new project into `dir`. The starter files are checked before anything is written, so a refusal
 * leaves the directory as it was. A package.json, .gitignore or README.md of an existing project is never
 * overwritten: package.json gets the scripts, engines and devDependencies it lacks, .gitignore the lines it
 * lacks, and a README stays as it is.
 */
export async function scaffoldProject(dir: string, options: ScaffoldOptions = {}): Promise<ScaffoldResult> {
  const root = path.resolve(dir);
  const name = options.name ?? path.basename(root);
  const files = scaffoldFiles(name);
  if (!options.force) {
    for (const [rel] of files) {
      if (await exists(path.join(root, rel))) {
        throw new KitError('USAGE', `${path.join(dir, rel)} already exists; init writes nothing over it`, {
          hint: 'Run init in a new directory (npx sfmc-kit init my-segments), or add --force to overwrite the starter files.',
        });
      }
    }
  }
  const kit = kitManifest();
  const manifest = projectManifest({
    name,
    kitSpec: options.kitSpec ?? (await kitDependencySpec(root, kit.version)),
    nodeEngine: kit.engines.node,
    nodePackage: NODE_DEV_DEPENDENCY,
  });
  const existingManifest = await readJsonObject(path.join(root, 'package.json'));
  const result: ScaffoldResult = { dir: root, written: [], updated: [], kept: [] };

  const write = async (rel: string, content: string) => {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  };
  if (existingManifest) {
    const merged = addMissing(existingManifest, manifest);
    if (JSON.stringify(merged) !== JSON.stringify(existingManifest)) {
      await write('package.json', `${JSON.stringify(merged, null, 2)}\n`);
      result.updated.push('package.json');
    } else result.kept.push('package.json');
  } else {
    await write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
    result.written.push('package.json');
  }
  for (const [rel, content] of files) {
    await write(rel, content);
    result.written.push(rel);
  }
  const gitignore = await readText(path.join(root, '.gitignore'));
  if (gitignore === undefined) {
    await write('.gitignore', GITIGNORE);
    result.written.push('.gitignore');
  } else {
    const have = new Set(gitignore.split(/\r?\n/).map((l) => l.trim()));
    const lacking = GITIGNORE.split('\n').filter((l) => l && !have.has(l));
    if (lacking.length) {
      await write(
        '.gitignore',
        `${gitignore}${gitignore.endsWith('\n') || !gitignore ? '' : '\n'}${lacking.join('\n')}\n`,
      );
      result.updated.push('.gitignore');
    } else result.kept.push('.gitignore');
  }
  if (await exists(path.join(root, 'README.md'))) result.kept.push('README.md');
  else {
    await write('README.md', projectReadme({ name }));
    result.written.push('README.md');
  }
  return result;
}

type Json = Record<string, unknown>;

const NPM_INIT_TEST = 'echo "Error: no test specified" && exit 1';

/**
 * `base` with the scripts, engines and devDependencies of `extra` it lacks; its other keys (name, type…)
 * are the project's business.
 */
function addMissing(base: Json, extra: Json): Json {
  const out: Json = { ...base };
  for (const key of ['scripts', 'engines', 'devDependencies']) {
    const have = isObject(base[key]) ? (base[key] as Json) : {};
    if (key in base && !isObject(base[key])) continue;
    const inner: Json = { ...have };
    // npm init's placeholder test script only fails; the segment tests take its place.
    if (key === 'scripts' && inner.test === NPM_INIT_TEST) delete inner.test;
    for (const [k, v] of Object.entries(extra[key] as Json)) if (!(k in inner)) inner[k] = v;
    // A project that already depends on sfmc-kit at run time keeps it there only.
    if (key === 'devDependencies' && isObject(base.dependencies) && 'sfmc-kit' in base.dependencies)
      delete inner['sfmc-kit'];
    if (Object.keys(inner).length) out[key] = inner;
  }
  return out;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readJsonObject(file: string): Promise<Json | undefined> {
  const text = await readText(file);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new KitError('USAGE', `${file} is not valid JSON (${(e as Error).message}); init changes nothing`);
  }
  if (!isObject(parsed))
    throw new KitError('USAGE', `${file} does not hold a JSON object; init changes nothing`);
  return parsed;
}

async function readText(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
