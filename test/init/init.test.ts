import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileProject } from '../../src/compiler/index.ts';
import { loadProjectWithDiagnostics } from '../../src/definitions/index.ts';
import { KitError } from '../../src/errors/index.ts';
import { scaffoldProject } from '../../src/init/index.ts';
import { lintProject } from '../../src/lint/index.ts';
import { emulate } from '../compiler/emulated.ts';
import { repoRoot } from '../support/run-cli.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kit-init-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sfmc-kit init', () => {
  it('scaffolds definitions that load, compile and lint with no diagnostics', async () => {
    const result = await scaffoldProject(dir, { name: 'Shop "Nord"' });
    expect(result.written).toEqual([
      'package.json',
      'definitions/sfmc-kit.yaml',
      'definitions/data-extensions/Contacts.yaml',
      'definitions/segments/opted-in-us.yaml',
      'definitions/tests/opted-in-us.yaml',
      '.env.example',
      '.github/workflows/sfmc-kit.yml',
      '.gitignore',
      'README.md',
    ]);
    const { project, diagnostics } = await loadProjectWithDiagnostics(path.join(dir, 'definitions'));
    expect(diagnostics).toEqual([]);
    expect(project.config.name).toBe('Shop "Nord"');
    expect(project.segments.map((s) => s.name)).toEqual(['opted-in-us']);
    expect(project.tests.map((t) => t.segment)).toEqual(['opted-in-us']);
    const compiled = compileProject(project);
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.segments[0].sql).toContain('[HasOptedIn]');
    expect(lintProject(project)).toEqual([]);
  });

  it('ships a starter segment test whose expectations hold when the segment runs', async () => {
    await scaffoldProject(dir);
    const { project } = await loadProjectWithDiagnostics(path.join(dir, 'definitions'));
    const test = project.tests[0];
    for (const c of test.cases) {
      const emu = emulate(project, new Date(`${c.now ?? test.now}Z`));
      // The emulator stores Boolean fields as 1 / 0, as SFMC reads them in SQL.
      for (const [table, rows] of Object.entries(c.given)) {
        emu.insert(
          table,
          rows.map((r) =>
            Object.fromEntries(
              Object.entries(r).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]),
            ),
          ),
        );
      }
      const members = emu.members(test.segment);
      expect(members).toEqual(c.expect.members);
      expect(members.length).toBe(c.expect.count);
    }
  });

  it('writes .env.example, a .gitignore with .env and a pull-request workflow running validate, test and plan', async () => {
    await scaffoldProject(dir);
    const env = await readFile(path.join(dir, '.env.example'), 'utf8');
    const names = env
      .split('\n')
      .filter((l) => /^[A-Z_]+=$/.test(l))
      .map((l) => l.slice(0, -1));
    expect(names).toEqual([
      'SFMC_AUTH_URL',
      'SFMC_SUBDOMAIN',
      'SFMC_CLIENT_ID',
      'SFMC_CLIENT_SECRET',
      'SFMC_ACCOUNT_ID',
      'SFMC_SCOPE',
      'SFMC_HTTP_DEADLINE_SEC',
      'SF_LOGIN_URL',
      'SF_CLIENT_ID',
      'SF_CLIENT_SECRET',
      'SF_USERNAME',
      'SF_PASSWORD',
      'SF_REFRESH_TOKEN',
      'SF_API_VERSION',
      'SF_AUTH',
      'SF_JWT_KEY_FILE',
      'SF_HTTP_DEADLINE_SEC',
    ]);
    expect((await readFile(path.join(dir, '.gitignore'), 'utf8')).split('\n')).toContain('.env');
    const workflow = parse(await readFile(path.join(dir, '.github/workflows/sfmc-kit.yml'), 'utf8'));
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push']);
    const runs = workflow.jobs.segments.steps.flatMap((s: { run?: string }) => (s.run ? [s.run] : []));
    expect(runs).toEqual([
      'if [ -f package-lock.json ]; then npm ci; else npm install; fi',
      'npx sfmc-kit validate',
      'npx sfmc-kit test',
      'npx sfmc-kit plan || [ $? -eq 2 ]',
      'npx sfmc-kit plan --emulator || [ $? -eq 2 ]',
    ]);
    expect(workflow.jobs.segments.steps[1].with['node-version']).toBe(24);
    expect(workflow.jobs.segments.env.SFMC_CLIENT_SECRET).toBe('${{ secrets.SFMC_CLIENT_SECRET }}');
  });

  it('refuses to overwrite an existing starter file without --force, naming it, and writes nothing', async () => {
    await writeFile(path.join(dir, '.env.example'), 'MINE=1\n');
    const error = await scaffoldProject(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KitError);
    expect((error as KitError).code).toBe('USAGE');
    expect((error as KitError).message).toContain(path.join(dir, '.env.example'));
    await expect(readFile(path.join(dir, 'definitions/sfmc-kit.yaml'))).rejects.toThrow(/ENOENT/);
    await expect(readFile(path.join(dir, 'package.json'))).rejects.toThrow(/ENOENT/);
    expect(await readFile(path.join(dir, '.env.example'), 'utf8')).toBe('MINE=1\n');
  });

  it('writes a package.json: sfmc-kit and node 24 as devDependencies, scripts, engines', async () => {
    const kit = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
    await scaffoldProject(path.join(dir, 'My Segments!'));
    const manifest = JSON.parse(await readFile(path.join(dir, 'My Segments!/package.json'), 'utf8'));
    expect(manifest).toEqual({
      name: 'my-segments',
      private: true,
      description: expect.any(String),
      type: 'module',
      scripts: {
        validate: 'sfmc-kit validate',
        test: 'sfmc-kit test',
        plan: 'sfmc-kit plan',
        deploy: 'sfmc-kit deploy',
      },
      engines: { node: kit.engines.node },
      devDependencies: { node: '^24', 'sfmc-kit': `^${kit.version}` },
    });
    // The Node the project installs is the one the repository develops on.
    expect(kit.devDependencies.node).toMatch(/^\^24\./);
    const readme = await readFile(path.join(dir, 'My Segments!/README.md'), 'utf8');
    expect(readme).toContain('# My Segments!');
    expect(readme).toContain('npx sfmc-kit plan --emulator');
  });

  it('depends on sfmc-kit as the enclosing project does, a file: spec rewritten for the new directory', async () => {
    await writeFile(
      path.join(dir, 'package.json'),
      JSON.stringify({ devDependencies: { 'sfmc-kit': 'file:vendor/sfmc-kit-0.1.0.tgz' } }),
    );
    await scaffoldProject(path.join(dir, 'apps/segments'));
    const manifest = JSON.parse(await readFile(path.join(dir, 'apps/segments/package.json'), 'utf8'));
    expect(manifest.devDependencies['sfmc-kit']).toBe('file:../../vendor/sfmc-kit-0.1.0.tgz');
  });

  it('adds to an existing package.json and .gitignore only what they lack, and keeps a README', async () => {
    const mine = {
      name: 'mine',
      scripts: { test: 'vitest' },
      dependencies: { 'sfmc-kit': 'file:kit.tgz' },
      devDependencies: { typescript: '^5' },
    };
    await writeFile(path.join(dir, 'package.json'), JSON.stringify(mine));
    await writeFile(path.join(dir, '.gitignore'), 'dist/\n.env\n');
    await writeFile(path.join(dir, 'README.md'), '# mine\n');
    const result = await scaffoldProject(dir);
    expect(result.updated).toEqual(['package.json', '.gitignore']);
    expect(result.kept).toEqual(['README.md']);
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('mine');
    expect(manifest.type).toBeUndefined();
    expect(manifest.scripts).toEqual({
      test: 'vitest',
      validate: 'sfmc-kit validate',
      plan: 'sfmc-kit plan',
      deploy: 'sfmc-kit deploy',
    });
    expect(manifest.dependencies).toEqual({ 'sfmc-kit': 'file:kit.tgz' });
    expect(manifest.devDependencies).toEqual({ typescript: '^5', node: '^24' });
    const gitignore = await readFile(path.join(dir, '.gitignore'), 'utf8');
    expect(gitignore.startsWith('dist/\n.env\n')).toBe(true);
    expect(gitignore.split('\n').filter((l) => l === '.env')).toHaveLength(1);
    expect(gitignore).toContain('node_modules/');
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toBe('# mine\n');
  });

  it("replaces npm init's placeholder test script with the segment tests", async () => {
    const placeholder = 'echo "Error: no test specified" && exit 1';
    await writeFile(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'x', scripts: { test: placeholder } }),
    );
    await scaffoldProject(dir);
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    expect(manifest.scripts.test).toBe('sfmc-kit test');
  });

  it('refuses a package.json that is not JSON, before writing anything', async () => {
    await writeFile(path.join(dir, 'package.json'), '{ nope');
    await expect(scaffoldProject(dir)).rejects.toThrow(/package\.json is not valid JSON/);
    await expect(readFile(path.join(dir, 'definitions/sfmc-kit.yaml'))).rejects.toThrow(/ENOENT/);
  });

  it('fails on a second run naming the first existing file, and overwrites with force', async () => {
    await scaffoldProject(dir);
    await writeFile(path.join(dir, 'definitions/sfmc-kit.yaml'), 'name: edited\n');
    await expect(scaffoldProject(dir)).rejects.toThrow(
      `${path.join(dir, 'definitions/sfmc-kit.yaml')} already exists`,
    );
    await scaffoldProject(dir, { force: true });
    expect(await readFile(path.join(dir, 'definitions/sfmc-kit.yaml'), 'utf8')).toContain('keyPrefix: kit_');
  });
});
