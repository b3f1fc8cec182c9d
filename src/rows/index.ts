export { type Checked, createRowChecker, type RowChecker } from './check-row.ts';
export { clearRows } from './clear-rows.ts';
export { type ExportSummary, exportRows, rowsAsRecords } from './export-rows.ts';
export type { RowProgress, RowsClient } from './port.ts';
export { createMemoryRejects, createRejectsFile, type RejectedRow, type RejectSink } from './rejects.ts';
export { resolveDataExtension } from './resolve-target.ts';
export {
  createRowWriter,
  type FileRecord,
  formatOf,
  openRowFile,
  type RowFile,
  type RowFileFormat,
  type RowWriter,
} from './row-files.ts';
export { type WriteRowsOptions, type WriteRowsSummary, writeRows } from './write-rows.ts';
