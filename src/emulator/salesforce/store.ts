import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { makeId } from './ids.ts';
import { type SfField, type SfObject, standardObjects, systemFields } from './objects.ts';
import { type SqlValue, toStored } from './values.ts';

/** A record as given by callers: field name → value (Dates, ISO strings, numbers, booleans). */
export type SfRecordInput = Record<string, unknown>;

export interface SalesforceStore {
  readonly db: DatabaseSync;
  object(name: string): SfObject | undefined;
  objects(): SfObject[];
  /** Adds a custom object (name ends in `__c`); system fields are added for you. */
  registerObject(def: { name: string; keyPrefix?: string; label?: string; fields: SfField[] }): SfObject;
  /** Inserts records; missing Ids are generated, timestamps default to now. Returns the Ids. */
  insert(objectName: string, records: Iterable<SfRecordInput>): string[];
  /** Updates fields of existing records and bumps LastModifiedDate/SystemModstamp. */
  update(objectName: string, changes: Array<{ Id: string } & SfRecordInput>): void;
  /** Marks records deleted (IsDeleted = true) as the recycle bin does; bumps SystemModstamp. */
  softDelete(objectName: string, ids: string[]): void;
  /** Removes records for good (emptied recycle bin); their deletes leave the delete log too. */
  purge(objectName: string, ids: string[]): void;
  /**
   * Empties the recycle bin of records deleted before `cutoff` (Salesforce keeps deleted records about
   * 15 days, less when an admin empties the bin). Returns how many records went.
   */
  emptyRecycleBin(cutoff: Date): number;
  /** Deletes of one object between `start` and `end` still in the delete log, and where the log begins. */
  deletedBetween(
    objectName: string,
    start: Date,
    end: Date,
  ): { records: Array<{ id: string; deletedDate: string }>; earliestDateAvailable: string };
  /**
   * Converts a lead as `convertLead()` does: creates an account and a contact from it and updates the
   * lead (Status, IsConverted, ConvertedDate, ConvertedAccountId, ConvertedContactId).
   */
  convertLead(
    leadId: string,
    opts?: { convertedStatus?: string; accountId?: string },
  ): { accountId: string; contactId: string };
  count(objectName: string, includeDeleted?: boolean): number;
}

export const tableName = (objectName: string): string => `sf_${objectName}`;
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function columnSql(field: SfField): string {
  const col = quoteIdent(field.name);
  switch (field.type) {
    case 'boolean':
    case 'int':
      return `${col} INTEGER`;
    case 'double':
    case 'currency':
    case 'percent':
      return `${col} REAL`;
    case 'id':
      return `${col} TEXT PRIMARY KEY`;
    case 'reference':
    case 'date':
    case 'datetime':
      return `${col} TEXT`;
    default:
      // SOQL compares text case-insensitively.
      return `${col} TEXT COLLATE NOCASE`;
  }
}

