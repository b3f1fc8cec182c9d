export { API_USER_ID, ORG_ID, type SalesforceCredentials } from './auth.ts';
export {
  createSalesforceEmulator,
  createSalesforceHandler,
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
} from './handler.ts';
export { idSuffix, makeId } from './ids.ts';
export {
  LEAD_STATUSES,
  OPPORTUNITY_STAGES,
  type SfField,
  type SfFieldType,
  type SfObject,
  standardObjects,
} from './objects.ts';
export { seedSalesforce } from './seed.ts';
export { parseSoql, type SoqlCondition, SoqlError, type SoqlQuery } from './soql.ts';
export { createSalesforceStore, type SalesforceStore, type SfRecordInput } from './store.ts';
