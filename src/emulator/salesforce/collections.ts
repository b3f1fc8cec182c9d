/**
 * sObject Collections: create (POST), update (PATCH) and delete (DELETE ?ids=) up to 200 records in
 * one call, answering one SaveResult per record in request order.
 *
 * Evidence (Salesforce REST API Developer Guide):
 * - create: https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-create.html
 *   body `{ allOrNone, records: [{ attributes: { type }, ...fields }] }`, up to 200 records, results in
 *   request order; 400 when the request is not well formed, else 200 with `success` per record.
 * - update: .../resources_composite_sobjects_collections_update.htm (records carry `id`).
 * - delete: .../resources_composite_sobjects_collections_delete.htm (`?ids=a,b&allOrNone=true`).
 * - allOrNone: with true, one failure rolls every record back; the others then report
 *   ALL_OR_NONE_OPERATION_ROLLED_BACK. jsforce 3 (lib/connection.js `_createMany` / `_destroyMany`)
 *   sends exactly these requests for array inputs.
 * The over-200 error code and message are UNCERTAIN (recalled, not found in the docs searched).
 */
import type { EmuRequest, EmuResponse } from '../http/types.ts';
import { createRecord, deleteRecord, updateRecord, type WriteOutcome } from './record-writes.ts';
import type { SalesforceStore } from './store.ts';

const LIMIT = 200;
const sfError = (status: number, errorCode: string, message: string): EmuResponse => ({
  status,
  body: [{ message, errorCode }],
});
const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function inTransaction(
  store: SalesforceStore,
  allOrNone: boolean,
  work: () => WriteOutcome[],
): WriteOutcome[] {
  const db = store.db;
  db.exec('BEGIN');
  let results: WriteOutcome[];
  try {
    results = work();
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
  if (allOrNone && results.some((r) => !r.success)) {
    db.exec('ROLLBACK');
    return results.map((r) =>
      r.success ? { ...(r.id ? { id: r.id } : {}), success: false, errors: [ROLLED_BACK] } : r,
    );
  }
  db.exec('COMMIT');
  return results;
}

export function collectionsRoute(
  req: EmuRequest,
  rest: string,
  store: SalesforceStore,
): EmuResponse | undefined {
  if (rest !== 'composite/sobjects') return undefined;
  // Only Campaign and CampaignMember writes are answered here; other objects go to sobject-writes.ts.
  if (!isCampaignWrite(req)) return undefined;
  if (req.method === 'DELETE') {
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    if (!ids.length) return sfError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
    if (ids.length > LIMIT) return tooMany();
    const allOrNone = req.query.get('allOrNone') === 'true';
    return {
      status: 200,
      body: inTransaction(store, allOrNone, () => ids.map((id) => deleteRecord(store, id))),
    };
  }
  if (req.method !== 'POST' && req.method !== 'PATCH') return undefined;
  let input: { allOrNone?: boolean; records?: unknown };
  try {
    input = JSON.parse(req.body || '{}');
  } catch {
    return sfError(400, 'JSON_PARSER_ERROR', 'Unexpected character in request body');
  }
  if (!Array.isArray(input.records)) return sfError(400, 'INVALID_FIELD', 'records is required');
  if (input.records.length > LIMIT) return tooMany();
  const records = input.records as Array<Record<string, unknown>>;
  const create = req.method === 'POST';
  const results = inTransaction(store, input.allOrNone === true, () =>
    records.map((record) => {
      const type = (record.attributes as { type?: string } | undefined)?.type;
      if (!type && create) {
        return {
          success: false,
          errors: [{ statusCode: 'INVALID_TYPE', message: 'Must send a concrete entity type.', fields: [] }],
        };
      }
      const { attributes: _a, ...fields } = record;
      return create ? createRecord(store, type!, fields) : updateRecord(store, type, fields);
    }),
  );
  return { status: 200, body: results };
}

const CAMPAIGN_TYPES = new Set(['campaign', 'campaignmember']);

function isCampaignWrite(req: EmuRequest): boolean {
  if (req.method === 'DELETE') {
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    return ids.length > 0 && ids.every((id) => id.startsWith('00v') || id.startsWith('701'));
  }
  if (req.method !== 'POST' && req.method !== 'PATCH') return false;
  try {
    const records = (JSON.parse(req.body || '{}') as { records?: unknown }).records;
    return (
      Array.isArray(records) &&
      records.length > 0 &&
      records.every((r) =>
        CAMPAIGN_TYPES.has(
          String((r as { attributes?: { type?: string } })?.attributes?.type ?? '').toLowerCase(),
        ),
      )
    );
  } catch {
    return false;
  }
}

function tooMany(): EmuResponse {
  return sfError(
    400,
    'EXCEEDED_ID_LIMIT',
    `record limit reached. cannot submit more than ${LIMIT} records into this call`,
  );
}
