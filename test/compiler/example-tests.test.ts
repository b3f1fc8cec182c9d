import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/definitions/load-project.ts';
import { runSegmentTests } from '../../src/segment-tests/index.ts';

// Runs every segment test under definitions/tests through the product's runner: fixture rows in, exact members out.
const project = await loadProject(new URL('../../definitions', import.meta.url).pathname, { env: 'prod' });
const report = await runSegmentTests(project);

describe('example segment tests (definitions/tests) run in the emulator', () => {
  it('there is a test file for most examples, and every case ran', () => {
    expect(project.tests.length).toBeGreaterThanOrEqual(30);
    expect(report.cases).toHaveLength(project.tests.reduce((n, t) => n + t.cases.length, 0));
  });

  for (const file of project.tests) {
    for (const c of file.cases) {
      it(`${file.segment}: ${c.name}`, () => {
        const r = report.cases.find((x) => x.segment === file.segment && x.case === c.name);
        expect(r?.errors).toEqual([]);
        expect(r?.status).toBe('pass');
        // Checked here too, not only by the runner's own comparison.
        if (c.expect.members) expect(r?.actual?.members).toEqual([...c.expect.members].sort());
        if (typeof c.expect.count === 'number') expect(r?.actual?.members).toHaveLength(c.expect.count);
      });
    }
  }
});
