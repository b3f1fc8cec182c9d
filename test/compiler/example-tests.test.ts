import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/definitions/load-project.ts';
import { emulate } from './emulated.ts';

// Runs every segment test under definitions/tests in the emulator: fixture rows in, exact members out.
const project = await loadProject(new URL('../../definitions', import.meta.url).pathname, { env: 'prod' });

describe('example segment tests (definitions/tests) run in the emulator', () => {
  it('there is a test file for most examples', () => {
    expect(project.tests.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of project.tests) {
    for (const c of file.cases) {
      it(`${file.segment}: ${c.name}`, () => {
        const now = new Date(c.now ?? file.now ?? '2024-06-15T12:00:00Z');
        const e = emulate(project, now);
        for (const [table, rows] of Object.entries(c.given)) {
          e.insert(
            table,
            rows.map((r) =>
              Object.fromEntries(
                Object.entries(r).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]),
              ),
            ),
          );
        }
        const members = e.members(file.segment);
        if (c.expect.members) expect(members).toEqual([...c.expect.members].sort());
        if (typeof c.expect.count === 'number') expect(members).toHaveLength(c.expect.count);
      });
    }
  }
});
