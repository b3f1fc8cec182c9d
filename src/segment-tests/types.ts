/** What `runSegmentTests` reports: plain data first; the CLI's text is a rendering of it. */

export type CountExpectation = number | { min?: number; max?: number };

/** A place in a definitions file (a fixture row, a case). */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** A fixture row the emulator refused (same rules as a row written to the data extension after deploy). */
export interface FixtureError extends Location {
  table: string;
  row: number;
  message: string;
}

export type CaseStatus = 'pass' | 'fail' | 'error';

export interface CaseResult {
  segment: string;
  case: string;
  status: CaseStatus;
  /** Where the case starts in its test file. */
  location: Location;
  /** GETDATE() during the case (ISO). */
  now: string;
  expected: { members?: string[]; count?: CountExpectation };
  /** Undefined when the segment could not run (status `error`). */
  actual?: { members: string[]; size: number };
  /** Expected members the segment did not select. */
  missing: string[];
  /** Members the segment selected that the expectation does not list. */
  unexpected: string[];
  /** Why a count expectation failed, in words. */
  countMismatch?: string;
  /** Fixture rows refused, unknown tables, a segment that does not compile or whose SQL fails. */
  errors: Array<FixtureError | (Partial<Location> & { message: string })>;
  durationMs: number;
}

export interface TestReport {
  ok: boolean;
  passed: number;
  /** Cases that failed their expectation or could not run. */
  failed: number;
  /** Of `failed`, the cases that could not run (fixture or compile errors). */
  errored: number;
  segments: string[];
  cases: CaseResult[];
  durationMs: number;
}
