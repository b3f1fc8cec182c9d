import type { DatabaseSync } from 'node:sqlite';
import { type FieldDef, sqliteType } from './field-types.ts';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Fields that segments join or correlate on, by naming convention (SubscriberKey, AccountId, OwnerID…). */
export function isJoinKeyName(name: string): boolean {
  return /(key|id)$/i.test(name);
}

/**
 * Fields of a DE that get a lookup index: join keys by name, plus the first field of a composite primary key.
 * The translated SQL compares text through its collation key `tsql_key(col)` (src/emulator/sql/collation.ts),
 * so a text field's index is on that expression (the primary-key index, on the column, cannot serve it);
 * numbers and dates compare as stored and get a plain index.
 */
export function joinKeyFields(fields: FieldDef[]): FieldDef[] {
  const pk = fields.filter((f) => f.isPrimaryKey);
  const leadsPk = (f: FieldDef) => pk[0]?.objectId === f.objectId && !/NOCASE/.test(sqliteType(f.fieldType));
  return fields.filter(
    (f) => (isJoinKeyName(f.name) || (pk.length > 1 && pk[0].objectId === f.objectId)) && !leadsPk(f),
  );
}

/** Named after the field's ObjectID, so the index follows the field through renames. */
export const joinIndexName = (tableName: string, fieldObjectId: string) =>
  `jc_${tableName}_${fieldObjectId.replace(/-/g, '')}`;

/** The indexed expression: the collation key for text, the column itself otherwise. */
function indexedExpression(f: FieldDef): string {
  return /NOCASE/.test(sqliteType(f.fieldType)) ? `tsql_key(${q(f.name)})` : q(f.name);
}

/** Makes the DE's join-key indexes match its fields: creates missing ones, drops those of fields no longer keys. */
export function syncJoinIndexes(db: DatabaseSync, de: { tableName: string; fields: FieldDef[] }): void {
  const wanted = new Map(joinKeyFields(de.fields).map((f) => [joinIndexName(de.tableName, f.objectId), f]));
  const existing = db
    .prepare(
      // jk_ indexes (COLLATE NOCASE, before the collation key) are dropped as no longer wanted.
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND (name LIKE 'jc\\_%' ESCAPE '\\' OR name LIKE 'jk\\_%' ESCAPE '\\')",
    )
    .all(de.tableName) as Array<{ name: string }>;
  for (const { name } of existing) if (!wanted.delete(name)) db.exec(`DROP INDEX ${q(name)}`);
  for (const [name, f] of wanted)
    db.exec(`CREATE INDEX ${q(name)} ON ${q(de.tableName)} (${indexedExpression(f)})`);
}

/** SQLite refuses to drop an indexed column, so a field's own index goes first. */
export function dropJoinIndex(db: DatabaseSync, tableName: string, fieldObjectId: string): void {
  db.exec(`DROP INDEX IF EXISTS ${q(joinIndexName(tableName, fieldObjectId))}`);
}
