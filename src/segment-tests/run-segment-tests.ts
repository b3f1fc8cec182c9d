import path from 'node:path';
import { type CompiledSegment, compileProject } from '../compiler/index.ts';
import type { Diagnostic } from '../definitions/diagnostics.ts';
import { type Project, positionOf } from '../definitions/project.ts';
import type { SegmentTestDef } from '../definitions/schemas/segment-test.ts';
import { desiredFromProject } from '../deploy/from-project.ts';
import { KitError } from '../errors/index.ts';
import { createCaseState } from './case-state.ts';
import { compareMembers } from './compare.ts';
import { refreshSegment } from './refresh-segment.ts';
import { seedFixtures } from './seed-fixtures.ts';
import { membersOf, refreshOrder } from './segment-members.ts';
import type { CaseResult, TestReport } from './types.ts';

export interface RunSegmentTestsOptions {
  /** Only the tests of these segments; a named segment without tests is an error. */
  segments?: string[];
  /** GETDATE() for cases whose test file sets no `now`; default the real clock. */
  now?: () => Date;
}

/**
 * Runs segment tests: per case a fresh in-memory emulator with the project's data extensions and
 * segment targets, the fixture rows written by the emulator's row rules, the clock at the case's `now`,
 * the segments it depends on refreshed first, then the segment itself; its members against the expectation.
 */
export async function runSegmentTests(
  project: Project,
  options: RunSegmentTestsOptions = {},
): Promise<TestReport> {
  const started = performance.now();
  const tests = selectTests(project, options.segments);
  const compiled = compileProject(project);
  const bySegment = new Map(compiled.segments.map((s) => [s.name, s]));
  const dataExtensions = desiredFromProject(project, compiled).dataExtensions;
  const keyByName = new Map(dataExtensions.map((d) => [d.name.toLowerCase(), d.key]));
  const keyOfName = (name: string) => keyByName.get(name.toLowerCase());
  // A case's emulator holds the declared data extensions and the targets of the segments it refreshes
  // (plus any target its fixtures name), not every segment's target: a project of many segments would
  // otherwise create them all for every case.
  const targetKeys = new Set(compiled.segments.map((s) => s.targetKey));
  const tablesFor = (chain: CompiledSegment[], given: Record<string, unknown>) => {
    const wanted = new Set([
      ...chain.map((s) => s.targetKey),
      ...Object.keys(given).flatMap((n) => keyOfName(n) ?? []),
    ]);
    return dataExtensions.filter((d) => !targetKeys.has(d.key) || wanted.has(d.key));
  };

  const cases: CaseResult[] = [];
  for (const test of tests) {
    const seg = bySegment.get(test.segment);
    const chain = seg ? refreshOrder(seg, bySegment, compiled.segments) : undefined;
    test.cases.forEach((c, index) => {
      const caseStarted = performance.now();
      const now = parseNow(c.now ?? test.now) ?? options.now?.() ?? new Date();
      const result: CaseResult = {
        segment: test.segment,
        case: c.name,
        status: 'error',
        location: positionOf(project, test, ['cases', index]),
        now: now.toISOString(),
        expected: { ...c.expect },
        missing: [],
        unexpected: [],
        errors: [],
        durationMs: 0,
      };
      if (!seg || !chain) {
        result.errors.push(...notCompiled(project, test, compiled.diagnostics));
      } else {
        runCase(result, seg, chain, () => {
          const state = createCaseState(tablesFor(chain, c.given), now);
          return {
            state,
            fixtureErrors: seedFixtures(state, project, test, index, c.given, keyOfName),
          };
        });
      }
      result.durationMs = Math.round((performance.now() - caseStarted) * 100) / 100;
      cases.push(result);
    });
  }
  const passed = cases.filter((c) => c.status === 'pass').length;
  return {
    ok: passed === cases.length,
    passed,
    failed: cases.length - passed,
    errored: cases.filter((c) => c.status === 'error').length,
    segments: [...new Set(tests.map((t) => t.segment))],
    cases,
    durationMs: Math.round(performance.now() - started),
  };
}

function runCase(
  result: CaseResult,
  seg: CompiledSegment,
  chain: CompiledSegment[],
  open: () => {
    state: ReturnType<typeof createCaseState>;
    fixtureErrors: CaseResult['errors'];
  },
): void {
  const { state, fixtureErrors } = open();
  try {
    if (fixtureErrors.length) {
      result.errors.push(...fixtureErrors);
      return;
    }
    for (const s of chain) {
      try {
        refreshSegment(state, s);
      } catch (e) {
        const which = s === seg ? `segment ${s.name}` : `dependency ${s.name} of ${seg.name}`;
        result.errors.push({
          ...result.location,
          message: `${which} failed to run: ${(e as Error).message}`,
        });
        return;
      }
    }
    const members = membersOf(state, seg);
    const cmp = compareMembers(members, result.expected);
    result.actual = { members, size: members.length };
    result.missing = cmp.missing;
    result.unexpected = cmp.unexpected;
    if (cmp.countMismatch) result.countMismatch = cmp.countMismatch;
    result.status = cmp.pass ? 'pass' : 'fail';
  } finally {
    state.close();
  }
}

function selectTests(project: Project, segments: string[] | undefined): SegmentTestDef[] {
  if (!segments?.length) return project.tests;
  for (const name of segments) {
    if (project.tests.some((t) => t.segment === name)) continue;
    const known = project.segments.some((s) => s.name === name);
    throw new KitError('NOT_FOUND', known ? `segment "${name}" has no tests` : `unknown segment "${name}"`, {
      hint: known
        ? `add a file under ${path.basename(project.dir)}/tests/ with "segment: ${name}"`
        : `segments with tests: ${[...new Set(project.tests.map((t) => t.segment))].join(', ') || 'none'}`,
    });
  }
  return project.tests.filter((t) => segments.includes(t.segment));
}

/** A test whose segment (or a segment it reads) is unknown or does not compile. */
function notCompiled(
  project: Project,
  test: SegmentTestDef,
  diagnostics: Diagnostic[],
): CaseResult['errors'] {
  const where = positionOf(project, test, ['segment']);
  const seg = project.segments.find((s) => s.name === test.segment);
  if (!seg) return [{ ...where, message: `no segment named "${test.segment}"` }];
  const file = project.sourceOf(seg)?.file;
  const own = diagnostics.filter((d) => d.severity === 'error' && d.file === file);
  if (own.length)
    return own.map((d) => ({ file: d.file, line: d.line, column: d.column, message: d.message }));
  return [{ ...where, message: `segment "${test.segment}" or a segment it reads does not compile` }];
}

/** Test files may write `now` without a zone; like the emulator's dates, that means UTC. */
function parseNow(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`);
}