export function createSalesforceStore(
  db: DatabaseSync,
  opts: { now?: () => Date; customObjects?: SfObject[]; orgCreatedAt?: Date } = {},
): SalesforceStore {
  const now = opts.now ?? (() => new Date());
  // The delete log's start while nothing was purged: the org's creation, by default a year before the
  // emulator's clock first read (an org is older than the sync that starts using it).
  const createdAt = (opts.orgCreatedAt ?? new Date(now().getTime() - 365 * 86_400_000)).toISOString();
  const registry = new Map<string, SfObject>();
  const insertStatements = new Map<string, StatementSync>();
  let sequence = 0;

  const ensureTable = (obj: SfObject): void => {
    const table = quoteIdent(tableName(obj.name));
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (${obj.fields.map(columnSql).join(', ')})`);
    const existing = new Set(
      (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((r) => r.name),
    );
    for (const field of obj.fields) {
      if (!existing.has(field.name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${columnSql(field)}`);
    }
    db.exec(
      `CREATE INDEX IF NOT EXISTS ${quoteIdent(`${tableName(obj.name)}_modstamp`)} ON ${table} ("SystemModstamp", "Id")`,
    );
    db.exec('CREATE TABLE IF NOT EXISTS sf_meta (key TEXT PRIMARY KEY, value TEXT)');
    insertStatements.delete(obj.name);
  };

  const add = (obj: SfObject): SfObject => {
    registry.set(obj.name.toLowerCase(), obj);
    ensureTable(obj);
    return obj;
  };
  for (const obj of [...standardObjects(), ...(opts.customObjects ?? [])]) add(obj);

  const requireObject = (name: string): SfObject => {
    const obj = registry.get(name.toLowerCase());
    if (!obj) throw new Error(`unknown sObject ${name}`);
    return obj;
  };

  const nextSequence = (): number => {
    // Persisted so Ids stay unique across restarts of a file-backed emulator.
    if (sequence === 0) {
      const row = db.prepare("SELECT value FROM sf_meta WHERE key = 'seq'").get() as
        { value: string } | undefined;
      sequence = row ? Number(row.value) : 0;
    }
    sequence += 1;
    return sequence;
  };
  const persistSequence = (): void => {
    if (sequence === 0) return;
    db.prepare(
      "INSERT INTO sf_meta (key, value) VALUES ('seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(String(sequence));
  };

  /** The delete log starts after the latest purged delete ("the last physically deleted object"). */
  const notePurged = (objectName: string, deletedDate: string): void => {
    db.prepare(
      `INSERT INTO sf_meta (key, value) VALUES (?, ?)
       ON CONFLICT(key) DO UPDATE SET value = MAX(value, excluded.value)`,
    ).run(`purged:${objectName}`, deletedDate);
  };

  const insertStatement = (obj: SfObject): StatementSync => {
    let st = insertStatements.get(obj.name);
    if (!st) {
      const cols = obj.fields.map((f) => quoteIdent(f.name)).join(', ');
      const params = obj.fields.map(() => '?').join(', ');
      st = db.prepare(`INSERT INTO ${quoteIdent(tableName(obj.name))} (${cols}) VALUES (${params})`);
      insertStatements.set(obj.name, st);
    }
    return st;
  };

  const transaction = <T>(fn: () => T): T => {
    if (db.isTransaction) return fn();
    db.exec('BEGIN');
    try {
      const out = fn();
      db.exec('COMMIT');
      return out;
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  };

  return {
    db,
    object: (name) => registry.get(name.toLowerCase()),
    objects: () => [...registry.values()],
    registerObject(def) {
      if (!def.name.endsWith('__c')) throw new Error(`custom object names end in __c: ${def.name}`);
      const own = def.fields.filter((f) => !systemFields().some((sf) => sf.name === f.name));
      return add({
        name: def.name,
        label: def.label,
        keyPrefix: def.keyPrefix ?? `a0${registry.size % 10}`,
        fields: [...systemFields(), { name: 'Name', type: 'string' as const, length: 80 }, ...own].filter(
          (f, i, all) => all.findIndex((g) => g.name === f.name) === i,
        ),
      });
    },
    insert(objectName, records) {
      const obj = requireObject(objectName);
      const st = insertStatement(obj);
      const ids: string[] = [];
      transaction(() => {
        for (const record of records) {
          const stamp = now().toISOString();
          const full: SfRecordInput = {
            IsDeleted: false,
            CreatedDate: stamp,
            LastModifiedDate: stamp,
            ...record,
          };
          if (full.SystemModstamp === undefined) full.SystemModstamp = full.LastModifiedDate;
          // A checkbox is never null in Salesforce: unset, it is false (describe: nillable false).
          for (const f of obj.fields) if (f.type === 'boolean' && full[f.name] == null) full[f.name] = false;
          if (!full.Id) full.Id = makeId(obj.keyPrefix, nextSequence(), 'E');
          for (const key of Object.keys(record)) {
            if (!obj.fields.some((f) => f.name === key))
              throw new Error(`No such column '${key}' on ${obj.name}`);
          }
          st.run(...obj.fields.map((f) => toStored(f, full[f.name]) as SqlValue));
          ids.push(String(full.Id));
        }
        persistSequence();
      });
      return ids;
    },
    update(objectName, changes) {
      const obj = requireObject(objectName);
      transaction(() => {
        for (const change of changes) {
          const stamp = now().toISOString();
          const values: SfRecordInput = { LastModifiedDate: stamp, SystemModstamp: stamp, ...change };
          const names = Object.keys(values).filter((k) => k !== 'Id');
          const fields = names.map((n) => {
            const f = obj.fields.find((g) => g.name === n);
            if (!f) throw new Error(`No such column '${n}' on ${obj.name}`);
            return f;
          });
          const set = fields.map((f) => `${quoteIdent(f.name)} = ?`).join(', ');
          const res = db
            .prepare(`UPDATE ${quoteIdent(tableName(obj.name))} SET ${set} WHERE "Id" = ?`)
            .run(...fields.map((f) => toStored(f, values[f.name])), change.Id);
          if (res.changes === 0) throw new Error(`${obj.name} ${change.Id} not found`);
        }
      });
    },
    softDelete(objectName, ids) {
      this.update(
        objectName,
        ids.map((Id) => ({ Id, IsDeleted: true })),
      );
    },
    purge(objectName, ids) {
      const obj = requireObject(objectName);
      const table = quoteIdent(tableName(obj.name));
      const stamp = db.prepare(`SELECT "SystemModstamp" AS s, "IsDeleted" AS d FROM ${table} WHERE "Id" = ?`);
      const st = db.prepare(`DELETE FROM ${table} WHERE "Id" = ?`);
      transaction(() => {
        for (const id of ids) {
          const row = stamp.get(id) as { s: string; d: number } | undefined;
          if (row?.d) notePurged(obj.name, row.s);
          st.run(id);
        }
      });
    },
    emptyRecycleBin(cutoff) {
      let purged = 0;
      transaction(() => {
        for (const obj of registry.values()) {
          const table = quoteIdent(tableName(obj.name));
          const at = cutoff.toISOString();
          const last = db
            .prepare(
              `SELECT MAX("SystemModstamp") AS s FROM ${table} WHERE "SystemModstamp" < ? AND "IsDeleted" = 1`,
            )
            .get(at) as { s: string | null };
          if (!last.s) continue;
          notePurged(obj.name, last.s);
          purged += Number(
            db.prepare(`DELETE FROM ${table} WHERE "SystemModstamp" < ? AND "IsDeleted" = 1`).run(at).changes,
          );
        }
      });
      return purged;
    },
    deletedBetween(objectName, start, end) {
      const obj = requireObject(objectName);
      // A deleted record's deletedDate is its SystemModstamp (GetDeletedResult: "obtained using the
      // SystemModstamp system field if available").
      const rows = db
        .prepare(
          `SELECT "Id" AS id, "SystemModstamp" AS s FROM ${quoteIdent(tableName(obj.name))}
           WHERE "IsDeleted" = 1 AND "SystemModstamp" >= ? AND "SystemModstamp" <= ? ORDER BY "SystemModstamp", "Id"`,
        )
        .all(start.toISOString(), end.toISOString()) as Array<{ id: string; s: string }>;
      const purged = db.prepare('SELECT value FROM sf_meta WHERE key = ?').get(`purged:${obj.name}`) as
        { value: string } | undefined;
      // Nothing purged yet: the log reaches back to the org's beginning (its oldest record, for records
      // loaded with earlier timestamps than the emulator's start).
      let earliest = purged?.value;
      if (!earliest) {
        const oldest = db
          .prepare(`SELECT MIN("SystemModstamp") AS s FROM ${quoteIdent(tableName(obj.name))}`)
          .get() as { s: string | null };
        earliest = oldest.s && oldest.s < createdAt ? oldest.s : createdAt;
      }
      return { records: rows.map((r) => ({ id: r.id, deletedDate: r.s })), earliestDateAvailable: earliest };
    },
    convertLead(leadId, o = {}) {
      const lead = db.prepare(`SELECT * FROM ${quoteIdent(tableName('Lead'))} WHERE "Id" = ?`).get(leadId) as
        Record<string, unknown> | undefined;
      if (!lead || lead.IsDeleted) throw new Error(`Lead ${leadId} not found`);
      if (lead.IsConverted) throw new Error(`Lead ${leadId} is already converted`);
      return transaction(() => {
        const [accountId] = o.accountId
          ? [o.accountId]
          : this.insert('Account', [{ Name: lead.Company, Industry: lead.Industry, OwnerId: lead.OwnerId }]);
        const [contactId] = this.insert('Contact', [
          {
            AccountId: accountId,
            FirstName: lead.FirstName,
            LastName: lead.LastName,
            Name: lead.Name,
            Email: lead.Email,
            Phone: lead.Phone,
            Title: lead.Title,
            LeadSource: lead.LeadSource,
            OwnerId: lead.OwnerId,
          },
        ]);
        this.update('Lead', [
          {
            Id: leadId,
            Status: o.convertedStatus ?? 'Closed - Converted',
            IsConverted: true,
            // "ConvertedDate doesn't include the time" (Change Events for Lead Conversion).
            ConvertedDate: now().toISOString().slice(0, 10),
            ConvertedAccountId: accountId,
            ConvertedContactId: contactId,
          },
        ]);
        return { accountId, contactId };
      });
    },
    count(objectName, includeDeleted = false) {
      const obj = requireObject(objectName);
      const where = includeDeleted ? '' : ' WHERE "IsDeleted" = 0';
      const row = db
        .prepare(`SELECT COUNT(*) AS n FROM ${quoteIdent(tableName(obj.name))}${where}`)
        .get() as {
        n: number;
      };
      return row.n;
    },
  };
}
