import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectWithDiagnostics } from '../../src/definitions/load-project.ts';
import { formatDiagnostic } from '../../src/definitions/diagnostics.ts';
import { CONTACTS, GOOD_RULE, segmentYaml, smallProject } from './kit.ts';

// Issue 13 point 9: an alias bomb crashed the loader without naming the file; symlinked definition
// files (and loops / dangling links) were skipped in silence; a missing required key was a type
// mismatch at 1:1.
const load = async (dir: string) =>
  (await loadProjectWithDiagnostics(dir, { displayPath: (abs) => path.relative(dir, abs) })).diagnostics.map(
    formatDiagnostic,
  );

const BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
  .concat(
    ['b', 'c', 'd', 'e', 'f', 'g'].map(
      (k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`,
    ),
  )
  .join('\n');

describe('definition files that attack or confuse the loader', () => {
  it('a YAML alias bomb is refused, naming the file', async () => {
    const { dir } = smallProject({ 'data-extensions/Bomb.yaml': `${BOMB}\n` });
    const found = await load(dir);
    expect(found).toEqual([
      expect.stringMatching(/^data-extensions\/Bomb\.yaml:1:1 error \[yaml\] YAML aliases expand too far/),
    ]);
  });

  it('a symlinked definition file is followed; a dangling or looping link is reported', async () => {
    const { cwd, dir } = smallProject({ 'segments/women.yaml': '' });
    writeFileSync(path.join(cwd, 'women.yaml'), segmentYaml(GOOD_RULE));
    const seg = path.join(dir, 'segments');
    rmSync(path.join(seg, 'women.yaml'));
    symlinkSync(path.join(cwd, 'women.yaml'), path.join(seg, 'women.yaml'));
    const ok = await loadProjectWithDiagnostics(dir);
    expect(ok.diagnostics).toEqual([]);
    expect(ok.project.segments.map((s) => s.name)).toEqual(['women']);

    symlinkSync(path.join(cwd, 'gone.yaml'), path.join(seg, 'dangling.yaml'));
    symlinkSync('loop-b.yaml', path.join(seg, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', path.join(seg, 'loop-b.yaml'));
    expect(await load(dir)).toEqual([
      'segments/dangling.yaml:1:1 error [symlink] dangling.yaml is a dangling symlink (its target does not exist)',
      'segments/loop-a.yaml:1:1 error [symlink] loop-a.yaml is a symlink loop',
      'segments/loop-b.yaml:1:1 error [symlink] loop-b.yaml is a symlink loop',
    ]);
  });

  it('a missing required key is named, at the map that lacks it', async () => {
    const { dir } = smallProject({
      'segments/women.yaml': segmentYaml(GOOD_RULE).replace('membership: dynamic\n', ''),
      'data-extensions/Contacts.yaml': CONTACTS.replace('name: Contacts\n', ''),
    });
    const found = await load(dir);
    expect(found).toContainEqual(
      expect.stringMatching(
        /^segments\/women\.yaml:1:1 error \[schema\] membership is required \(expected one of/,
      ),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^data-extensions\/Contacts\.yaml:1:1 error \[schema\] name is required/),
    );
  });
});
