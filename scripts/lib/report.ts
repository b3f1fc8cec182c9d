/** How a sub-benchmark hands its figures to scripts/bench.ts: one `BENCH_RESULT {json}` line on stdout. */
export interface BenchFigure {
  /** What was measured, e.g. "sync rows/s (100,000 leads)". */
  figure: string;
  value: number;
  unit: string;
  /** The ceiling or baseline it is compared against, measured or computed in the same run. */
  against?: { label: string; value: number; unit: string };
  /** Process role whose peak RSS belongs to this figure (default: the largest in the benchmark). */
  rssRole?: string;
  /**
   * Peak RSS the benchmark read itself at the end of the measured work, when the process goes on to do
   * other work afterwards (a ceiling or baseline run) that would otherwise raise its exit-time peak.
   */
  rssKb?: number;
  /** A few words more for the README's table (calls, CPU time). */
  note?: string;
  detail?: Record<string, unknown>;
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

export function emit(figures: BenchFigure[]): void {
  console.log(`${RESULT_PREFIX}${JSON.stringify(figures)}`);
}

export function parseResults(stdout: string): BenchFigure[] {
  const out: BenchFigure[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith(RESULT_PREFIX))
      out.push(...(JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchFigure[]));
  }
  return out;
}

export const seconds = (t0: number): number => (performance.now() - t0) / 1000;
