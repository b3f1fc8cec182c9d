import type { DatabaseSync } from 'node:sqlite';

/** Query definitions, filter definitions, filter activities, automations and async requests, stored as JSON. */
export type ObjectType = 'query' | 'filterDefinition' | 'filterActivity' | 'automation' | 'asyncRequest';

export interface StoredObject<T> {
  objectId: string;
  customerKey: string;
  name: string;
  data: T;
}

export function createObjectStore(db: DatabaseSync) {
  const hydrate = <T>(r: Record<string, unknown> | undefined): StoredObject<T> | undefined =>
    r
      ? {
          objectId: String(r.object_id),
          customerKey: String(r.customer_key),
          name: String(r.name),
          data: JSON.parse(String(r.data)) as T,
        }
      : undefined;
  return {
    get<T>(type: ObjectType, objectId: string): StoredObject<T> | undefined {
      return hydrate<T>(
        db
          .prepare('SELECT * FROM emu_objects WHERE type = ? AND object_id = ?')
          .get(type, objectId) as Record<string, unknown>,
      );
    },
    getByKey<T>(type: ObjectType, key: string): StoredObject<T> | undefined {
      return hydrate<T>(
        db.prepare('SELECT * FROM emu_objects WHERE type = ? AND customer_key = ?').get(type, key) as Record<
          string,
          unknown
        >,
      );
    },
    getByName<T>(type: ObjectType, name: string): StoredObject<T> | undefined {
      return hydrate<T>(
        db
          .prepare('SELECT * FROM emu_objects WHERE type = ? AND name = ? COLLATE NOCASE')
          .get(type, name) as Record<string, unknown>,
      );
    },
    list<T>(type: ObjectType): StoredObject<T>[] {
      return (
        db.prepare('SELECT * FROM emu_objects WHERE type = ? ORDER BY rowid').all(type) as Record<
          string,
          unknown
        >[]
      ).map((r) => hydrate<T>(r)!);
    },
    put<T>(type: ObjectType, obj: StoredObject<T>): void {
      db.prepare(
        'INSERT INTO emu_objects (type, object_id, customer_key, name, data) VALUES (?,?,?,?,?) ON CONFLICT (type, object_id) DO UPDATE SET customer_key = excluded.customer_key, name = excluded.name, data = excluded.data',
      ).run(type, obj.objectId, obj.customerKey, obj.name, JSON.stringify(obj.data));
    },
    delete(type: ObjectType, objectId: string): boolean {
      return (
        Number(
          db.prepare('DELETE FROM emu_objects WHERE type = ? AND object_id = ?').run(type, objectId).changes,
        ) > 0
      );
    },
  };
}

export type ObjectStore = ReturnType<typeof createObjectStore>;
