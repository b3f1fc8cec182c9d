export {
  type Dataset,
  type DatasetOptions,
  type EmailTable,
  generateDataset,
  WEB_EVENT_COLUMNS,
} from './generate.ts';
export { loadIntoSalesforce, loadIntoSfmc, type SfmcRowTarget } from './load.ts';
export { createRng, hashParts, type Rng } from './prng.ts';
export { type DatasetSummary, summarizeDataset } from './summary.ts';
