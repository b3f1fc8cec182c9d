import { DatabaseSync } from 'node:sqlite';
import { type ColumnKind, registerTsqlFunctions } from '../sql/index.ts';
import { createDataExtensionStore, type DataExtension, type DataExtensionInput } from './data-extensions.ts';
import { type FieldDef, type FieldType, formatDate } from './field-types.ts';
import { createFolderStore } from './folders.ts';
import { createObjectStore } from './objects.ts';
import { type RowResult, type RowTarget, readRows, writeRows } from './rows.ts';
import { RuleError } from './rule-error.ts';
import { createSchema, DATA_VIEWS } from './schema.ts';

export type { DataExtension, DataExtensionInput, FieldInput } from './data-extensions.ts';
export type { FieldDef, FieldType } from './field-types.ts';
export type { Folder } from './folders.ts';
export type { StoredObject } from './objects.ts';
export { RuleError } from './rule-error.ts';

export interface StateOptions {
  /** SQLite file; state survives restarts. Without it the database lives in memory. */
  dataFile?: string;
  now?: () => Date;
}

/** Opens the emulator's database and exposes the catalogue and rows as plain functions. */
export function createState(options: StateOptions = {}) {
  const now = options.now ?? (() => new Date());
  const nowText = () => formatDate(now());
  const db = new DatabaseSync(options.dataFile ?? ':memory:');
  db.exec('PRAGMA journal_mode = WAL');
  registerTsqlFunctions(db, { now });
  createSchema(db, nowText());
  const dataExtensions = createDataExtensionStore(db, nowText);
  const folders = createFolderStore(db, nowText);
  const objects = createObjectStore(db);

  const dataViewFields = (name: string): FieldDef[] =>
    DATA_VIEWS[name].map((def, ordinal) => {
      const [col, type] = def.split(' ');
      const fieldType: FieldType = /Date$|Time$|DateUTC$/.test(col)
        ? 'Date'
        : col === 'IsUnique'
          ? 'Boolean'
          : type === 'INTEGER'
            ? 'Number'
            : 'Text';
      return {
        objectId: `${name}.${col}`,
        name: col,
        fieldType,
        maxLength: fieldType === 'Text' ? 4000 : null,
        scale: 0,
        isRequired: false,
        isPrimaryKey: false,
        defaultValue: null,
        ordinal,
      };
    });

  const dataViewName = (name: string) =>
    Object.keys(DATA_VIEWS).find((v) => v.toLowerCase() === name.toLowerCase());

  /** A DE by CustomerKey (or a data view by its name) as a row target. */
  const target = (keyOrView: string): RowTarget => {
    const view = dataViewName(keyOrView);
    if (view) return { tableName: view, label: view, fields: dataViewFields(view) };
    const de = dataExtensions.get(keyOrView);
    if (!de) throw new RuleError(10000, `Data extension with key ${keyOrView} does not exist.`);
    return deTarget(de);
  };
  const deTarget = (de: DataExtension): RowTarget => ({
    tableName: de.tableName,
    label: de.customerKey,
    fields: de.fields,
  });

  return {
    db,
    now,
    nowText,
    dataExtensions,
    folders,
    objects,
    target,
    deTarget,
    dataViewName,
    dataViewFields,
    createDataExtension: (input: DataExtensionInput) => dataExtensions.create(input),
    /** Bulk seeding: validated, in one transaction; throws on the first bad row and writes nothing. */
    insertRows(keyOrView: string, rows: Record<string, unknown>[]): number {
      const results = writeRows(db, target(keyOrView), rows, { mode: 'insert', atomic: true });
      const bad = results.find((r) => !r.ok);
      if (bad) throw new RuleError(10006, `Row ${bad.index}: ${bad.message}`);
      return results.length;
    },
    upsertRows: (keyOrView: string, rows: Record<string, unknown>[], atomic = false): RowResult[] =>
      writeRows(db, target(keyOrView), rows, { mode: 'upsert', atomic }),
    writeRows: (
      keyOrView: string,
      rows: Record<string, unknown>[],
      mode: 'insert' | 'upsert',
      atomic: boolean,
    ): RowResult[] => writeRows(db, target(keyOrView), rows, { mode, atomic }),
    readRows: (keyOrView: string) => readRows(db, target(keyOrView)),
    clearRows(keyOrView: string): void {
      db.exec(`DELETE FROM "${target(keyOrView).tableName}"`);
    },
    /** Maps a table name as SFMC SQL writes it (DE Name or data view) to its SQLite table. */
    resolveTable(name: string): { table: string; columns: string[]; kinds: ColumnKind[] } | undefined {
      const view = dataViewName(name);
      const fields = view ? dataViewFields(view) : dataExtensions.getByName(name)?.fields;
      if (!fields) return undefined;
      const table = view ?? dataExtensions.getByName(name)!.tableName;
      return { table, columns: fields.map((f) => f.name), kinds: fields.map((f) => columnKind(f.fieldType)) };
    },
    close(): void {
      if (db.isOpen) db.close();
    },
  };
}

export type EmulatorState = ReturnType<typeof createState>;

/** How the SQL engine compares a field's values: text through the collation key, numbers and dates as stored. */
function columnKind(type: FieldType): ColumnKind {
  if (type === 'Number' || type === 'Decimal' || type === 'Boolean') return 'number';
  if (type === 'Date') return 'date';
  return 'string';
}
