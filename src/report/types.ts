import type { Trends } from '../measurement/trends.ts';

/** Everything the report shows, as plain JSON (`sfmc-kit report --json` prints it). */
export interface ReportData {
  project: string;
  env?: string;
  generatedAt: string;
  segments: ReportSegment[];
  /** Pairwise shared-member counts; `shared[i][j]` for segments[i] × segments[j], the diagonal is the size. */
  overlaps: { segments: string[]; shared: Array<Array<number | null>> };
  funnels: ReportFunnel[];
  /** Size history, entered/exited, engagement and funnel trends (projects with measurement.history). */
  trends?: Trends;
}

export interface ReportSegment {
  name: string;
  label?: string;
  description?: string;
  membership: 'static' | 'additive' | 'dynamic';
  /** e.g. "daily at 06:00"; absent for static segments. */
  schedule?: string;
  form: 'query' | 'filter';
  reason: string;
  /** The rules in plain words, from the compiler. */
  rules: string;
  sql: string;
  filterXml?: string;
  targetName: string;
  targetKey: string;
  /** Members after the last run; null when the target could not be read. */
  size: number | null;
  /** ISO time of the last run, when known. */
  lastRun?: string;
  /** Why the size is missing. */
  error?: string;
}

export interface ReportFunnel {
  /** The funnel segment (with a `funnel:` block). */
  name: string;
  label?: string;
  stages: ReportFunnelStage[];
}

export interface ReportFunnelStage {
  name: string;
  description?: string;
  /** The segment holding this stage's members (a `funnelStage: { is }` segment), if any. */
  segment?: string;
  count: number | null;
}
