import type { DatabaseSync } from 'node:sqlite';
import { type FieldDef, sqliteType } from './field-types.ts';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Fields that segments join or correlate on, by naming convention (SubscriberKey, AccountId, OwnerID…). */
export function isJoinKeyName(name: string): boolean {
  return /(key|id)$/i.test(name);
}

/**
 * Fields of a DE that get a lookup index: join keys by name, plus the first field of a composite primary key.
 * The translated SQL compares every non-numeric operand `COLLATE NOCASE`, so only a NOCASE index serves it;
 * a field leading the primary-key index whose column is already NOCASE (text types) is served by that index.
 */
export function joinKeyFields(fields: FieldDef[]): FieldDef[] {
  const pk = fields.filter((f) => f.isPrimaryKey);
  const leadsPk = (f: FieldDef) => pk[0]?.objectId === f.objectId && /NOCASE/.test(sqliteType(f.fieldType));
  return fields.filter(
    (f) => (isJoinKeyName(f.name) || (pk.length > 1 && pk[0].objectId === f.objectId)) && !leadsPk(f),
  );
}

/** Named after the field's ObjectID, so the index follows the field through renames. */
export const joinIndexName = (tableName: string, fieldObjectId: string) =>
  `jk_${tableName}_${fieldObjectId.replace(/-/g, '')}`;

/** Makes the DE's join-key indexes match its fields: creates missing ones, drops those of fields no longer keys. */
export function syncJoinIndexes(db: DatabaseSync, de: { tableName: string; fields: FieldDef[] }): void {
  const wanted = new Map(joinKeyFields(de.fields).map((f) => [joinIndexName(de.tableName, f.objectId), f]));
  const existing = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'jk\\_%' ESCAPE '\\'",
    )
    .all(de.tableName) as Array<{ name: string }>;
  for (const { name } of existing) if (!wanted.delete(name)) db.exec(`DROP INDEX ${q(name)}`);
  for (const [name, f] of wanted)
    db.exec(`CREATE INDEX ${q(name)} ON ${q(de.tableName)} (${q(f.name)} COLLATE NOCASE)`);
}

/** SQLite refuses to drop an indexed column, so a field's own index goes first. */
export function dropJoinIndex(db: DatabaseSync, tableName: string, fieldObjectId: string): void {
  db.exec(`DROP INDEX IF EXISTS ${q(joinIndexName(tableName, fieldObjectId))}`);
}
