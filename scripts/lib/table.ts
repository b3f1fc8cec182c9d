export interface TableRow {
  figure: string;
  value: number;
  unit: string;
  against?: { label: string; value: number; unit: string };
  rssMb?: number;
  /** Whose RSS it is, when not the whole benchmark's largest process. */
  rssNote?: string;
  /** A few words more (calls, CPU time), shown in the README's table. */
  note?: string;
}

const fmt = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(2));

/** A plain-text table: figure | value | ceiling or baseline | ratio | peak RSS. */
export function renderTable(rows: TableRow[]): string {
  const cells = rows.map((r) => [
    r.figure,
    `${fmt(r.value)} ${r.unit}`,
    r.against ? `${r.against.label}: ${fmt(r.against.value)} ${r.against.unit}` : '',
    r.against && r.against.unit === r.unit && r.against.value
      ? r.unit === 's' || /ceiling/.test(r.against.label)
        ? `${((r.value / r.against.value) * 100).toFixed(1)}% of it`
        : `${(r.value / r.against.value).toFixed(r.value / r.against.value < 1 ? 3 : 1)}×`
      : '',
    r.rssMb === undefined ? '?' : `${r.rssMb} MB${r.rssNote ? ` (${r.rssNote})` : ''}`,
  ]);
  const head = ['figure', 'value', 'ceiling / baseline (same run)', 'ratio', 'peak RSS'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i])).join(' │ ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...cells.map(line)].join('\n');
}
