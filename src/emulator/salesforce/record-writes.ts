/**
 * Record writes shared by sObject Collections and Bulk API 2.0 ingest: create, update and delete one
 * record, answering a SaveResult-shaped outcome instead of throwing, so a batch reports per record.
 *
 * Evidence:
 * - SaveResult `{ id, success, errors: [{ statusCode, message, fields }] }`: "Create Records Using sObject
 *   Collections", https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-create.html
 * - CampaignMember: CampaignId required; LeadId or ContactId; a second member for the same campaign and
 *   Lead/Contact is refused ("If the record exists, an error is returned and no update is made");
 *   CampaignId, LeadId and ContactId are create-only (no Update property). Object Reference, CampaignMember:
 *   https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_campaignmember.htm
 *   The duplicate's statusCode DUPLICATE_VALUE and its message text are UNCERTAIN (not in the docs found).
 */
import type { SfField, SfObject } from './objects.ts';
import { quoteIdent, type SalesforceStore, tableName } from './store.ts';

export interface WriteError {
  statusCode: string;
  message: string;
  fields: string[];
}
export interface WriteOutcome {
  id?: string;
  success: boolean;
  errors: WriteError[];
}

const fail = (statusCode: string, message: string, fields: string[] = []): WriteOutcome => ({
  success: false,
  errors: [{ statusCode, message, fields }],
});

/** Fields no caller may set: the system stamps them. */
const SYSTEM = new Set([
  'Id',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
]);
/** Per object, fields that can be set on create but not changed by update. */
const CREATE_ONLY: Record<string, string[]> = {
  CampaignMember: ['CampaignId', 'LeadId', 'ContactId', 'LeadOrContactId'],
};
/** Per object, fields the server derives. */
const DERIVED: Record<string, string[]> = {
  CampaignMember: ['LeadOrContactId', 'HasResponded', 'FirstRespondedDate'],
};

export function objectOfId(store: SalesforceStore, id: string): SfObject | undefined {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) return undefined;
  return store.objects().find((o) => id.startsWith(o.keyPrefix));
}

function liveRow(store: SalesforceStore, obj: SfObject, id: string): Record<string, unknown> | undefined {
  return store.db
    .prepare(`SELECT * FROM ${quoteIdent(tableName(obj.name))} WHERE "Id" = ? AND "IsDeleted" = 0`)
    .get(id) as Record<string, unknown> | undefined;
}

/** Field names are case-insensitive in the API; answers the object's own spelling. */
function resolveFields(
  obj: SfObject,
  record: Record<string, unknown>,
): { values: Record<string, unknown> } | { error: WriteOutcome } {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if (name === 'attributes') continue;
    const field = obj.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!field)
      return {
        error: fail('INVALID_FIELD', `No such column '${name}' on sobject of type ${obj.name}`, [name]),
      };
    values[field.name] = value === '' ? null : value;
  }
  return { values };
}

