import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/definitions/load-project.ts';
import { KitError } from '../../src/errors/index.ts';
import { renderTestReport, runSegmentTests } from '../../src/segment-tests/index.ts';
import { copyExamples, hardBouncedTest } from './copy-examples.ts';

const examples = await loadProject(path.resolve(import.meta.dirname, '../../definitions'));
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function runCopy(replace: Record<string, string>, segments?: string[]) {
  const copy = await copyExamples(replace);
  cleanup = copy.cleanup;
  const project = await loadProject(copy.dir, { displayPath: (abs) => path.relative(copy.root, abs) });
  return runSegmentTests(project, { segments });
}

describe('runSegmentTests', () => {
  it('every example test passes, each case with its actual members', async () => {
    const report = await runSegmentTests(examples);
    const total = examples.tests.reduce((n, t) => n + t.cases.length, 0);
    expect(report).toMatchObject({ ok: true, passed: total, failed: 0, errored: 0 });
    expect(report.segments).toHaveLength(examples.tests.length);
    const hard = report.cases.find((c) => c.segment === 'hard-bounced')!;
    expect(hard).toMatchObject({
      status: 'pass',
      now: '2024-06-15T12:00:00.000Z',
      expected: { members: ['a'] },
      actual: { members: ['a'], size: 1 },
      missing: [],
      unexpected: [],
      errors: [],
    });
    expect(hard.location.file).toMatch(/definitions\/tests\/hard-bounced\.yaml$/);
    expect(hard.location.line).toBe(5);
    // The filter-form example runs through the emulator's filter activity, not the SQL.
    const geo = report.cases.find((c) => c.segment === 'geographic-us-west-urban')!;
    expect(geo.status).toBe('pass');
    expect(geo.actual!.size).toBeGreaterThan(0);
  });

  it('runs only the named segments', async () => {
    const report = await runSegmentTests(examples, { segments: ['hard-bounced', 'complained'] });
    expect(report.segments.sort()).toEqual(['complained', 'hard-bounced']);
    expect(report.cases.map((c) => c.segment).sort()).toEqual(['complained', 'hard-bounced']);
  });

  it('a named segment without tests, or unknown, is an error', async () => {
    const noTests = runSegmentTests(examples, { segments: ['suppressed'] });
    await expect(noTests).rejects.toBeInstanceOf(KitError);
    await expect(noTests).rejects.toThrow('segment "suppressed" has no tests');
    await expect(runSegmentTests(examples, { segments: ['nope'] })).rejects.toThrow('unknown segment "nope"');
  });

  it('a wrong expectation fails with the missing and unexpected members', async () => {
    const report = await runSegmentTests(
      (await loadCopy({ 'tests/hard-bounced.yaml': hardBouncedTest('      members: ["a", "zed"]') })).project,
    );
    const c = report.cases.find((x) => x.segment === 'hard-bounced')!;
    expect(c).toMatchObject({
      status: 'fail',
      expected: { members: ['a', 'zed'] },
      actual: { members: ['a'], size: 1 },
      missing: ['zed'],
      unexpected: [],
    });
    expect(report).toMatchObject({ ok: false, failed: 1, errored: 0 });
    const text = renderTestReport(report);
    expect(text).toContain('✗ hard-bounced › hard bounces only');
    expect(text).toContain('expected 2 members, got 1');
    expect(text).toContain('- missing    zed');
    expect(text).toMatch(/\n\d+ passed, 1 failed — /);
  });

  it('a member the expectation leaves out is unexpected', async () => {
    const report = await runCopy({ 'tests/hard-bounced.yaml': hardBouncedTest('      members: ["b"]') }, [
      'hard-bounced',
    ]);
    expect(report.cases[0]).toMatchObject({ status: 'fail', missing: ['b'], unexpected: ['a'] });
    expect(renderTestReport(report)).toContain('+ unexpected a');
  });

  it('bounded counts pass inside the bounds and fail outside them', async () => {
    const inside = await runCopy(
      { 'tests/hard-bounced.yaml': hardBouncedTest('      count: { min: 1, max: 2 }') },
      ['hard-bounced'],
    );
    expect(inside.cases[0].status).toBe('pass');
    await cleanup?.();
    const outside = await runCopy({ 'tests/hard-bounced.yaml': hardBouncedTest('      count: { min: 2 }') }, [
      'hard-bounced',
    ]);
    expect(outside.cases[0]).toMatchObject({
      status: 'fail',
      countMismatch: 'expected at least 2 members, got 1',
      actual: { members: ['a'] },
    });
  });

  it('a fixture row breaking a data extension rule is reported with its file and line, and nothing runs', async () => {
    const bad =
      '\n        - {"SubscriberKey": "c", "EmailAddress": "not-an-email", "CreatedDate": "2023-01-01"}';
    const report = await runCopy(
      { 'tests/hard-bounced.yaml': hardBouncedTest('      members: ["a"]', bad) },
      ['hard-bounced'],
    );
    const c = report.cases[0];
    expect(c.status).toBe('error');
    expect(c.actual).toBeUndefined();
    expect(c.errors).toEqual([
      {
        file: 'definitions/tests/hard-bounced.yaml',
        line: 9,
        column: 34,
        table: 'Contacts',
        row: 2,
        message: expect.stringContaining(
          'EmailAddress: The value for column [EmailAddress] is not a valid email',
        ),
      },
    ]);
    expect(report).toMatchObject({ ok: false, failed: 1, errored: 1 });
    expect(renderTestReport(report)).toContain('definitions/tests/hard-bounced.yaml:9:34 EmailAddress:');
  });

  it('too long a key, an unknown column and an unknown table are fixture errors too', async () => {
    const rows =
      '\n        - {"SubscriberKey": "0123456789abcdefghij", "EmailAddress": "c@example.com", "CreatedDate": "2023-01-01"}' +
      '\n        - {"SubscriberKey": "d", "EmailAddress": "d@example.com", "CreatedDate": "2023-01-01", "Shoe": 42}' +
      '\n      Nowhere:\n        - {"X": 1}';
    const report = await runCopy(
      { 'tests/hard-bounced.yaml': hardBouncedTest('      members: ["a"]', rows) },
      ['hard-bounced'],
    );
    const errors = report.cases[0].errors.map((e) => `${e.line} ${e.message}`);
    expect(errors).toEqual([
      '9 SubscriberKey: The value for column [SubscriberKey] is too long. The maximum length is 18.',
      '10 Shoe: The column [Shoe] does not exist in the data extension.',
      '11 no data extension or data view named "Nowhere" in this project',
    ]);
  });
  it("the clock is the case's now (a zone-less now is UTC); without one, the injected clock", async () => {
    const joined = (now: string) => `segment: joined-last-7-days
${now}cases:
  - name: "joined this week"
    given:
      Contacts:
        - {"SubscriberKey": "a", "EmailAddress": "a@example.com", "CreatedDate": "2024-06-09 00:00:00"}
        - {"SubscriberKey": "c", "EmailAddress": "c@example.com", "CreatedDate": "2024-06-15 08:00:00"}
    expect:
      members: ["a", "c"]
`;
    const later = await runCopy({ 'tests/joined-last-7-days.yaml': joined('now: "2024-06-17T12:00:00"\n') }, [
      'joined-last-7-days',
    ]);
    expect(later.cases[0]).toMatchObject({ now: '2024-06-17T12:00:00.000Z', missing: ['a'], unexpected: [] });
    await cleanup?.();
    const copy = await loadCopy({ 'tests/joined-last-7-days.yaml': joined('') });
    const injected = await runSegmentTests(copy.project, {
      segments: ['joined-last-7-days'],
      now: () => new Date('2024-06-16T00:00:00Z'),
    });
    expect(injected.cases[0]).toMatchObject({ status: 'pass', now: '2024-06-16T00:00:00.000Z' });
  });

  it('a segment that does not compile makes its cases errors pointing at the segment file', async () => {
    const report = await runCopy(
      {
        'segments/hard-bounced.yaml':
          'name: hard-bounced\nmembership: static\naudience: Contacts\nrules:\n  attribute: { field: Nope, equals: US }\n',
      },
      ['hard-bounced'],
    );
    expect(report.cases[0].status).toBe('error');
    expect(report.cases[0].errors).toEqual([
      expect.objectContaining({
        file: 'definitions/segments/hard-bounced.yaml',
        line: 5,
        message: expect.stringContaining('Contacts has no field "Nope"'),
      }),
    ]);
  });
});

async function loadCopy(replace: Record<string, string>) {
  const copy = await copyExamples(replace);
  cleanup = copy.cleanup;
  return { project: await loadProject(copy.dir, { displayPath: (abs) => path.relative(copy.root, abs) }) };
}
