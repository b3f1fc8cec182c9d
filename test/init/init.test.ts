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
      'definitions/sfmc-kit.yaml',
      'definitions/data-extensions/Contacts.yaml',
      'definitions/segments/opted-in-us.yaml',
      'definitions/tests/opted-in-us.yaml',
      '.env.example',
      '.github/workflows/sfmc-kit.yml',
      '.gitignore',
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
      'SF_LOGIN_URL',
      'SF_CLIENT_ID',
      'SF_CLIENT_SECRET',
      'SF_USERNAME',
      'SF_PASSWORD',
      'SF_REFRESH_TOKEN',
      'SF_API_VERSION',
      'SF_AUTH',
      'SF_JWT_KEY_FILE',
    ]);
    expect((await readFile(path.join(dir, '.gitignore'), 'utf8')).split('\n')).toContain('.env');
    const workflow = parse(await readFile(path.join(dir, '.github/workflows/sfmc-kit.yml'), 'utf8'));
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const runs = workflow.jobs.segments.steps.flatMap((s: { run?: string }) => (s.run ? [s.run] : []));
    expect(runs).toEqual([
      'npm ci',
      'npx sfmc-kit validate',
      'npx sfmc-kit test',
      'npx sfmc-kit plan',
      'npx sfmc-kit plan --emulator',
    ]);
    expect(workflow.jobs.segments.env.SFMC_CLIENT_SECRET).toBe('${{ secrets.SFMC_CLIENT_SECRET }}');
  });

  it('refuses to overwrite an existing file without --force, naming it, and writes nothing', async () => {
    await writeFile(path.join(dir, '.gitignore'), 'dist/\n');
    const error = await scaffoldProject(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KitError);
    expect((error as KitError).code).toBe('USAGE');
    expect((error as KitError).message).toContain(path.join(dir, '.gitignore'));
    await expect(readFile(path.join(dir, 'definitions/sfmc-kit.yaml'))).rejects.toThrow(/ENOENT/);
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe('dist/\n');
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
