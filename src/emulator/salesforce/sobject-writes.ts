import type { EmuRequest, EmuResponse } from '../http/types.ts';
import type { SfObject } from './objects.ts';
import type { SalesforceStore } from './store.ts';

/**
 * REST record writes as jsforce sends them: `POST /sobjects/{T}` (create), `PATCH|DELETE /sobjects/{T}/{id}`
 * and the sObject Collections (`POST|PATCH /composite/sobjects`, `DELETE /composite/sobjects?ids=`), which
 * jsforce uses for arrays from API 42.0. Shapes from the REST API Developer Guide: "Create a Record"
 * (201 `{id, success, errors}`), "Update a Record" / "Delete a Record" (204, no body), and
 * "sObject Collections" (200, one `{id, success, errors: [{statusCode, message, fields}]}` per record,
 * `allOrNone` rolling back every record when one fails).
 */

/** Fields the platform sets itself: describe marks them neither createable nor updateable. */
const READ_ONLY = new Set([
  'Id',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  // Lead conversion fields are set only by convertLead() (Lead object reference; Change Events for Lead
  // Conversion).
  'IsConverted',
  'ConvertedDate',
  'ConvertedAccountId',
  'ConvertedContactId',
  'ConvertedOpportunityId',
]);

/** Picklists the org defaults on create (describe's `defaultValue`), so they are not required. */
const DEFAULTED: Record<string, Record<string, string>> = { Lead: { Status: 'Open - Not Contacted' } };

interface WriteError {
  statusCode: string;
  message: string;
  fields: string[];
}

class RecordError extends Error {
  readonly error: WriteError;
  constructor(error: WriteError) {
    super(error.message);
    this.error = error;
  }
}

const fail = (statusCode: string, message: string, fields: string[] = []): never => {
  throw new RecordError({ statusCode, message, fields });
};

function checkFields(
  obj: SfObject,
  values: Record<string, unknown>,
  creating: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const readOnly: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (name === 'attributes') continue;
    const field = obj.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!field) fail('INVALID_FIELD', `No such column '${name}' on sobject of type ${obj.name}`, [name]);
    else if (READ_ONLY.has(field.name)) readOnly.push(field.name);
    else out[field.name] = value;
  }
  if (readOnly.length) {
    fail(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      readOnly,
    );
  }
  if (creating) {
    for (const [name, value] of Object.entries(DEFAULTED[obj.name] ?? {})) out[name] ??= value;
    const missing = obj.fields
      .filter((f) => f.nillable === false && f.type !== 'boolean' && !READ_ONLY.has(f.name))
      .filter((f) => out[f.name] === undefined || out[f.name] === null || out[f.name] === '')
      .map((f) => f.name);
    if (missing.length)
      fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  }
  return out;
}

function isLive(store: SalesforceStore, obj: SfObject, id: string): boolean {
  const row = store.db.prepare(`SELECT "IsDeleted" AS d FROM "sf_${obj.name}" WHERE "Id" = ?`).get(id) as
    { d: number } | undefined;
  if (!row) fail('NOT_FOUND', 'The requested resource does not exist');
  if (row!.d) fail('ENTITY_IS_DELETED', 'entity is deleted');
  return true;
}

function create(store: SalesforceStore, obj: SfObject, record: Record<string, unknown>): string {
  const [id] = store.insert(obj.name, [checkFields(obj, record, true)]);
  return id;
}

