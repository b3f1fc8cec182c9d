import type { DatabaseSync } from 'node:sqlite';
import { RuleError } from './rule-error.ts';

export interface Folder {
  id: number;
  objectId: string;
  customerKey: string;
  name: string;
  description: string;
  contentType: string;
  parentId: number;
  isEditable: boolean;
  created: string;
}

/**
 * Folder content types SOAP DataFolder Create refuses (Accenture/sfmc-devtools issue #1320: automation and
 * journey folders "dont work when we attempt to create them via soap API"; its Folder.js sends them to
 * REST POST /email/v1/category instead). The refusal's wording is the emulator's own (UNCERTAIN).
 */
export const SOAP_REFUSED_FOLDER_TYPES: ReadonlySet<string> = new Set(['automations', 'journey']);

export function createFolderStore(db: DatabaseSync, nowText: () => string) {
  const hydrate = (r: Record<string, unknown>): Folder => ({
    id: Number(r.id),
    objectId: String(r.object_id),
    customerKey: String(r.customer_key ?? ''),
    name: String(r.name),
    description: String(r.description ?? ''),
    contentType: String(r.content_type),
    parentId: Number(r.parent_id),
    isEditable: r.is_editable === 1,
    created: String(r.created),
  });
  const get = (id: number) => {
    const r = db.prepare('SELECT * FROM emu_folders WHERE id = ?').get(id) as
      Record<string, unknown> | undefined;
    return r ? hydrate(r) : undefined;
  };
  return {
    get,
    list: (): Folder[] =>
      (db.prepare('SELECT * FROM emu_folders ORDER BY id').all() as Record<string, unknown>[]).map(hydrate),
    rootOf: (contentType: string): Folder | undefined => {
      const r = db
        .prepare('SELECT * FROM emu_folders WHERE content_type = ? AND parent_id = 0')
        .get(contentType) as Record<string, unknown> | undefined;
      return r ? hydrate(r) : undefined;
    },
    create(input: {
      name: string;
      customerKey?: string;
      description?: string;
      contentType: string;
      parentId: number;
      /** Which API asks: SOAP DataFolder Create (the default) cannot make every content type. */
      api?: 'soap' | 'rest';
    }): Folder {
      if ((input.api ?? 'soap') === 'soap' && SOAP_REFUSED_FOLDER_TYPES.has(input.contentType.toLowerCase()))
        throw new RuleError(
          10000,
          `Folders of ContentType ${input.contentType} cannot be created with the SOAP API.`,
        );
      const parent = get(input.parentId);
      if (!parent) throw new RuleError(10000, `Parent folder ${input.parentId} does not exist.`);
      if (parent.contentType !== input.contentType) {
        throw new RuleError(
          10000,
          `The ContentType ${input.contentType} does not match the parent folder's ContentType ${parent.contentType}.`,
        );
      }
      const dup = db
        .prepare('SELECT 1 FROM emu_folders WHERE parent_id = ? AND name = ? COLLATE NOCASE')
        .get(input.parentId, input.name);
      if (dup) throw new RuleError(10000, `A folder named ${input.name} already exists in this folder.`);
      const row = db
        .prepare("UPDATE emu_counters SET value = value + 1 WHERE name = 'folder' RETURNING value")
        .get() as { value: number };
      db.prepare(
        'INSERT INTO emu_folders (id, object_id, customer_key, name, description, content_type, parent_id, is_editable, created) VALUES (?,?,?,?,?,?,?,1,?)',
      ).run(
        row.value,
        crypto.randomUUID(),
        input.customerKey ?? '',
        input.name,
        input.description ?? '',
        input.contentType,
        input.parentId,
        nowText(),
      );
      return get(row.value)!;
    },
    update(id: number, patch: { name?: string; description?: string; parentId?: number }): Folder {
      const f = get(id);
      if (!f) throw new RuleError(10000, `Folder ${id} does not exist.`);
      if (!f.isEditable) throw new RuleError(10000, `Folder ${f.name} is not editable.`);
      db.prepare('UPDATE emu_folders SET name = ?, description = ?, parent_id = ? WHERE id = ?').run(
        patch.name ?? f.name,
        patch.description ?? f.description,
        patch.parentId ?? f.parentId,
        id,
      );
      return get(id)!;
    },
    delete(id: number): void {
      const f = get(id);
      if (!f) throw new RuleError(10000, `Folder ${id} does not exist.`);
      if (!f.isEditable) throw new RuleError(10000, `Folder ${f.name} cannot be deleted.`);
      db.prepare('DELETE FROM emu_folders WHERE id = ?').run(id);
    },
  };
}
