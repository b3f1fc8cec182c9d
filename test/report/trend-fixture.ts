/** Trends built from hand-written history and engagement rows, through the same pure functions the report uses. */
import { funnelTrend, segmentTrend, sizeFlag, type Trends } from '../../src/measurement/trends.ts';

const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T06:00:00`;

export const SIZES = [120, 132, 128, 140, 12];

export function fixtureTrends(): Trends {
  const clickers = segmentTrend(
    'email-clickers',
    SIZES.map((size, i) => ({
      runTime: day(i + 1),
      size,
      entered: i === 0 ? size : Math.max(0, size - SIZES[i - 1]) + 3,
      exited: i === 0 ? 0 : Math.max(0, SIZES[i - 1] - size) + 3,
    })),
    SIZES.map((size, i) => ({
      runTime: day(i + 1),
      windowDays: 30,
      members: size,
      sent: 100,
      opened: 40 + i,
      clicked: 10 + i,
      unsubscribed: 1,
      complained: 0,
      bounced: 2,
    })),
  );
  const stage = (name: string, sizes: number[]) =>
    segmentTrend(
      name,
      sizes.map((size, i) => ({ runTime: day(i + 1), size, entered: 0, exited: 0 })),
      [],
    );
  const lead = stage('stage-lead', [500, 520, 540]);
  const mql = stage('stage-mql', [100, 130, 162]);
  const segments = [clickers, lead, mql];
  const bySegment = new Map(segments.map((s) => [s.segment, s]));
  return {
    segments,
    funnels: [
      funnelTrend(
        'lifecycle',
        [
          { name: 'Lead', segment: 'stage-lead' },
          { name: 'MQL', segment: 'stage-mql' },
        ],
        bySegment,
      ),
    ],
    flags: segments.map((s) => sizeFlag(s, 0.5)).filter((f) => f !== undefined),
    flagShare: 0.5,
  };
}
