import type { DatabaseSync } from 'node:sqlite';
import { defaultMaxLength, FIELD_TYPES, type FieldDef, type FieldType, sqliteType } from './field-types.ts';
import { dropJoinIndex, syncJoinIndexes } from './join-indexes.ts';
import { RuleError } from './rule-error.ts';

export interface DataExtension {
  objectId: string;
  customerKey: string;
  name: string;
  description: string;
  categoryId: number;
  isSendable: boolean;
  isTestable: boolean;
  sendableField: string | null;
  /** DataRetention* as created (SFMC does not update them: sfmc-devtools DataExtension.definition.js). */
  retention: Retention | null;
  tableName: string;
  created: string;
  modified: string;
  fields: FieldDef[];
}

export interface Retention {
  length: number;
  /** DataRetentionPeriodUnitOfMeasure: 3 Days, 4 Weeks, 5 Months, 6 Years (../shared/reference/SFMC-API.md). */
  unitOfMeasure: number;
  rowBased: boolean;
  resetOnImport: boolean;
  deleteAtEnd: boolean;
}

export interface FieldInput {
  objectId?: string;
  name: string;
  fieldType?: string;
  maxLength?: number | null;
  scale?: number;
  isRequired?: boolean;
  isPrimaryKey?: boolean;
  defaultValue?: string | null;
}

export interface DataExtensionInput {
  customerKey?: string;
  name: string;
  description?: string;
  categoryId?: number;
  isSendable?: boolean;
  isTestable?: boolean;
  sendableField?: string | null;
  retention?: Retention | null;
  fields: FieldInput[];
}

