export {
  contactRows,
  downloadRows,
  MARKETING_TABLES,
  openArchiveRows,
  pageViewRows,
  scoreHistoryRows,
  searchRows,
} from './marketing-rows.ts';
export { renderDemoTable, renderNextSteps } from './render.ts';
export { DEFAULT_DEMO_CONTACTS, runDemo } from './run-demo.ts';
export { chooseDemoTarget, type TargetChoice } from './target.ts';
export type { DemoOptions, DemoSegmentResult, DemoSummary, DemoSyncResult, DemoTarget } from './types.ts';