function update(store: SalesforceStore, obj: SfObject, id: string, record: Record<string, unknown>): void {
  isLive(store, obj, id);
  if (obj.name === 'Lead') {
    // A converted lead is read-only (Lead object reference: "you can't update a converted lead").
    const row = store.db.prepare('SELECT "IsConverted" AS c FROM "sf_Lead" WHERE "Id" = ?').get(id) as {
      c: number;
    };
    if (row.c) fail('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
  }
  const values = checkFields(obj, record, false);
  store.update(obj.name, [{ Id: id, ...values }]);
}

function destroy(store: SalesforceStore, obj: SfObject, id: string): void {
  isLive(store, obj, id);
  store.softDelete(obj.name, [id]);
}

const errorBody = (e: unknown): EmuResponse => {
  if (e instanceof RecordError) {
    const status = e.error.statusCode === 'NOT_FOUND' ? 404 : 400;
    return {
      status,
      body: [{ message: e.error.message, errorCode: e.error.statusCode, fields: e.error.fields }],
    };
  }
  throw e;
};

const parse = (req: EmuRequest): unknown => {
  try {
    return JSON.parse(req.body || 'null');
  } catch {
    return undefined;
  }
};

const badJson = (): EmuResponse => ({
  status: 400,
  body: [{ message: 'The request body is not valid JSON', errorCode: 'JSON_PARSER_ERROR' }],
});

/** `/sobjects/{T}` and `/sobjects/{T}/{id}` writes; undefined when the route is not one of them. */
export function sobjectWrite(store: SalesforceStore, req: EmuRequest, rest: string): EmuResponse | undefined {
  const m = /^sobjects\/(\w+)(?:\/([a-zA-Z0-9]{15,18}))?$/.exec(rest);
  if (!m) return undefined;
  const obj = store.object(m[1]);
  if (!obj) return undefined;
  const id = m[2];
  try {
    if (!id && req.method === 'POST') {
      const body = parse(req);
      if (!body || typeof body !== 'object' || Array.isArray(body)) return badJson();
      return {
        status: 201,
        body: { id: create(store, obj, body as Record<string, unknown>), success: true, errors: [] },
      };
    }
    if (id && req.method === 'PATCH') {
      const body = parse(req);
      if (!body || typeof body !== 'object' || Array.isArray(body)) return badJson();
      update(store, obj, id, body as Record<string, unknown>);
      return { status: 204 };
    }
    if (id && req.method === 'DELETE') {
      destroy(store, obj, id);
      return { status: 204 };
    }
  } catch (e) {
    return errorBody(e);
  }
  return undefined;
}

/** sObject Collections: `POST|PATCH /composite/sobjects`, `DELETE /composite/sobjects?ids=…`. */
export function compositeWrite(
  store: SalesforceStore,
  req: EmuRequest,
  rest: string,
): EmuResponse | undefined {
  if (rest !== 'composite/sobjects') return undefined;
  const one = (run: () => string) => {
    try {
      return { id: run(), success: true, errors: [] as WriteError[] };
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      return { success: false, errors: [e.error] };
    }
  };
  let allOrNone = false;
  let work: Array<() => string>;
  if (req.method === 'DELETE') {
    allOrNone = req.query.get('allOrNone') === 'true';
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    work = ids.map((id) => () => {
      const obj = store.objects().find((o) => id.startsWith(o.keyPrefix));
      if (!obj) fail('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${id}`);
      destroy(store, obj!, id);
      return id;
    });
  } else if (req.method === 'POST' || req.method === 'PATCH') {
    const body = parse(req) as { allOrNone?: boolean; records?: Array<Record<string, unknown>> } | undefined;
    if (!body || !Array.isArray(body.records)) return badJson();
    allOrNone = body.allOrNone === true;
    work = body.records.map((record) => () => {
      const type = (record.attributes as { type?: string } | undefined)?.type;
      const obj = type ? store.object(type) : undefined;
      if (!obj) fail('INVALID_TYPE', `sObject type '${type ?? ''}' is not supported.`);
      if (req.method === 'POST') return create(store, obj!, record);
      const { Id, ...values } = record;
      if (typeof Id !== 'string') fail('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
      update(store, obj!, Id as string, values);
      return Id as string;
    });
  } else return undefined;
  const db = store.db;
  db.exec('SAVEPOINT composite');
  const results = work.map(one);
  if (allOrNone && results.some((r) => !r.success)) {
    db.exec('ROLLBACK TO composite');
    db.exec('RELEASE composite');
    // "allOrNone: … the other records are rolled back": those report ALL_OR_NONE_OPERATION_ROLLED_BACK.
    return {
      status: 200,
      body: results.map((r) =>
        r.success
          ? {
              success: false,
              errors: [
                {
                  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                  message:
                    'Record rolled back because not all records were valid and the request was using AllOrNone header',
                  fields: [],
                },
              ],
            }
          : r,
      ),
    };
  }
  db.exec('RELEASE composite');
  return { status: 200, body: results };
}
