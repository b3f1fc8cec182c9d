/**
 * Pure: history and engagement rows (as read back from SFMC) → per-segment series, funnel series and
 * flags for segments whose size moved by more than the configured share since their previous run.
 */

export interface HistoryPoint {
  runTime: string;
  size: number;
  entered: number;
  exited: number;
}

export interface EngagementPoint {
  runTime: string;
  windowDays: number;
  members: number;
  sent: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  complained: number;
  bounced: number;
}

export const RATE_NAMES = ['opened', 'clicked', 'unsubscribed', 'complained', 'bounced'] as const;
export type RateName = (typeof RATE_NAMES)[number];

export interface SegmentTrend {
  segment: string;
  history: HistoryPoint[];
  engagement: EngagementPoint[];
  /** Latest engagement rates (share of members sent to), and their change since the previous run. */
  rates?: Record<RateName, { rate: number | null; change: number | null }>;
  lastRun?: string;
  size?: number;
  previousSize?: number;
  /** (size − previous) ÷ previous; null without a previous run or when the previous size was 0. */
  change?: number | null;
}

export interface SizeFlag {
  segment: string;
  from: number;
  to: number;
  /** The share moved, e.g. 0.8 for 80 %; Infinity from 0 to more. */
  share: number;
  reason: string;
}

export interface FunnelTrend {
  funnel: string;
  stages: Array<{ name: string; segment?: string }>;
  /** One point per run time at which every stage segment with history has a row. */
  points: Array<{ runTime: string; sizes: Array<number | null>; conversion: Array<number | null> }>;
  /** Conversion to the next stage over `windowDays` (see stageConversion). */
  windowDays?: number;
  windowConversion?: StageConversion[];
}

export interface Trends {
  segments: SegmentTrend[];
  funnels: FunnelTrend[];
  flags: SizeFlag[];
  flagShare: number;
}

/** SFMC answers dates as `M/D/YYYY h:mm:ss AM` or ISO; both sort as ISO text after this. */
export function isoTime(value: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i.exec(
    value.trim(),
  );
  if (us) {
    let hour = Number(us[4] ?? 0);
    if (us[7]?.toUpperCase() === 'PM' && hour < 12) hour += 12;
    if (us[7]?.toUpperCase() === 'AM' && hour === 12) hour = 0;
    const pad = (n: string | number) => String(n).padStart(2, '0');
    return `${us[3]}-${pad(us[1])}-${pad(us[2])}T${pad(hour)}:${pad(us[5] ?? 0)}:${pad(us[6] ?? 0)}`;
  }
  return value
    .trim()
    .replace(' ', 'T')
    .replace(/\.\d+$/, '')
    .replace(/Z$/, '');
}

const rate = (n: number, of: number): number | null => (of > 0 ? n / of : null);

export function segmentTrend(
  segment: string,
  history: HistoryPoint[],
  engagement: EngagementPoint[],
): SegmentTrend {
  const h = [...history].sort((a, b) => a.runTime.localeCompare(b.runTime));
  const e = [...engagement].sort((a, b) => a.runTime.localeCompare(b.runTime));
  const out: SegmentTrend = { segment, history: h, engagement: e };
  const last = h.at(-1);
  const prev = h.at(-2);
  if (last) {
    out.lastRun = last.runTime;
    out.size = last.size;
    if (prev) {
      out.previousSize = prev.size;
      out.change = prev.size > 0 ? (last.size - prev.size) / prev.size : null;
    }
  }
  const le = e.at(-1);
  const pe = e.at(-2);
  if (le) {
    out.rates = Object.fromEntries(
      RATE_NAMES.map((name) => {
        const now = rate(le[name], le.sent);
        const before = pe ? rate(pe[name], pe.sent) : null;
        return [name, { rate: now, change: now !== null && before !== null ? now - before : null }];
      }),
    ) as SegmentTrend['rates'];
  }
  return out;
}

