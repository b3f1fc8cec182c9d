/** sfmc-kit's library entry: the typed client, configuration, definitions, compiler, CRM sync and emulator. */
export * from './client/index.ts';
export * from './config/index.ts';
export * from './errors/index.ts';
export {
  type DataExtensionDef,
  type Diagnostic,
  formatDiagnostic,
  loadProject,
  loadProjectWithDiagnostics,
  type Project,
  type SegmentDef,
} from './definitions/index.ts';
export * from './compiler/index.ts';
export { startEmulator, type RunningEmulator, type StartOptions } from './emulator/index.ts';
export { renderTestReport, runSegmentTests, type TestReport } from './segment-tests/index.ts';
export {
  connectSalesforce,
  createFileCheckpointStore,
  createMemoryCheckpointStore,
  createMemorySink,
  createSfmcSink,
  type RowSink,
  runSync,
  type SyncOptions,
  type SyncSpec,
  type SyncSummary,
  snapshotScores,
} from './sync/index.ts';
