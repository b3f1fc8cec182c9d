import { describe, expect, it } from 'vitest';
import { funnelTrend, segmentTrend, stageConversion } from '../../src/measurement/trends.ts';
import { renderReport } from '../../src/report/index.ts';
import { fixtureReportData } from '../report/fixture-data.ts';

const run = (day: number, size: number, entered: number) => ({
  runTime: `2026-03-${String(day).padStart(2, '0')}T06:00:00`,
  size,
  entered,
  exited: 0,
});
// Leads: 200 at 1 March, then 220, 240; customers took in 5, 10, 20 on the runs after.
const leads = segmentTrend('leads', [run(1, 200, 200), run(8, 220, 20), run(15, 240, 20)], []);
const customers = segmentTrend('customers', [run(1, 50, 50), run(8, 60, 10), run(15, 80, 20)], []);
const bySegment = new Map([leads, customers].map((t) => [t.segment, t]));
const stages = [
  { name: 'lead', segment: 'leads' },
  { name: 'customer', segment: 'customers' },
];

describe('conversion to the next funnel stage over a window', () => {
  it('divides what the next stage took in during the window by the stage size at its start', () => {
    const [c] = stageConversion(stages, bySegment, 7);
    // Window (8 Mar, 15 Mar]: leads held 220 at its start; customers entered 20 in it.
    expect(c).toMatchObject({ from: 'lead', to: 'customer', base: 220, converted: 20 });
    expect(c.rate).toBeCloseTo(20 / 220);
    // Previous window (1 Mar, 8 Mar]: 10 of 200.
    expect(c.previousRate).toBeCloseTo(10 / 200);
    expect(c.change).toBeCloseTo(20 / 220 - 10 / 200);
  });

  it('widens with the window: 14 days count both runs against the size 14 days back', () => {
    const [c] = stageConversion(stages, bySegment, 14);
    expect([c.base, c.converted]).toEqual([200, 30]);
  });

  it('gives nothing for a stage without history', () => {
    expect(stageConversion([...stages, { name: 'advocate', segment: 'none' }], bySegment, 7)).toHaveLength(1);
  });

  it('is shown in the report with its trend', () => {
    const f = funnelTrend('lifecycle', stages, bySegment, 7);
    const html = renderReport({
      ...fixtureReportData(),
      trends: { segments: [leads, customers], funnels: [f], flags: [], flagShare: 0.5 },
    });
    const row = /<tr data-from="lead" data-to="customer">(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect(row).toContain('<td>220</td><td>20</td><td>9.1 %</td>');
    expect(row).toContain('▲ +4.1 pt');
    expect(html).toContain('Conversion to the next stage over 7 days');
  });
});