type Row = Record<string, unknown>;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function createDataExtensionStore(db: DatabaseSync, nowText: () => string) {
  const byWhere = (where: string, value: string): DataExtension | undefined => {
    const row = db.prepare(`SELECT * FROM emu_data_extensions WHERE ${where} = ?`).get(value) as
      Row | undefined;
    return row ? hydrate(row) : undefined;
  };
  const hydrate = (r: Row): DataExtension => ({
    objectId: String(r.object_id),
    customerKey: String(r.customer_key),
    name: String(r.name),
    description: String(r.description ?? ''),
    categoryId: Number(r.category_id),
    isSendable: r.is_sendable === 1,
    isTestable: r.is_testable === 1,
    sendableField: (r.sendable_field as string) ?? null,
    retention: r.retention ? (JSON.parse(String(r.retention)) as Retention) : null,
    tableName: String(r.table_name),
    created: String(r.created),
    modified: String(r.modified),
    fields: fieldsOf(String(r.object_id)),
  });
  const fieldsOf = (deId: string): FieldDef[] =>
    (db.prepare('SELECT * FROM emu_fields WHERE de_object_id = ? ORDER BY ordinal').all(deId) as Row[]).map(
      (f) => ({
        objectId: String(f.object_id),
        name: String(f.name),
        fieldType: f.field_type as FieldType,
        maxLength: (f.max_length as number) ?? null,
        scale: Number(f.scale),
        isRequired: f.is_required === 1,
        isPrimaryKey: f.is_primary_key === 1,
        defaultValue: (f.default_value as string) ?? null,
        ordinal: Number(f.ordinal),
      }),
    );
  const rowCount = (de: DataExtension) =>
    Number((db.prepare(`SELECT COUNT(*) AS n FROM ${q(de.tableName)}`).get() as Row).n);

  const normaliseField = (f: FieldInput, ordinal: number): FieldDef => {
    const fieldType = (f.fieldType ?? 'Text') as FieldType;
    if (!FIELD_TYPES.includes(fieldType))
      throw new RuleError(310007, `Invalid FieldType '${f.fieldType}' for field ${f.name}.`);
    if (!f.name || !/^[^\s].*$/.test(f.name)) throw new RuleError(310007, 'A field name is required.');
    const isPrimaryKey = f.isPrimaryKey === true;
    if (isPrimaryKey && f.isRequired === false)
      throw new RuleError(310007, `Primary key field ${f.name} must be required.`);
    let maxLength = f.maxLength ?? defaultMaxLength(fieldType);
    if (fieldType === 'Number' || fieldType === 'Date' || fieldType === 'Boolean') maxLength = null;
    if (fieldType === 'Text' && maxLength !== null && (maxLength < 1 || maxLength > 4000)) {
      throw new RuleError(310007, `MaxLength of field ${f.name} must be between 1 and 4000.`);
    }
    return {
      objectId: f.objectId ?? crypto.randomUUID(),
      name: f.name,
      fieldType,
      maxLength,
      scale: fieldType === 'Decimal' ? (f.scale ?? 0) : 0,
      isRequired: isPrimaryKey || f.isRequired === true,
      isPrimaryKey,
      defaultValue: f.defaultValue ?? null,
      ordinal,
    };
  };

  const insertField = (deId: string, f: FieldDef) =>
    db
      .prepare(
        'INSERT INTO emu_fields (object_id, de_object_id, name, field_type, max_length, scale, is_required, is_primary_key, default_value, ordinal) VALUES (?,?,?,?,?,?,?,?,?,?)',
      )
      .run(...fieldParams(f, deId));
  const fieldParams = (f: FieldDef, deId: string) => [
    f.objectId,
    deId,
    f.name,
    f.fieldType,
    f.maxLength,
    f.scale,
    f.isRequired ? 1 : 0,
    f.isPrimaryKey ? 1 : 0,
    f.defaultValue,
    f.ordinal,
  ];

  const rebuildPkIndex = (de: DataExtension) => {
    const idx = q(`pk_${de.tableName}`);
    db.exec(`DROP INDEX IF EXISTS ${idx}`);
    const pk = de.fields.filter((f) => f.isPrimaryKey);
    if (pk.length)
      db.exec(`CREATE UNIQUE INDEX ${idx} ON ${q(de.tableName)} (${pk.map((f) => q(f.name)).join(', ')})`);
  };

  const inTx = <T>(fn: () => T): T => {
    db.exec('SAVEPOINT de_change');
    try {
      const out = fn();
      db.exec('RELEASE de_change');
      return out;
    } catch (e) {
      db.exec('ROLLBACK TO de_change');
      db.exec('RELEASE de_change');
      throw e;
    }
  };

  return {
    get: (key: string) => byWhere('customer_key', key),
    getByName: (name: string) => byWhere('name', name),
    getById: (id: string) => byWhere('object_id', id),
    list: (): DataExtension[] =>
      (db.prepare('SELECT * FROM emu_data_extensions ORDER BY created, name').all() as Row[]).map(hydrate),
    rowCount,
    fieldById: (id: string): (FieldDef & { deObjectId: string }) | undefined => {
      const r = db.prepare('SELECT de_object_id FROM emu_fields WHERE object_id = ?').get(id) as
        Row | undefined;
      if (!r) return undefined;
      const f = fieldsOf(String(r.de_object_id)).find((x) => x.objectId === id);
      return f ? { ...f, deObjectId: String(r.de_object_id) } : undefined;
    },

    create(input: DataExtensionInput): DataExtension {
      const key = input.customerKey || crypto.randomUUID().toUpperCase();
      if (byWhere('customer_key', key) || byWhere('name', input.name)) {
        throw new RuleError(
          310003,
          'Updating an existing Data Extension definition is not allowed when doing an add-only operation. ',
        );
      }
      if (!input.name) throw new RuleError(310007, 'The data extension name is required.');
      if (!input.fields?.length) throw new RuleError(310007, 'A data extension needs at least one field.');
      const fields = input.fields.map((f, i) => normaliseField(f, i));
      const seen = new Set<string>();
      for (const f of fields) {
        if (seen.has(f.name.toLowerCase()))
          throw new RuleError(310007, `Field name ${f.name} is used more than once.`);
        seen.add(f.name.toLowerCase());
      }
      const objectId = crypto.randomUUID();
      const tableName = `de_${objectId.replace(/-/g, '')}`;
      const now = nowText();
      return inTx(() => {
        db.prepare(
          'INSERT INTO emu_data_extensions (object_id, customer_key, name, description, category_id, is_sendable, is_testable, sendable_field, retention, table_name, created, modified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
        ).run(
          objectId,
          key,
          input.name,
          input.description ?? '',
          input.categoryId ?? 1,
          input.isSendable ? 1 : 0,
          input.isTestable ? 1 : 0,
          input.sendableField ?? null,
          input.retention ? JSON.stringify(input.retention) : null,
          tableName,
          now,
          now,
        );
        for (const f of fields) insertField(objectId, f);
        db.exec(
          `CREATE TABLE ${q(tableName)} (${fields.map((f) => `${q(f.name)} ${sqliteType(f.fieldType)}`).join(', ')})`,
        );
        const de = byWhere('object_id', objectId)!;
        rebuildPkIndex(de);
        syncJoinIndexes(db, de);
        return de;
      });
    },

    /** Applies SFMC's update rules: properties change freely, fields only in the ways SFMC allows. */
    update(
      key: string,
      patch: Partial<Omit<DataExtensionInput, 'fields'>> & { fields?: FieldInput[] },
    ): DataExtension {
      const de = byWhere('customer_key', key);
      if (!de) throw new RuleError(310004, `Data Extension with CustomerKey ${key} does not exist.`);
      return inTx(() => {
        if (patch.name && patch.name.toLowerCase() !== de.name.toLowerCase() && byWhere('name', patch.name)) {
          throw new RuleError(310007, `A data extension named ${patch.name} already exists.`);
        }
        db.prepare(
          'UPDATE emu_data_extensions SET name = ?, description = ?, category_id = ?, is_sendable = ?, is_testable = ?, sendable_field = ?, modified = ? WHERE object_id = ?',
        ).run(
          patch.name ?? de.name,
          patch.description ?? de.description,
          patch.categoryId ?? de.categoryId,
          (patch.isSendable ?? de.isSendable) ? 1 : 0,
          (patch.isTestable ?? de.isTestable) ? 1 : 0,
          patch.sendableField ?? de.sendableField,
          nowText(),
          de.objectId,
        );
        let rows = rowCount(de);
        let ordinal = de.fields.length;
        let pkChanged = false;
        for (const input of patch.fields ?? []) {
          const existing = de.fields.find(
            (f) =>
              (input.objectId && f.objectId === input.objectId) ||
              f.name.toLowerCase() === input.name?.toLowerCase(),
          );
          if (existing) {
            pkChanged = modifyField(de, existing, input) || pkChanged;
          } else {
            if (input.objectId)
              throw new RuleError(310007, `Field with ObjectID ${input.objectId} does not exist.`);
            const f = normaliseField(input, ordinal++);
            if (rows > 0 && f.isPrimaryKey) {
              throw new RuleError(
                310007,
                `Cannot add primary key field ${f.name} to a data extension that contains data.`,
              );
            }
            if (rows > 0 && f.isRequired && (f.defaultValue === null || f.defaultValue === '')) {
              throw new RuleError(
                310007,
                `Field ${f.name} must be nullable or have a default value: the data extension contains data.`,
              );
            }
            insertField(de.objectId, f);
            const def =
              f.defaultValue !== null && f.defaultValue !== '' ? ` DEFAULT ${defaultLiteral(f)}` : '';
            db.exec(
              `ALTER TABLE ${q(de.tableName)} ADD COLUMN ${q(f.name)} ${sqliteType(f.fieldType)}${def}`,
            );
            pkChanged ||= f.isPrimaryKey;
            rows = rowCount(de);
          }
        }
        const fresh = byWhere('object_id', de.objectId)!;
        if (pkChanged) rebuildPkIndex(fresh);
        // Added or renamed fields may be join keys now (or no longer).
        syncJoinIndexes(db, fresh);
        return fresh;
      });

      function modifyField(de: DataExtension, f: FieldDef, input: FieldInput): boolean {
        if (input.fieldType && input.fieldType !== f.fieldType) {
          throw new RuleError(
            310007,
            `The FieldType of field ${f.name} cannot be changed from ${f.fieldType} to ${input.fieldType}.`,
          );
        }
        if (input.maxLength != null && f.maxLength != null && input.maxLength < f.maxLength) {
          throw new RuleError(
            310007,
            `The MaxLength of field ${f.name} cannot be decreased from ${f.maxLength} to ${input.maxLength}.`,
          );
        }
        if (input.isRequired === true && !f.isRequired) {
          throw new RuleError(310007, `Field ${f.name} cannot be changed from nullable to required.`);
        }
        if (input.isPrimaryKey !== undefined && input.isPrimaryKey !== f.isPrimaryKey) {
          throw new RuleError(310007, `The primary key of field ${f.name} cannot be changed.`);
        }
        const name = input.name && input.name !== f.name ? input.name : f.name;
        if (name !== f.name)
          db.exec(`ALTER TABLE ${q(de.tableName)} RENAME COLUMN ${q(f.name)} TO ${q(name)}`);
        db.prepare(
          'UPDATE emu_fields SET name = ?, max_length = ?, is_required = ?, default_value = ? WHERE object_id = ?',
        ).run(
          name,
          input.maxLength ?? f.maxLength,
          input.isRequired === false && !f.isPrimaryKey ? 0 : f.isRequired ? 1 : 0,
          input.defaultValue !== undefined ? input.defaultValue : f.defaultValue,
          f.objectId,
        );
        return false;
      }
    },

    deleteField(key: string, fieldObjectId: string): void {
      const de = byWhere('customer_key', key);
      if (!de) throw new RuleError(310002, `Data Extension with CustomerKey ${key} does not exist.`);
      const f = de.fields.find((x) => x.objectId === fieldObjectId);
      if (!f) throw new RuleError(310007, `Field with ObjectID ${fieldObjectId} does not exist.`);
      if (f.isPrimaryKey) throw new RuleError(310007, `Primary key field ${f.name} cannot be deleted.`);
      inTx(() => {
        dropJoinIndex(db, de.tableName, f.objectId);
        db.exec(`ALTER TABLE ${q(de.tableName)} DROP COLUMN ${q(f.name)}`);
        db.prepare('DELETE FROM emu_fields WHERE object_id = ?').run(f.objectId);
      });
    },

    delete(key: string): DataExtension {
      const de = byWhere('customer_key', key);
      if (!de) throw new RuleError(310002, `Data Extension with CustomerKey ${key} does not exist.`);
      inTx(() => {
        db.exec(`DROP TABLE IF EXISTS ${q(de.tableName)}`);
        db.prepare('DELETE FROM emu_fields WHERE de_object_id = ?').run(de.objectId);
        db.prepare('DELETE FROM emu_data_extensions WHERE object_id = ?').run(de.objectId);
      });
      return de;
    },
  };
}

function defaultLiteral(f: FieldDef): string {
  const v = f.defaultValue ?? '';
  if (f.fieldType === 'Number' || f.fieldType === 'Decimal') return String(Number(v) || 0);
  if (f.fieldType === 'Boolean') return ['true', '1', 'y', 'yes'].includes(v.toLowerCase()) ? '1' : '0';
  return `'${v.replace(/'/g, "''")}'`;
}

export type DataExtensionStore = ReturnType<typeof createDataExtensionStore>;
