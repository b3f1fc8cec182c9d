export { createBatcher } from './batcher.ts';
export { createFileCheckpointStore, createMemoryCheckpointStore } from './checkpoint.ts';
export { toDeDateTime, toDeRow } from './convert.ts';
export { extractBulk, extractRest, type SfRecord } from './extract.ts';
export { createMemorySink } from './memory-sink.ts';
export { type RunSyncInput, runSync, type SyncOptions } from './run-sync.ts';
export { type DescribeFieldLike, deFieldFor, deSchemaFromDescribe } from './schema-from-describe.ts';
export { extractionSoql, extractionWhere } from './soql.ts';
export type * from './types.ts';
