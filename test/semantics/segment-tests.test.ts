/**
 * Every condition kind and operator as `sfmc-kit test` cases: the expected members come from the oracle
 * (the documented meaning, test/semantics/oracle.ts); the kit compiles and runs them on the emulator.
 * This suite does not import the compiler.
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/definitions/load-project.ts';
import { runSegmentTests } from '../../src/segment-tests/index.ts';
import { CASES } from './cases.ts';
import { writeProject } from './project.ts';

describe('semantics: sfmc-kit test cases against the documented meaning', () => {
  it('every case gives the members the documentation promises', async () => {
    const { dir, cleanup } = writeProject(
      CASES.map((c) => ({ name: c.name, rules: c.rules, membership: 'dynamic' as const })),
      CASES,
    );
    try {
      const report = await runSegmentTests(await loadProject(dir));
      const wrong = report.cases
        .filter((c) => c.status !== 'pass')
        .map((c) => ({
          segment: c.segment,
          missing: c.missing,
          unexpected: c.unexpected,
          errors: c.errors.map((e) => e.message),
        }));
      expect(wrong).toEqual([]);
      expect(report.passed).toBe(CASES.length);
    } finally {
      cleanup();
    }
  }, 60_000);

  it('the oracle is not trivial: every case selects some contacts and leaves some out', () => {
    const total = 12;
    const degenerate = CASES.filter((c) => c.members.length === 0 || c.members.length === total).map(
      (c) => c.name,
    );
    expect(degenerate).toEqual([]);
  });
});
