import { describe, expect, it } from 'vitest';
import { isoTime, segmentTrend, sizeFlag } from '../../src/measurement/trends.ts';
import { renderReport } from '../../src/report/index.ts';
import { elements, visibleText } from './chromium.ts';
import { fixtureReportData } from './fixture-data.ts';
import { fixtureTrends, SIZES } from './trend-fixture.ts';

const point = (runTime: string, size: number) => ({ runTime, size, entered: 0, exited: 0 });

describe('trends from history rows', () => {
  it('reads SFMC dates in either form', () => {
    expect(isoTime('3/2/2026 6:05:09 PM')).toBe('2026-03-02T18:05:09');
    expect(isoTime('3/2/2026 12:00:00 AM')).toBe('2026-03-02T00:00:00');
    expect(isoTime('2026-03-02 06:00:00')).toBe('2026-03-02T06:00:00');
  });

  it('orders runs, and gives size, previous size and change since the previous run', () => {
    const t = segmentTrend(
      's',
      [point('2026-03-03T06:00:00', 90), point('2026-03-01T06:00:00', 50), point('2026-03-02T06:00:00', 60)],
      [],
    );
    expect(t.history.map((p) => p.size)).toEqual([50, 60, 90]);
    expect([t.size, t.previousSize, t.change, t.lastRun]).toEqual([90, 60, 0.5, '2026-03-03T06:00:00']);
  });

  it('flags a move of more than the share, and an emptied segment; not a small move', () => {
    const trend = (a: number, b: number) =>
      segmentTrend('s', [point('2026-03-01', a), point('2026-03-02', b)], []);
    expect(sizeFlag(trend(100, 140), 0.5)).toBeUndefined();
    expect(sizeFlag(trend(100, 151), 0.5)?.reason).toBe('size 100 → 151 (+51 %, more than 50 %)');
    expect(sizeFlag(trend(100, 40), 0.5)?.reason).toBe('size 100 → 40 (−60 %, more than 50 %)');
    expect(sizeFlag(trend(100, 0), 0.9)?.reason).toBe('emptied: 100 → 0 members (a broken feed?)');
    expect(sizeFlag(segmentTrend('s', [point('2026-03-01', 5)], []), 0)).toBeUndefined();
  });

  it('computes engagement rates of members sent to, with the change since the previous run', () => {
    const t = fixtureTrends().segments[0];
    expect(t.rates?.clicked.rate).toBeCloseTo(0.14);
    expect(t.rates?.clicked.change).toBeCloseTo(0.01);
    expect(t.rates?.complained).toEqual({ rate: 0, change: 0 });
  });

  it('gives funnel stage sizes and conversion per run', () => {
    const f = fixtureTrends().funnels[0];
    expect(f.points.map((p) => p.sizes)).toEqual([
      [500, 100],
      [520, 130],
      [540, 162],
    ]);
    expect(f.points.map((p) => p.conversion[1])).toEqual([0.2, 0.25, 0.3]);
  });
});

describe('trends in the report page', () => {
  const html = renderReport({ ...fixtureReportData(), trends: fixtureTrends() });
  const section = elements(html, 'section', 'id="trends"')[0];

  it('draws a size line with one point per run, entered/exited bars and the rates per segment', () => {
    const clickers = elements(section, 'article', 'data-segment="email-clickers"')[0];
    const size = elements(clickers, 'svg', 'class="chart size"')[0];
    expect([...size.matchAll(/data-value="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(SIZES);
    const bars = elements(clickers, 'svg', 'class="chart bars"')[0];
    expect(bars.match(/class="entered"/g)).toHaveLength(SIZES.length);
    expect(bars.match(/class="exited"/g)).toHaveLength(SIZES.length);
    expect(elements(clickers, 'svg', 'class="chart rates"')[0].match(/class="series"/g)).toHaveLength(5);
    expect(visibleText(elements(clickers, 'tr', 'data-rate="clicked"')[0])).toBe('clicked 14.0 % ▲ +1.0 pt');
  });

  it('flags the segment whose size fell by more than the share', () => {
    expect(visibleText(elements(section, 'ul', 'class="flags"')[0])).toBe(
      'email-clickers : size 140 → 12 (−91 %, more than 50 %)',
    );
    expect(section).toContain('class="trend flagged" data-segment="email-clickers"');
    expect(section).not.toContain('class="trend flagged" data-segment="stage-lead"');
  });

  it('draws the funnel stage sizes and conversion over time', () => {
    const f = elements(section, 'article', 'data-funnel="lifecycle"')[0];
    expect(f.match(/<svg class="chart funnel-sizes"/g)).toHaveLength(1);
    expect(f).toContain('→ MQL');
    expect(
      [...elements(f, 'svg', 'funnel-conversion')[0].matchAll(/data-value="([\d.]+)"/g)].map((m) =>
        Number(m[1]),
      ),
    ).toEqual([0.2, 0.25, 0.3]);
  });

  it('has no trends section without measurement data', () => {
    expect(renderReport(fixtureReportData())).not.toContain('id="trends"');
  });
});
