import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject, compileSegment } from '../../src/compiler/index.ts';
import { DefinitionErrors } from '../../src/definitions/errors.ts';
import { loadProject } from '../../src/definitions/load-project.ts';
import { writeProject } from '../definitions/fixture.ts';

const root = path.resolve(import.meta.dirname, '../..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/sfmc-kit.js'), ...args], { encoding: 'utf8', cwd: root });

const seg = (name: string, rules: string) =>
  `name: ${name}\nmembership: static\naudience: Contacts\nrules:\n  all:\n${rules}`;

/** a → b → a, c → a (depends on the cycle, is not in it), d on its own. */
const FILES = {
  'segments/a.yaml': seg('a', '    - attribute: { field: Country, equals: US }\n    - inSegment: b\n'),
  'segments/b.yaml': seg('b', '    - notInSegment: a\n'),
  'segments/c.yaml': seg('c', '    - inSegment: a\n'),
};

describe('segment cycles', () => {
  it('compileSegment refuses a segment in a cycle, naming file:line:column of its reference', async () => {
    const { dir, cleanup } = await writeProject(FILES);
    const project = await loadProject(dir);
    await cleanup();
    let thrown: unknown;
    try {
      compileSegment(project, 'a');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DefinitionErrors);
    const errors = (thrown as DefinitionErrors).errors;
    expect(errors.map((e) => [path.basename(e.file), e.line, e.column])).toEqual([['a.yaml', 7, 18]]);
    expect(errors[0].message).toMatch(
      /a\.yaml:7:18: segments refer to each other in a cycle: a → b → a \[segment-cycle\]$/,
    );
    expect(() => compileSegment(project, 'b')).toThrow(
      /b\.yaml:6:21 error \[segment-cycle\] segments refer to each other in a cycle: b → a → b/,
    );
    // Same verdicts as the whole-project compile: c reads a cycle member but is not in one.
    expect(compileSegment(project, 'c').dependsOn).toEqual(['a']);
    const whole = compileProject(project);
    expect(whole.segments.map((s) => s.name).sort()).toEqual(['base', 'c']);
    expect(whole.diagnostics.map((d) => `${path.basename(d.file)}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'a.yaml:7:18 segment-cycle',
      'b.yaml:6:21 segment-cycle',
    ]);
  });

  it('`sfmc-kit compile` exits 1 for a segment in a cycle, like validate', async () => {
    const { dir, cleanup } = await writeProject(FILES);
    const compiled = cli('compile', 'a', '--dir', dir);
    const validated = cli('validate', '--dir', dir);
    await cleanup();
    expect(validated.status).toBe(1);
    expect(compiled.status).toBe(1);
    expect(compiled.stdout).toBe('');
    expect(compiled.stderr).toMatch(
      /segments\/a\.yaml:7:18 error \[segment-cycle\] segments refer to each other in a cycle: a → b → a/,
    );
  });
});
