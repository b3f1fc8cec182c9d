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
