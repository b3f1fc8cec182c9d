/** Every table a rule can read, by lower-cased name: declared data extensions and system data views. */
import { DATA_VIEWS } from '../definitions/data-views.ts';
import type { Project } from '../definitions/project.ts';
import type { DataExtensionDef } from '../definitions/schemas/data-extension.ts';
import type { TableField, TableInfo } from './conditions/types.ts';

export interface Catalog {
  table(name: string): TableInfo | undefined;
  field(table: TableInfo, name: string): TableField | undefined;
}

export function isRequired(f: { primaryKey?: boolean; required?: boolean }): boolean {
  return f.required ?? Boolean(f.primaryKey);
}

export function tableOfDataExtension(de: DataExtensionDef): TableInfo {
  return {
    name: de.name,
    kind: 'dataExtension',
    fields: de.fields.map((f) => ({
      name: f.name,
      type: f.type,
      required: isRequired(f) && f.default === undefined,
    })),
  };
}

export function createCatalog(project: Project): Catalog {
  const tables = new Map<string, TableInfo>();
  for (const v of DATA_VIEWS) {
    tables.set(v.name.toLowerCase(), {
      name: v.name,
      kind: 'dataView',
      fields: v.columns,
      retentionDays: v.retentionDays,
    });
  }
  for (const de of project.dataExtensions) tables.set(de.name.toLowerCase(), tableOfDataExtension(de));
  const fieldMaps = new WeakMap<TableInfo, Map<string, TableField>>();
  return {
    table: (name) => tables.get(name.toLowerCase()),
    field(table, name) {
      let map = fieldMaps.get(table);
      if (!map) {
        map = new Map(table.fields.map((f) => [f.name.toLowerCase(), f]));
        fieldMaps.set(table, map);
      }
      return map.get(name.toLowerCase());
    },
  };
}