function checkReference(store: SalesforceStore, field: SfField, value: unknown): WriteOutcome | undefined {
  if (field.type !== 'reference' || value === null || value === undefined) return undefined;
  const id = String(value);
  const target = objectOfId(store, id);
  const allowed = field.referenceTo ?? [];
  if (!target || !allowed.includes(target.name) || !liveRow(store, target, id)) {
    return fail('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]);
  }
  return undefined;
}

function checkValues(
  store: SalesforceStore,
  obj: SfObject,
  values: Record<string, unknown>,
): WriteOutcome | undefined {
  for (const [name, value] of Object.entries(values)) {
    const field = obj.fields.find((f) => f.name === name)!;
    const bad = checkReference(store, field, value);
    if (bad) return bad;
    if (typeof value === 'string' && field.length && value.length > field.length) {
      return fail(
        'STRING_TOO_LONG',
        `${field.name}: data value too large: ${value.slice(0, 40)} (max length=${field.length})`,
        [field.name],
      );
    }
  }
  return undefined;
}

function campaignMemberRules(
  store: SalesforceStore,
  values: Record<string, unknown>,
): WriteOutcome | undefined {
  if (!values.CampaignId)
    return fail('REQUIRED_FIELD_MISSING', 'Required fields are missing: [CampaignId]', ['CampaignId']);
  // The object reference: a record with both is created with only the ContactId.
  if (values.ContactId) delete values.LeadId;
  const person = (values.ContactId ?? values.LeadId) as string | undefined;
  if (!person)
    return fail('REQUIRED_FIELD_MISSING', 'Required fields are missing: [LeadId, ContactId]', [
      'LeadId',
      'ContactId',
    ]);
  const column = values.ContactId ? 'ContactId' : 'LeadId';
  const existing = store.db
    .prepare(
      `SELECT "Id" FROM ${quoteIdent(tableName('CampaignMember'))} WHERE "CampaignId" = ? AND ${quoteIdent(column)} = ? AND "IsDeleted" = 0`,
    )
    .get(String(values.CampaignId), person);
  if (existing) return fail('DUPLICATE_VALUE', 'Already a campaign member.', []);
  values.LeadOrContactId = person;
  return undefined;
}

export function createRecord(
  store: SalesforceStore,
  objectName: string,
  record: Record<string, unknown>,
): WriteOutcome {
  const obj = store.object(objectName);
  if (!obj) return fail('INVALID_TYPE', `sObject type '${objectName}' is not supported.`);
  const resolved = resolveFields(obj, record);
  if ('error' in resolved) return resolved.error;
  const values = resolved.values;
  for (const name of Object.keys(values)) {
    if (SYSTEM.has(name) || DERIVED[obj.name]?.includes(name)) {
      return fail(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        [name],
      );
    }
  }
  const missing = obj.fields.filter(
    (f) =>
      f.nillable === false &&
      f.type !== 'boolean' &&
      !SYSTEM.has(f.name) &&
      (values[f.name] === undefined || values[f.name] === null),
  );
  if (missing.length) {
    return fail(
      'REQUIRED_FIELD_MISSING',
      `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`,
      missing.map((f) => f.name),
    );
  }
  const bad = checkValues(store, obj, values);
  if (bad) return bad;
  if (obj.name === 'CampaignMember') {
    const refused = campaignMemberRules(store, values);
    if (refused) return refused;
    if (values.Status === undefined) values.Status = 'Sent';
  }
  try {
    const [id] = store.insert(obj.name, [values]);
    return { id, success: true, errors: [] };
  } catch (e) {
    return fail('INVALID_FIELD', (e as Error).message);
  }
}

export function updateRecord(
  store: SalesforceStore,
  objectName: string | undefined,
  record: Record<string, unknown>,
): WriteOutcome {
  const idKey = Object.keys(record).find((k) => k.toLowerCase() === 'id');
  const id = idKey ? String(record[idKey] ?? '') : '';
  if (!id) return fail('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
  const obj = objectOfId(store, id);
  if (!obj) return fail('MALFORMED_ID', `malformed id ${id}`, ['Id']);
  if (objectName && obj.name.toLowerCase() !== objectName.toLowerCase()) {
    return { id, ...fail('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, ['Id']) };
  }
  if (!liveRow(store, obj, id)) return { id, ...fail('ENTITY_IS_DELETED', 'entity is deleted', []) };
  const { [idKey!]: _id, ...rest } = record;
  const resolved = resolveFields(obj, rest);
  if ('error' in resolved) return { id, ...resolved.error };
  const values = resolved.values;
  for (const name of Object.keys(values)) {
    if (SYSTEM.has(name) || DERIVED[obj.name]?.includes(name) || CREATE_ONLY[obj.name]?.includes(name)) {
      return {
        id,
        ...fail(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          [name],
        ),
      };
    }
  }
  const bad = checkValues(store, obj, values);
  if (bad) return { id, ...bad };
  store.update(obj.name, [{ Id: id, ...values }]);
  return { id, success: true, errors: [] };
}

export function deleteRecord(store: SalesforceStore, id: string): WriteOutcome {
  const obj = objectOfId(store, id);
  if (!obj) return fail('MALFORMED_ID', `malformed id ${id}`, []);
  if (!liveRow(store, obj, id)) return { id, ...fail('ENTITY_IS_DELETED', 'entity is deleted', []) };
  store.softDelete(obj.name, [id]);
  return { id, success: true, errors: [] };
}
