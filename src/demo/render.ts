import type { DemoSummary } from './types.ts';

const num = (n: number): string => n.toLocaleString('en-US');

/** The segment table (segment, membership, form, size) and the closing stats line. */
export function renderDemoTable(summary: DemoSummary): string {
  const header = ['segment', 'membership', 'form', 'size'];
  const rows = summary.segments.map((s) => [s.name, s.membership, s.form, num(s.size)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
  const where = summary.target === 'emulator' ? 'emulator' : 'business unit';
  out.push(
    '',
    `${summary.segments.length} segments, ${summary.syncs.length} syncs, ${summary.deploy.applied} changes deployed · ${where}: ${num(summary.calls)} calls, ${summary.seconds.toFixed(1)} s`,
  );
  return out.join('\n');
}

/** What to run after the demo: the report it wrote, a running emulator with the same data, a project of one's own. */
export function renderNextSteps(summary: DemoSummary): string {
  const kit = 'npx sfmc-kit';
  const lines = ['', 'Next:'];
  if (summary.report)
    lines.push(`  open ${summary.report}   # this run's report: rules, SQL, sizes, overlaps, funnel`);
  if (summary.target === 'emulator') {
    lines.push(
      `  ${kit} emulator --synthetic   # terminal 1: an emulator holding this data; paste the .env lines it prints`,
      `  ${kit} plan; ${kit} deploy --yes; ${kit} sync; ${kit} status; ${kit} report   # terminal 2, against it`,
    );
  } else lines.push(`  ${kit} status   # each segment's size and last run in your business unit`);
  lines.push(`  ${kit} init my-segments   # a project of your own: definitions, tests, CI`);
  return lines.join('\n');
}
