import type { DatabaseSync } from 'node:sqlite';

/** The metadata catalogue: DEs and fields get their own tables; other SFMC objects live in one JSON store. */
const CATALOGUE = `
CREATE TABLE IF NOT EXISTS emu_folders (
  id INTEGER PRIMARY KEY, object_id TEXT NOT NULL, customer_key TEXT, name TEXT NOT NULL, description TEXT,
  content_type TEXT NOT NULL, parent_id INTEGER NOT NULL, is_editable INTEGER NOT NULL DEFAULT 1, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS emu_data_extensions (
  object_id TEXT PRIMARY KEY, customer_key TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  description TEXT NOT NULL DEFAULT '', category_id INTEGER NOT NULL, is_sendable INTEGER NOT NULL DEFAULT 0,
  is_testable INTEGER NOT NULL DEFAULT 0, sendable_field TEXT, table_name TEXT NOT NULL, created TEXT NOT NULL, modified TEXT NOT NULL,
  retention TEXT);
CREATE TABLE IF NOT EXISTS emu_fields (
  object_id TEXT PRIMARY KEY, de_object_id TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, field_type TEXT NOT NULL,
  max_length INTEGER, scale INTEGER NOT NULL DEFAULT 0, is_required INTEGER NOT NULL, is_primary_key INTEGER NOT NULL,
  default_value TEXT, ordinal INTEGER NOT NULL, UNIQUE (de_object_id, name));
CREATE TABLE IF NOT EXISTS emu_objects (
  type TEXT NOT NULL, object_id TEXT NOT NULL, customer_key TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL,
  data TEXT NOT NULL, PRIMARY KEY (type, object_id), UNIQUE (type, customer_key));
CREATE TABLE IF NOT EXISTS emu_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

const ENGAGEMENT = [
  'AccountID INTEGER',
  'OYBAccountID INTEGER',
  'JobID INTEGER',
  'ListID INTEGER',
  'BatchID INTEGER',
  'SubscriberID INTEGER',
  'SubscriberKey TEXT COLLATE NOCASE',
  'EventDate TEXT',
  'Domain TEXT COLLATE NOCASE',
];

/** System data views, with the columns SFMC documents (dates as 'YYYY-MM-DD HH:MM:SS'). */
export const DATA_VIEWS: Record<string, string[]> = {
  _Sent: [...ENGAGEMENT, 'TriggererSendDefinitionObjectID TEXT', 'TriggeredSendCustomerKey TEXT'],
  _Open: [
    ...ENGAGEMENT,
    'IsUnique INTEGER',
    'TriggererSendDefinitionObjectID TEXT',
    'TriggeredSendCustomerKey TEXT',
  ],
  _Click: [
    ...ENGAGEMENT,
    'URL TEXT',
    'LinkName TEXT',
    'LinkContent TEXT',
    'IsUnique INTEGER',
    'TriggererSendDefinitionObjectID TEXT',
    'TriggeredSendCustomerKey TEXT',
  ],
  _Bounce: [
    ...ENGAGEMENT,
    'IsUnique INTEGER',
    'BounceCategoryID INTEGER',
    'BounceCategory TEXT',
    'BounceSubcategoryID INTEGER',
    'BounceSubcategory TEXT',
    'BounceTypeID INTEGER',
    'BounceType TEXT',
    'SMTPBounceReason TEXT',
    'SMTPMessage TEXT',
    'SMTPCode INTEGER',
    'TriggererSendDefinitionObjectID TEXT',
    'TriggeredSendCustomerKey TEXT',
  ],
  _Unsubscribe: [...ENGAGEMENT, 'IsUnique INTEGER'],
  _Complaint: [...ENGAGEMENT, 'IsUnique INTEGER'],
  // help.salesforce.com "Data View: Business Unit Unsubscribes"; no 6-month limit (it is a status, not events).
  _BusinessUnitUnsubscribes: [
    'BusinessUnitID INTEGER',
    'SubscriberID INTEGER',
    'SubscriberKey TEXT COLLATE NOCASE',
    'UnsubDateUTC TEXT',
    'UnsubReason TEXT',
  ],
  _Subscribers: [
    'SubscriberID INTEGER',
    'SubscriberKey TEXT COLLATE NOCASE',
    'EmailAddress TEXT COLLATE NOCASE',
    'Status TEXT',
    'DateJoined TEXT',
    'DateUnsubscribed TEXT',
    'DateUndeliverable TEXT',
    'BounceCount INTEGER',
    'Domain TEXT',
    'SubscriberType TEXT',
    'Locale TEXT',
  ],
  _Job: [
    'JobID INTEGER',
    'EmailID INTEGER',
    'AccountID INTEGER',
    'AccountUserID INTEGER',
    'FromName TEXT',
    'FromEmail TEXT',
    'SchedTime TEXT',
    'PickupTime TEXT',
    'DeliveredTime TEXT',
    'EventID TEXT',
    'IsMultipart INTEGER',
    'JobType TEXT',
    'JobStatus TEXT',
    'ModifiedBy INTEGER',
    'ModifiedDate TEXT',
    'EmailName TEXT',
    'EmailSubject TEXT',
    'IsWrapped INTEGER',
    'TestEmailAddr TEXT',
    'Category TEXT',
    'BccEmail TEXT',
    'OriginalSchedTime TEXT',
    'CreatedDate TEXT',
    'CharacterSet TEXT',
    'IPAddress TEXT',
    'SalesForceTotalSubscriberCount INTEGER',
    'SalesForceErrorSubscriberCount INTEGER',
    'SendType TEXT',
    'DynamicEmailSubject TEXT',
    'SuppressTracking INTEGER',
    'SendClassificationType TEXT',
    'SendClassification TEXT',
    'ResolveLinksWithCurrentData INTEGER',
    'EmailSendDefinition TEXT',
    'DeduplicateByEmail INTEGER',
    'TriggererSendDefinitionObjectID TEXT',
    'TriggeredSendCustomerKey TEXT',
  ],
};

/** Root folders per content type; ids are small and stable so tests and users can rely on them. */
export const ROOT_FOLDERS: Array<{ id: number; name: string; contentType: string; key: string }> = [
  { id: 1, name: 'Data Extensions', contentType: 'dataextension', key: 'dataextension_default' },
  { id: 2, name: 'Query', contentType: 'queryactivity', key: 'queryactivity_default' },
  { id: 3, name: 'Data Filters', contentType: 'filterdefinition', key: 'filterdefinition_default' },
  { id: 4, name: 'Filter Activities', contentType: 'filteractivity', key: 'filteractivity_default' },
  { id: 5, name: 'my automations', contentType: 'automations', key: 'automations_default' },
  { id: 6, name: 'Hidden', contentType: 'hidden', key: 'hidden_default' },
  {
    id: 7,
    name: 'Shared Data Extensions',
    contentType: 'shared_dataextension',
    key: 'shared_dataextension_default',
  },
];

export function createSchema(db: DatabaseSync, now: string): void {
  db.exec(CATALOGUE);
  // Retention settings (JSON): a persisted state file from before the column gets it by ALTER.
  const deColumns = db.prepare('PRAGMA table_info(emu_data_extensions)').all() as Array<{ name: string }>;
  if (!deColumns.some((c) => c.name === 'retention'))
    db.exec('ALTER TABLE emu_data_extensions ADD COLUMN retention TEXT');
  for (const [name, columns] of Object.entries(DATA_VIEWS)) {
    db.exec(`CREATE TABLE IF NOT EXISTS "${name}" (${columns.map(quoteColumnDef).join(', ')})`);
    const lookup = dataViewIndexColumns(columns);
    // IF NOT EXISTS: a persisted state file from before these indexes gets them on its next open
    // (the older dv_*_lookup, on COLLATE NOCASE, is dropped: the collation key replaced it).
    if (lookup.length) {
      db.exec(`DROP INDEX IF EXISTS "dv_${name}_lookup"`);
      db.exec(
        `CREATE INDEX IF NOT EXISTS "dv_${name}_key" ON "${name}" (${lookup.map((c) => (c === 'SubscriberKey' ? `tsql_key("${c}")` : `"${c}"`)).join(', ')})`,
      );
    }
  }
  const insert = db.prepare(
    'INSERT OR IGNORE INTO emu_folders (id, object_id, customer_key, name, description, content_type, parent_id, is_editable, created) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?)',
  );
  for (const f of ROOT_FOLDERS) insert.run(f.id, crypto.randomUUID(), f.key, f.name, '', f.contentType, now);
  db.prepare('INSERT OR IGNORE INTO emu_counters (name, value) VALUES (?, ?)').run('folder', 1000);
}

/**
 * Segments read data views per contact (correlated EXISTS / COUNT on SubscriberKey, often bounded by EventDate);
 * without an index each contact rescans the whole view. The translated SQL compares SubscriberKey through its
 * collation key `tsql_key(...)` and EventDate as stored, so the index is on exactly those expressions.
 */
function dataViewIndexColumns(columns: string[]): string[] {
  const names = columns.map((c) => c.split(' ')[0]);
  if (!names.includes('SubscriberKey')) return [];
  return names.includes('EventDate') ? ['SubscriberKey', 'EventDate'] : ['SubscriberKey'];
}

function quoteColumnDef(def: string): string {
  const [name, ...rest] = def.split(' ');
  return `"${name}" ${rest.join(' ')}`;
}
