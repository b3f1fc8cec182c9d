export { reportFromClient } from './build-report.ts';
export { type CollectInput, collectReportData, type MemberReader } from './collect.ts';
export { escapeHtml, jsonForScript } from './escape.ts';
export { clientLastRuns, clientMemberReader, memberField } from './read-from-client.ts';
export { renderReport } from './render-report.ts';
export { type RunSegmentsOptions, runSegmentsOnce } from './run-segments.ts';
export type { ReportData, ReportFunnel, ReportFunnelStage, ReportSegment } from './types.ts';
