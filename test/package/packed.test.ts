/**
 * The kit as a user installs it: `npm pack` once (prepack builds dist/), install the tarball into a new
 * project outside the repository, use the CLI and the library from there. Slow (npm installs from the
 * registry, with npm's cache), so it packs once and runs every check on that one install.
 */
import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/run-cli.ts';

const MINUTE = 60_000;
let work: string;
let tarball: string;
let packedFiles: string[];
const consumer = () => path.join(work, 'consumer');
const scaffold = () => path.join(consumer(), 'my-segments');

/** npm scripts hand their child processes npm_* settings meant for the repo's own npm run; drop them. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || /^(SFMC|SF|PROD|DEV)_/.test(k) || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return env;
}

function run(cmd: string, args: string[], cwd: string, options: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: cleanEnv(), timeout: 5 * MINUTE, ...options });
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

function ok(cmd: string, args: string[], cwd: string) {
  const r = run(cmd, args, cwd);
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

const npm = (args: string[], cwd: string) =>
  ok('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], cwd);

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kit-package-'));
  const packed = ok('npm', ['pack', '--json', '--pack-destination', work], repoRoot);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  tarball = path.join(work, info.filename);
  packedFiles = info.files.map((f) => f.path);
  await import('node:fs/promises').then((fs) => fs.mkdir(consumer()));
  await writeFile(
    path.join(consumer(), 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  npm(['install', tarball], consumer());
}, 8 * MINUTE);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed kit', () => {
  it('holds the build, the bin and the schemas, and no tests, fixtures, sources or CI', () => {
    expect(packedFiles).toContain('dist/index.js');
    expect(packedFiles).toContain('dist/index.d.ts');
    expect(packedFiles).toContain('dist/testing/index.js');
    expect(packedFiles).toContain('dist/cli/commands/init.js');
    expect(packedFiles).toContain('bin/sfmc-kit.js');
    expect(packedFiles).toContain('schema/segment.schema.json');
    const stray = packedFiles.filter(
      (f) =>
        /^(test|src|scripts|definitions|docs|\.ci|\.github)\//.test(f) ||
        /\.test\.|(^|\/)(fixtures?|recorded)\/|vitest|tsconfig/i.test(f),
    );
    expect(stray).toEqual([]);
  });

  it('installs without nock: an optional peer dependency of sfmc-kit/testing only', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(consumer(), 'node_modules/sfmc-kit/package.json'), 'utf8'),
    );
    expect(manifest.dependencies.nock).toBeUndefined();
    expect(manifest.peerDependenciesMeta.nock.optional).toBe(true);
    expect(existsSync(path.join(consumer(), 'node_modules/nock'))).toBe(false);
  });

  it(
    'imports from a .mjs: createClient and runSync without nock, then mockSfmc answering the client',
    async () => {
      await writeFile(
        path.join(consumer(), 'plain.mjs'),
        `import { createClient, runSync, startEmulator } from 'sfmc-kit';
if (typeof createClient !== 'function' || typeof runSync !== 'function') throw new Error('missing exports');
const emu = await startEmulator({ port: 0 });
const client = createClient({ authBaseUrl: emu.urls.auth, ...emu.credentials });
await client.dataExtensions.create({ key: 'orders', name: 'orders', fields: [
  { name: 'SubscriberKey', type: 'Text', length: 254, isPrimaryKey: true, isRequired: true } ] });
await client.rows.upsert('orders', [{ SubscriberKey: 'a' }, { SubscriberKey: 'b' }]);
console.log('rows', await client.rows.count('orders'));
await emu.close();
`,
      );
      expect(ok(process.execPath, ['plain.mjs'], consumer()).stdout).toContain('rows 2');

      npm(['install', '-D', 'nock@^15'], consumer());
      await writeFile(
        path.join(consumer(), 'mocked.mjs'),
        `import { createClient } from 'sfmc-kit';
import { mockSfmc } from 'sfmc-kit/testing';
const sfmc = mockSfmc();
const client = createClient({ authBaseUrl: sfmc.authUrl, ...sfmc.credentials });
await client.dataExtensions.create({ key: 'leads', name: 'leads', fields: [
  { name: 'SubscriberKey', type: 'Text', length: 254, isPrimaryKey: true, isRequired: true } ] });
await client.rows.upsert('leads', [{ SubscriberKey: 'x' }]);
console.log('mocked rows', await client.rows.count('leads'));
sfmc.restore();
`,
      );
      expect(ok(process.execPath, ['mocked.mjs'], consumer()).stdout).toContain('mocked rows 1');
    },
    4 * MINUTE,
  );

  it(
    'type-checks a .ts consumer against the shipped declarations',
    async () => {
      await writeFile(
        path.join(consumer(), 'consumer.ts'),
        `import { createClient, runSync, type SyncSummary } from 'sfmc-kit';
import { mockSfmc, type MockSfmc } from 'sfmc-kit/testing';

const sfmc: MockSfmc = mockSfmc();
const client = createClient({ authBaseUrl: sfmc.authUrl, ...sfmc.credentials });
export const count: Promise<number> = client.rows.count('leads');
export const summary: (typeof runSync) extends (...a: never[]) => Promise<SyncSummary> ? true : false = true;
// The declarations are real types, not any: a wrong call is an error.
// @ts-expect-error createClient needs a configuration
createClient();
// @ts-expect-error count takes a data extension key, not a number
client.rows.count(42);
`,
      );
      await writeFile(
        path.join(consumer(), 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2023',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: ['node'],
            typeRoots: [path.join(repoRoot, 'node_modules/@types')],
          },
          files: ['consumer.ts'],
        }),
      );
      const r = run(
        process.execPath,
        [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', '.'],
        consumer(),
      );
      expect(`${r.stdout}${r.stderr}`).toBe('');
      expect(r.status).toBe(0);
    },
    2 * MINUTE,
  );

  it(
    'init scaffolds a project that installs and runs validate, test and plan --emulator (exit 2)',
    async () => {
      const init = ok('npx', ['--no', 'sfmc-kit', 'init', 'my-segments'], consumer());
      expect(init.stdout).toContain('created package.json');
      const manifest = JSON.parse(await readFile(path.join(scaffold(), 'package.json'), 'utf8'));
      // The kit is depended on the way the enclosing project installed it: here, the tarball.
      expect(manifest.devDependencies['sfmc-kit']).toBe(`file:../../${path.basename(tarball)}`);
      expect(manifest.devDependencies.node).toMatch(/^\^24/);
      npm(['install'], scaffold());
      expect(ok('npx', ['--no', 'sfmc-kit', 'validate'], scaffold()).stdout).toContain('0 errors');
      expect(ok('npm', ['test'], scaffold()).stdout).toContain('1 passed, 0 failed');
      const plan = run('npx', ['--no', 'sfmc-kit', 'plan', '--emulator'], scaffold());
      expect(plan.stderr).toBe('');
      expect(plan.stdout).toMatch(/Plan: \d+ to add/);
      expect(plan.status).toBe(2);
    },
    8 * MINUTE,
  );
});
