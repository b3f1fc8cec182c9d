export { type CollectInput, collectReportData, type MemberReader } from './collect.ts';
export { escapeHtml, jsonForScript } from './escape.ts';
export { renderReport } from './render-report.ts';
export type { ReportData, ReportFunnel, ReportFunnelStage, ReportSegment } from './types.ts';
