/** The report's "Trends" section: size flags, then per segment and per funnel the charts over time. */
import { RATE_NAMES, type FunnelTrend, type SegmentTrend, type Trends } from '../measurement/trends.ts';
import { escapeHtml as h } from './escape.ts';
import { enteredExitedBars, lineChart, PALETTE, shortDay } from './trend-svg.ts';

const pct = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)} %`;
const signedPts = (v: number | null) =>
  v === null ? '' : `${v > 0 ? '▲ +' : v < 0 ? '▼ −' : '= '}${Math.abs(v * 100).toFixed(1)} pt`;

export const TRENDS_CSS = `
.flags { margin:0 0 12px; padding:0; list-style:none; }
.flags li { padding:8px 12px; margin-bottom:6px; border-radius:6px; background:#fef2f2; border:1px solid #fecaca; color:#991b1b; }
.trend { border-top:1px solid var(--line); padding:16px 0; }
.trend.flagged h3::after { content:" ⚑ size moved"; color:#b91c1c; font-size:13px; font-weight:600; }
.charts { display:flex; flex-wrap:wrap; gap:16px; }
.charts figure { margin:0; }
.charts figcaption { color:var(--muted); font-size:12px; }
.chart text { font:11px system-ui,sans-serif; fill:var(--muted); }
.chart .grid { stroke:#e2e8f0; } .chart .axis { stroke:#94a3b8; }
.chart .legend text { fill:var(--ink); }
.rates td, .rates th { padding:4px 10px; text-align:right; border-bottom:1px solid var(--line); font-variant-numeric:tabular-nums; }
.rates th:first-child, .rates td:first-child { text-align:left; }
.up { color:#166534; } .down { color:#b91c1c; }
`;

export function trendsSection(t: Trends): string {
  const flagged = new Set(t.flags.map((f) => f.segment));
  const flags = t.flags.length
    ? `<ul class="flags">${t.flags.map((f) => `<li class="flag" data-segment="${h(f.segment)}"><strong>${h(f.segment)}</strong>: ${h(f.reason)}</li>`).join('')}</ul>`
    : `<p class="meta">No segment moved by more than ${Math.round(t.flagShare * 100)} % since its previous run.</p>`;
  return `<section class="block" id="trends">
<h2>Trends</h2>
${flags}
${t.segments.map((s) => segmentTrendHtml(s, flagged.has(s.segment))).join('\n')}
${t.funnels
  .filter((f) => f.points.length)
  .map(funnelTrendHtml)
  .join('\n')}
</section>`;
}

function segmentTrendHtml(s: SegmentTrend, flagged: boolean): string {
  const labels = s.history.map((p) => p.runTime);
  const change =
    s.change === undefined
      ? ''
      : s.change === null
        ? ' (previous run empty)'
        : ` (${s.change >= 0 ? '+' : '−'}${Math.abs(s.change * 100).toFixed(1)} % since ${h(shortDay(s.history.at(-2)!.runTime))})`;
  const charts = [
    figure(
      'Size after each run',
      lineChart({
        label: `${s.segment} size history`,
        kind: 'size',
        labels,
        series: [{ name: 'size', color: PALETTE[0], values: s.history.map((p) => p.size) }],
      }),
    ),
    figure(
      'Entered (up) and exited (down) per run',
      enteredExitedBars({
        label: `${s.segment} entered and exited`,
        labels,
        entered: s.history.map((p) => p.entered),
        exited: s.history.map((p) => p.exited),
      }),
    ),
  ];
  if (s.engagement.length) {
    const el = s.engagement.map((p) => p.runTime);
    charts.push(
      figure(
        `Engagement rates over ${s.engagement.at(-1)!.windowDays} days (share of members sent to)`,
        lineChart({
          label: `${s.segment} engagement rates`,
          kind: 'rates',
          labels: el,
          format: (v) => `${(v * 100).toFixed(0)} %`,
          series: RATE_NAMES.map((r, i) => ({
            name: r,
            color: PALETTE[i % PALETTE.length],
            values: s.engagement.map((p) => (p.sent > 0 ? p[r] / p.sent : null)),
          })),
        }),
      ),
    );
  }
  const rates = s.rates
    ? `<table class="rates"><thead><tr><th>Rate</th><th>Latest</th><th>Trend since previous run</th></tr></thead><tbody>${RATE_NAMES.map(
        (r) => {
          const v = s.rates![r];
          const good = r === 'opened' || r === 'clicked';
          const cls = v.change === null || v.change === 0 ? '' : v.change > 0 === good ? 'up' : 'down';
          return `<tr data-rate="${r}"><td>${r}</td><td>${pct(v.rate)}</td><td class="${cls}">${signedPts(v.change)}</td></tr>`;
        },
      ).join('')}</tbody></table>`
    : '';
  return `<article class="trend${flagged ? ' flagged' : ''}" data-segment="${h(s.segment)}">
<h3>${h(s.segment)}</h3>
<p class="meta">${s.history.length} runs · size ${s.size?.toLocaleString('en-US') ?? '—'}${change} · last run ${h(s.lastRun ?? '—')}</p>
<div class="charts">${charts.join('\n')}</div>
${rates}
</article>`;
}

function funnelTrendHtml(f: FunnelTrend): string {
  const labels = f.points.map((p) => p.runTime);
  const sizes = lineChart({
    label: `Funnel ${f.funnel} stage sizes`,
    kind: 'funnel-sizes',
    labels,
    series: f.stages.map((s, i) => ({
      name: s.name,
      color: PALETTE[i % PALETTE.length],
      values: f.points.map((p) => p.sizes[i]),
    })),
  });
  const conversion = lineChart({
    label: `Funnel ${f.funnel} conversion`,
    kind: 'funnel-conversion',
    labels,
    format: (v) => `${(v * 100).toFixed(0)} %`,
    series: f.stages
      .slice(1)
      .map((s, i) => ({
        name: `→ ${s.name}`,
        color: PALETTE[(i + 1) % PALETTE.length],
        values: f.points.map((p) => p.conversion[i + 1]),
      })),
  });
  return `<article class="trend funnel-trend" data-funnel="${h(f.funnel)}">
<h3>Funnel ${h(f.funnel)} over time</h3>
<div class="charts">${figure('Stage sizes', sizes)}${figure('Conversion from the previous stage', conversion)}</div>
${windowTable(f)}
</article>`;
}

function windowTable(f: FunnelTrend): string {
  if (!f.windowConversion?.length) return '';
  const rows = f.windowConversion.map((c) => {
    const cls = c.change === null || c.change === 0 ? '' : c.change > 0 ? 'up' : 'down';
    return `<tr data-from="${h(c.from)}" data-to="${h(c.to)}"><td>${h(c.from)} → ${h(c.to)}</td><td>${c.base ?? '—'}</td><td>${c.converted}</td><td>${pct(c.rate)}</td><td class="${cls}">${signedPts(c.change)}</td></tr>`;
  });
  return `<table class="rates window-conversion"><caption>Conversion to the next stage over ${f.windowDays} days (entered the next stage ÷ stage size at the window's start)</caption><thead><tr><th>Stage</th><th>At start</th><th>Entered next</th><th>Rate</th><th>Trend since previous run</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const figure = (caption: string, svg: string) =>
  `<figure>${svg}<figcaption>${h(caption)}</figcaption></figure>`;
