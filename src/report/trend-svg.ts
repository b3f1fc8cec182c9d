/**
 * Small inline-SVG charts for the report's trends: a line chart (one or more series over run times)
 * and an entered/exited bar chart (entered above the axis, exited below). Every label is escaped.
 */
import { escapeHtml as h } from './escape.ts';

export interface Series {
  name: string;
  color: string;
  values: Array<number | null>;
}

const W = 520;
const H = 180;
const PAD = { left: 48, right: 12, top: 14, bottom: 28 };
export const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#d97706', '#7c3aed', '#0891b2'];

const plotW = W - PAD.left - PAD.right;
const plotH = H - PAD.top - PAD.bottom;

/** x of the i-th of n points: spread over the plot, a single point in the middle. */
const xAt = (i: number, n: number) => PAD.left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);

/** "2026-03-02T06:00:00" → "03-02"; other text as it came. */
export function shortDay(runTime: string): string {
  const m = /^\d{4}-(\d\d-\d\d)/.exec(runTime);
  return m ? m[1] : runTime;
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function xLabels(labels: string[]): string {
  const step = Math.max(1, Math.ceil(labels.length / 8));
  return labels
    .map((l, i) =>
      i % step === 0 || i === labels.length - 1
        ? `<text class="x-label" x="${xAt(i, labels.length).toFixed(1)}" y="${H - 8}" text-anchor="middle">${h(shortDay(l))}</text>`
        : '',
    )
    .join('');
}

function yAxis(max: number, format: (v: number) => string, min = 0): string {
  const ticks = [0, 0.5, 1].map((f) => min + f * (max - min));
  const y = (v: number) => PAD.top + plotH - ((v - min) / (max - min)) * plotH;
  return ticks
    .map(
      (t) =>
        `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/>` +
        `<text class="y-label" x="${PAD.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${h(format(t))}</text>`,
    )
    .join('');
}

export function lineChart(o: {
  label: string;
  kind: string;
  labels: string[];
  series: Series[];
  format?: (v: number) => string;
}): string {
  const format = o.format ?? ((v: number) => Math.round(v).toLocaleString('en-US'));
  const all = o.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(0, ...all));
  const n = o.labels.length;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const lines = o.series.map((s) => {
    const pts = s.values
      .map((v, i) => (v === null ? null : `${xAt(i, n).toFixed(1)},${y(v).toFixed(1)}`))
      .filter((p): p is string => p !== null);
    const dots = s.values
      .map((v, i) =>
        v === null
          ? ''
          : `<circle class="point" cx="${xAt(i, n).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.color}" data-value="${v}"><title>${h(`${s.name} ${shortDay(o.labels[i])}: ${format(v)}`)}</title></circle>`,
      )
      .join('');
    return `<g class="series" data-series="${h(s.name)}"><polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.join(' ')}"/>${dots}</g>`;
  });
  const legend =
    o.series.length > 1
      ? o.series
          .map(
            (s, i) =>
              `<g class="legend"><rect x="${PAD.left + i * 110}" y="2" width="10" height="10" fill="${s.color}"/><text x="${PAD.left + 14 + i * 110}" y="11">${h(s.name)}</text></g>`,
          )
          .join('')
      : '';
  return `<svg class="chart ${h(o.kind)}" role="img" aria-label="${h(o.label)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">
${yAxis(max, format)}${xLabels(o.labels)}${legend}
${lines.join('\n')}
</svg>`;
}

export function enteredExitedBars(o: {
  label: string;
  labels: string[];
  entered: number[];
  exited: number[];
}): string {
  const max = niceMax(Math.max(1, ...o.entered, ...o.exited));
  const n = o.labels.length;
  const mid = PAD.top + plotH / 2;
  const scale = plotH / 2 / max;
  const slot = plotW / Math.max(1, n);
  const bw = Math.max(2, Math.min(24, slot * 0.6));
  const bars = o.labels
    .map((l, i) => {
      const x = PAD.left + slot * i + (slot - bw) / 2;
      const up = o.entered[i] * scale;
      const down = o.exited[i] * scale;
      return `<g class="run" data-run="${h(l)}">
<rect class="entered" x="${x.toFixed(1)}" y="${(mid - up).toFixed(1)}" width="${bw.toFixed(1)}" height="${up.toFixed(1)}" fill="#16a34a" data-value="${o.entered[i]}"><title>${h(`${shortDay(l)}: ${o.entered[i]} entered`)}</title></rect>
<rect class="exited" x="${x.toFixed(1)}" y="${mid.toFixed(1)}" width="${bw.toFixed(1)}" height="${down.toFixed(1)}" fill="#dc2626" data-value="${o.exited[i]}"><title>${h(`${shortDay(l)}: ${o.exited[i]} exited`)}</title></rect>
</g>`;
    })
    .join('\n');
  const labels = o.labels
    .map((l, i) =>
      i % Math.max(1, Math.ceil(n / 8)) === 0 || i === n - 1
        ? `<text class="x-label" x="${(PAD.left + slot * i + slot / 2).toFixed(1)}" y="${H - 8}" text-anchor="middle">${h(shortDay(l))}</text>`
        : '',
    )
    .join('');
  return `<svg class="chart bars" role="img" aria-label="${h(o.label)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">
<line class="axis" x1="${PAD.left}" x2="${W - PAD.right}" y1="${mid}" y2="${mid}"/>
<text class="y-label" x="${PAD.left - 6}" y="${PAD.top + 8}" text-anchor="end">+${max}</text>
<text class="y-label" x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end">−${max}</text>
${labels}
${bars}
</svg>`;
}
