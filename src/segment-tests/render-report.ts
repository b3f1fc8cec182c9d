import { describeCount } from './compare.ts';
import type { CaseResult, TestReport } from './types.ts';

const MARK = { pass: '✓', fail: '✗', error: '✗' } as const;
/** Long member lists are cut: the first lines tell what went wrong. */
const MAX_LISTED = 20;

/** The human view of a test report: one line per case, a diff under each failure, a summary line. */
export function renderTestReport(report: TestReport): string {
  const lines: string[] = [];
  for (const c of report.cases) {
    lines.push(`${MARK[c.status]} ${c.segment} › ${c.case} (${formatMs(c.durationMs)})`);
    if (c.status !== 'pass') lines.push(...details(c).map((l) => `    ${l}`));
  }
  const errored = report.errored ? ` (${report.errored} could not run)` : '';
  lines.push(
    '',
    `${report.passed} passed, ${report.failed} failed${errored} — ${report.segments.length} segment${report.segments.length === 1 ? '' : 's'}, ${formatMs(report.durationMs)}`,
  );
  return lines.join('\n');
}

function details(c: CaseResult): string[] {
  const at = `${c.location.file}:${c.location.line}`;
  if (c.status === 'error') {
    return [
      `at ${at}`,
      ...c.errors.map((e) => (e.file ? `${e.file}:${e.line}:${e.column} ${e.message}` : e.message)),
    ];
  }
  const out = [`at ${at} (now ${c.now})`];
  const size = c.actual?.size ?? 0;
  if (c.expected.members) out.push(`expected ${c.expected.members.length} members, got ${size}`);
  if (c.countMismatch) out.push(`${c.countMismatch} (count: ${describeCount(c.expected.count!)})`);
  out.push(...listed('- missing   ', c.missing), ...listed('+ unexpected', c.unexpected));
  if (!c.expected.members && c.actual) out.push(...listed('  actual    ', c.actual.members));
  return out;
}

function listed(label: string, members: string[]): string[] {
  if (!members.length) return [];
  const shown = members.slice(0, MAX_LISTED).map((m) => `${label} ${m}`);
  if (members.length > MAX_LISTED) shown.push(`${label} … and ${members.length - MAX_LISTED} more`);
  return shown;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
