import { escapeHtml } from './escape.ts';
import type { ReportFunnel } from './types.ts';

const WIDTH = 720;
const ROW = 56;
const GAP = 8;
const LABEL = 190;
const COLORS = ['#1d4ed8', '#2563eb', '#3b82f6', '#60a5fa', '#93c5fd', '#bfdbfe'];

/**
 * A centred-bar funnel drawn from the stage counts: each bar's width is its count against the largest
 * stage; the label column shows stage, count and the share of the previous stage.
 */
export function funnelSvg(funnel: ReportFunnel): string {
  const counts = funnel.stages.map((s) => s.count ?? 0);
  const max = Math.max(1, ...counts);
  const barArea = WIDTH - LABEL - 20;
  const height = funnel.stages.length * (ROW + GAP);
  const rows = funnel.stages.map((stage, i) => {
    const y = i * (ROW + GAP);
    const w = stage.count ? Math.max(4, (stage.count / max) * barArea) : 0;
    const x = LABEL + (barArea - w) / 2;
    const prev = i > 0 ? funnel.stages[i - 1].count : null;
    const share =
      prev && stage.count !== null
        ? `${((stage.count / prev) * 100).toFixed(1)}% of ${funnel.stages[i - 1].name}`
        : '';
    const count = stage.count === null ? '—' : stage.count.toLocaleString('en-US');
    return `<g class="stage" data-stage="${escapeHtml(stage.name)}" data-count="${stage.count ?? ''}">
  <title>${escapeHtml(`${stage.name}: ${count}${stage.segment ? ` (segment ${stage.segment})` : ''}`)}</title>
  <text class="stage-name" x="0" y="${y + 22}">${escapeHtml(stage.name)}</text>
  <text class="stage-share" x="0" y="${y + 42}">${escapeHtml(share)}</text>
  <rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW}" rx="6" fill="${COLORS[i % COLORS.length]}"/>
  ${
    // A narrow bar cannot hold its number: write it beside the bar instead.
    w >= 64
      ? `<text class="stage-count" x="${LABEL + barArea / 2}" y="${y + ROW / 2 + 6}" text-anchor="middle">${escapeHtml(count)}</text>`
      : `<text class="stage-count outside" x="${(x + w + 8).toFixed(1)}" y="${y + ROW / 2 + 6}">${escapeHtml(count)}</text>`
  }
</g>`;
  });
  return `<svg class="funnel" role="img" aria-label="${escapeHtml(`Funnel ${funnel.label ?? funnel.name}`)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">
${rows.join('\n')}
</svg>`;
}