/** A size that moved by more than `share` of the previous one, or fell to zero, is flagged. */
export function sizeFlag(t: SegmentTrend, share: number): SizeFlag | undefined {
  if (t.size === undefined || t.previousSize === undefined) return undefined;
  const from = t.previousSize;
  const to = t.size;
  if (from === to) return undefined;
  if (to === 0)
    return {
      segment: t.segment,
      from,
      to,
      share: 1,
      reason: `emptied: ${from} → 0 members (a broken feed?)`,
    };
  const moved = from === 0 ? Number.POSITIVE_INFINITY : Math.abs(to - from) / from;
  if (moved <= share) return undefined;
  const pct = from === 0 ? 'from 0' : `${to > from ? '+' : '−'}${Math.round(moved * 100)} %`;
  return {
    segment: t.segment,
    from,
    to,
    share: moved,
    reason: `size ${from} → ${to} (${pct}, more than ${Math.round(share * 100)} %)`,
  };
}

export function funnelTrend(
  funnel: string,
  stages: Array<{ name: string; segment?: string }>,
  bySegment: Map<string, SegmentTrend>,
  windowDays = 30,
): FunnelTrend {
  const times = new Set<string>();
  for (const s of stages)
    for (const p of (s.segment && bySegment.get(s.segment)?.history) || []) times.add(p.runTime.slice(0, 16));
  const points = [...times].sort().map((runTime) => {
    const sizes = stages.map((s) => {
      const p = s.segment
        ? bySegment.get(s.segment)?.history.find((h) => h.runTime.slice(0, 16) === runTime)
        : undefined;
      return p ? p.size : null;
    });
    const conversion = sizes.map((n, i) => {
      if (i === 0) return null;
      const before = sizes[i - 1];
      return n !== null && before ? n / before : null;
    });
    return { runTime, sizes, conversion };
  });
  return {
    funnel,
    stages,
    points,
    windowDays,
    windowConversion: stageConversion(stages, bySegment, windowDays),
  };
}

/**
 * Conversion to the next funnel stage over a window, from the history rows: of the members a stage held
 * at the window's start (its last run at or before it, else its first run in the window), how many the
 * next stage took in (sum of its `entered`) during the window. History counts members, not who moved, so
 * entries into the next stage from elsewhere count too: the figure is an upper bound of the true rate.
 */
export interface StageConversion {
  from: string;
  to: string;
  base: number | null;
  converted: number;
  rate: number | null;
  /** Rate over the window ending at the previous run, and the change since (null without one). */
  previousRate: number | null;
  change: number | null;
}

const DAY_MS = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso.length <= 10 ? `${iso}T00:00:00` : iso}Z`);

function windowRate(
  from: HistoryPoint[],
  to: HistoryPoint[],
  end: number,
  windowDays: number,
): { base: number | null; converted: number; rate: number | null } {
  const start = end - windowDays * DAY_MS;
  const before = from.filter((p) => ms(p.runTime) <= start).at(-1);
  const inWindow = (p: HistoryPoint) => ms(p.runTime) > start && ms(p.runTime) <= end;
  const base = before?.size ?? from.find(inWindow)?.size ?? null;
  const converted = to.filter(inWindow).reduce((n, p) => n + p.entered, 0);
  return { base, converted, rate: base ? converted / base : null };
}

export function stageConversion(
  stages: Array<{ name: string; segment?: string }>,
  bySegment: Map<string, SegmentTrend>,
  windowDays: number,
): StageConversion[] {
  const out: StageConversion[] = [];
  for (let i = 0; i + 1 < stages.length; i++) {
    const from = (stages[i].segment && bySegment.get(stages[i].segment!)?.history) || [];
    const to = (stages[i + 1].segment && bySegment.get(stages[i + 1].segment!)?.history) || [];
    if (!from.length || !to.length) continue;
    const runs = [...new Set([...from, ...to].map((p) => ms(p.runTime)))].sort((a, b) => a - b);
    const now = windowRate(from, to, runs.at(-1)!, windowDays);
    const prev = runs.length > 1 ? windowRate(from, to, runs.at(-2)!, windowDays) : undefined;
    const previousRate = prev?.rate ?? null;
    out.push({
      from: stages[i].name,
      to: stages[i + 1].name,
      ...now,
      previousRate,
      change: now.rate !== null && previousRate !== null ? now.rate - previousRate : null,
    });
  }
  return out;
}
