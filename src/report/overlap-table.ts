import { escapeHtml } from './escape.ts';
import type { ReportData } from './types.ts';

/**
 * The overlap heatmap as a table: cell (i, j) is the number of members segments i and j share; its
 * shade is that count against the smaller of the two segments (1 = one contains the other).
 */
export function overlapTable(data: ReportData): string {
  const { segments, shared } = data.overlaps;
  const head = segments
    .map((n, j) => `<th scope="col" class="col-name" data-col="${j}"><span>${escapeHtml(n)}</span></th>`)
    .join('');
  const body = segments
    .map((rowName, i) => {
      const cells = segments
        .map((colName, j) => {
          const n = shared[i][j];
          const a = shared[i][i];
          const b = shared[j][j];
          const ratio = n === null || !a || !b ? 0 : n / Math.min(a, b);
          const style =
            i === j
              ? ''
              : ` style="background:rgba(37,99,235,${(0.08 + ratio * 0.82).toFixed(3)});color:${ratio > 0.55 ? '#fff' : '#0f172a'}"`;
          const title =
            i === j ? `${rowName}: ${n ?? '—'} members` : `${rowName} ∩ ${colName}: ${n ?? '—'} shared`;
          return `<td class="${i === j ? 'diag' : 'cell'}" data-row="${i}" data-col="${j}" data-shared="${n ?? ''}" title="${escapeHtml(title)}"${style}>${n === null ? '—' : n}</td>`;
        })
        .join('');
      return `<tr><th scope="row" class="row-name" data-row="${i}">${escapeHtml(rowName)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<div class="scroll"><table class="overlap" id="overlap"><thead><tr><th></th>${head}</tr></thead><tbody>
${body}
</tbody></table></div>`;
}
