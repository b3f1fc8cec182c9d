import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeProject } from '../definitions/fixture.ts';

const root = path.resolve(import.meta.dirname, '../..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/sfmc-kit.js'), ...args], { encoding: 'utf8', cwd: root });

describe('sfmc-kit validate / compile', () => {
  it('the examples validate: exit 0, warnings only; --strict fails on the warnings', () => {
    const ok = cli('validate', '--dir', 'definitions', '--json');
    expect(ok.status).toBe(0);
    const json = JSON.parse(ok.stdout);
    expect(json).toMatchObject({ ok: true, errors: 0, warnings: 2, segments: 47 });
    expect(json.diagnostics.map((d: { code: string; file: string }) => `${d.file} ${d.code}`)).toEqual([
      'definitions/segments/opened-promo-7-days.yaml opens-signal',
      'definitions/segments/re-engagement.yaml opens-signal',
    ]);
    expect(cli('validate', '--dir', 'definitions', '--strict').status).toBe(1);
  });

  it('errors name file:line:column and exit 1', async () => {
    const { dir, cleanup } = await writeProject({
      'segments/base.yaml':
        'name: base\nmembership: static\naudience: Contacts\nrules:\n  attribute: { field: Nope, equals: US }\n',
    });
    const r = cli('validate', '--dir', dir);
    await cleanup();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /segments\/base\.yaml:5:23 error \[unknown-field\] Contacts has no field "Nope"/,
    );
  });

  it('compile prints the form, the reason and the SQL', () => {
    const r = cli('compile', 'hard-bounced', '--dir', 'definitions');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('-- segment hard-bounced: query (');
    expect(r.stdout).toContain("AND b1.[BounceCategory] = 'Hard bounce'");
    const json = JSON.parse(
      cli('compile', 'geographic-us-west-urban', '--dir', 'definitions', '--json').stdout,
    );
    expect(json.form).toBe('filter');
    expect(json.filter.xml).toContain('<FilterDefinition');
  });

  it('compile of an unknown segment fails with a hint', () => {
    const r = cli('compile', 'nope', '--dir', 'definitions');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('unknown segment "nope"');
  });
});
