import { escapeHtml as h, jsonForScript } from './escape.ts';
import { funnelSvg } from './funnel-svg.ts';
import { overlapTable } from './overlap-table.ts';
import { REPORT_CSS, REPORT_JS } from './page-assets.ts';
import { TRENDS_CSS, trendsSection } from './trends-section.ts';
import type { ReportData, ReportSegment } from './types.ts';

/** ReportData → one self-contained HTML page (inline CSS, script and SVG; every value escaped). */
export function renderReport(data: ReportData): string {
  const title = `Segment report — ${data.project}${data.env ? ` (${data.env})` : ''}`;
  const sized = data.segments.filter((s) => s.size !== null);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${h(title)}</title>
<style>${REPORT_CSS}${data.trends ? TRENDS_CSS : ''}</style>
</head>
<body>
<header>
<h1>${h(title)}</h1>
<p>${data.segments.length} segments, ${sized.length} with a known size · generated ${h(data.generatedAt)}</p>
</header>
<main>
<section class="block" id="sizes">
<h2>Segment sizes</h2>
<p><input type="search" id="search" placeholder="Filter segments by name" aria-label="Filter segments by name"></p>
${summaryTable(data.segments)}
</section>
${data.trends ? trendsSection(data.trends) : ''}
${data.funnels.map((f) => `<section class="block funnel-block" data-funnel="${h(f.name)}">\n<h2>Funnel: ${h(f.label ?? f.name)}</h2>\n${funnelSvg(f)}\n</section>`).join('\n')}
<section class="block" id="overlaps">
<h2>Overlaps</h2>
<p class="meta">Members two segments share; the diagonal is each segment's size. Darker means more of the smaller segment is shared.</p>
${overlapTable(data)}
</section>
<section class="block" id="segments">
<h2>Segments</h2>
${data.segments.map(segmentDetail).join('\n')}
</section>
</main>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${REPORT_JS}</script>
</body>
</html>
`;
}

function summaryTable(segments: ReportSegment[]): string {
  const max = Math.max(1, ...segments.map((s) => s.size ?? 0));
  const rows = segments.map((s, i) => {
    const size =
      s.size === null
        ? `<span class="missing" title="${h(s.error ?? 'not read')}">unknown</span>`
        : `<span class="bar" style="width:${Math.round((s.size / max) * 120)}px"></span> ${s.size.toLocaleString('en-US')}`;
    return `<tr data-segment="${h(s.name)}">
<td data-value="${h(s.name)}"><a href="#seg-${i}">${h(s.name)}</a>${s.label ? ` <span class="meta">${h(s.label)}</span>` : ''}</td>
<td data-value="${h(s.membership)}"><span class="badge ${h(s.membership)}">${h(s.membership)}</span></td>
<td class="num size" data-value="${s.size ?? ''}">${size}</td>
<td data-value="${h(s.lastRun ?? '')}" class="last-run" title="${h(s.lastRun ?? 'no run recorded')}">${h(shortTime(s.lastRun))}</td>
<td data-value="${h(s.form)}">${s.form === 'filter' ? 'filtered audience' : 'query activity'}</td>
</tr>`;
  });
  return `<table class="summary"><thead><tr><th data-sort="text">Segment</th><th data-sort="text">Membership</th><th data-sort="num" class="num">Size after last run</th><th data-sort="text">Last run</th><th data-sort="text">Deployed as</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

function segmentDetail(s: ReportSegment, i: number): string {
  const meta = [
    `<span class="badge ${h(s.membership)}">${h(s.membership)}</span>`,
    s.schedule ? `refreshed ${h(s.schedule)}` : 'computed once at deploy',
    `size ${s.size === null ? `<span class="missing">unknown${s.error ? `: ${h(s.error)}` : ''}</span>` : `<strong class="size">${s.size.toLocaleString('en-US')}</strong>`}`,
    `last run ${h(shortTime(s.lastRun))}`,
    `target ${h(s.targetName)} [${h(s.targetKey)}]`,
  ].join(' · ');
  return `<article class="segment" id="seg-${i}" data-segment="${h(s.name)}">
<h3>${h(s.name)}${s.label ? ` — ${h(s.label)}` : ''}</h3>
${s.description ? `<p>${h(s.description)}</p>` : ''}
<p class="meta">${meta}</p>
<pre class="rules">${h(s.rules)}</pre>
<details${s.form === 'query' ? ' open' : ''}><summary>SQL (${s.form === 'filter' ? 'equivalent query' : 'query activity'})</summary><pre class="sql">${h(s.sql)}</pre></details>
${s.filterXml ? `<details open><summary>Filter definition XML — ${h(s.reason)}</summary><pre class="filter-xml">${h(s.filterXml)}</pre></details>` : `<p class="meta">${h(s.reason)}</p>`}
</article>`;
}

/** "2025-01-15T05:30:00.123" → "2025-01-15 05:30"; other text as it came; nothing → "—". */
function shortTime(value: string | undefined): string {
  if (!value) return '—';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(value);
  return m ? `${m[1]} ${m[2]}${value.endsWith('Z') ? ' UTC' : ''}` : value;
}
