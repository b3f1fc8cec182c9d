export { createCaseState } from './case-state.ts';
export { compareMembers, describeCount } from './compare.ts';
export { refreshSegment } from './refresh-segment.ts';
export { renderTestReport } from './render-report.ts';
export { type RunSegmentTestsOptions, runSegmentTests } from './run-segment-tests.ts';
export { seedFixtures } from './seed-fixtures.ts';
export { membersOf, refreshOrder } from './segment-members.ts';
export type {
  CaseResult,
  CaseStatus,
  CountExpectation,
  FixtureError,
  Location,
  TestReport,
} from './types.ts';
