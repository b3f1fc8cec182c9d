import type { DatabaseSync } from 'node:sqlite';
import { createSalesforceStore, type SalesforceStore, type SfRecordInput } from './store.ts';

/**
 * Inserts records per object (`{ Lead: [...], Contact: [...] }`) into the emulator's tables,
 * in an order that keeps references resolvable. Returns the store for further updates/deletes.
 */
export function seedSalesforce(
  db: DatabaseSync,
  records: Record<string, Iterable<SfRecordInput>>,
  opts: { now?: () => Date; store?: SalesforceStore } = {},
): SalesforceStore {
  const store = opts.store ?? createSalesforceStore(db, { now: opts.now });
  for (const [objectName, rows] of Object.entries(records)) store.insert(objectName, rows);
  return store;
}
