/**
 * The deploy model: desired state (from definitions) and live state (read from the business
 * unit) share these shapes so that `diff` compares like with like. Live resources carry their
 * remote ids and a `managed` flag; ids never take part in comparison.
 */
export type FieldType =
  'Text' | 'Number' | 'Date' | 'Boolean' | 'EmailAddress' | 'Phone' | 'Decimal' | 'Locale';
export type UpdateType = 'Overwrite' | 'Update' | 'Append';
export type ResourceKind =
  'folder' | 'dataExtension' | 'filterDefinition' | 'query' | 'filterActivity' | 'automation';

export interface FieldModel {
  name: string;
  type: FieldType;
  length?: number;
  scale?: number;
  primaryKey: boolean;
  required: boolean;
  default?: string;
  objectId?: string;
}

interface Live {
  id?: string;
  managed?: boolean;
}

export interface FolderModel extends Live {
  contentType: string;
  /** Names below the content type's root, joined by '/'. */
  path: string;
}
/** SFMC data retention (DataRetentionPeriodLength / …UnitOfMeasure, RowBasedRetention, …). */
export interface RetentionModel {
  period: number;
  unit: 'days' | 'weeks' | 'months' | 'years';
  /** true: each row expires on its own (RowBasedRetention); false: the rows and the data extension go. */
  deleteRows: boolean;
  resetOnImport: boolean;
}
export interface DataExtensionModel extends Live {
  key: string;
  name: string;
  folder: string;
  fields: FieldModel[];
  /** Sendable: the field related to "Subscriber Key" (SendableDataExtensionField); absent = not sendable. */
  sendableField?: string;
  retention?: RetentionModel;
  rowCount?: number;
}
export interface QueryModel extends Live {
  key: string;
  name: string;
  folder: string;
  sql: string;
  targetKey: string;
  updateType: UpdateType;
  /** Static segments (and what they read): run once when created or changed. */
  runOnDeploy?: boolean;
  /** Order of that run: level n starts when every run of a lower level has finished. */
  runLevel?: number;
}
export interface FilterDefinitionModel extends Live {
  key: string;
  name: string;
  folder: string;
  sourceKey: string;
  /** Canonical XML: field references by name, SourceID by source DE key. */
  xml: string;
}
export interface FilterActivityModel extends Live {
  key: string;
  name: string;
  folder: string;
  filterDefinitionKey: string;
  sourceKey: string;
  destinationKey: string;
  runOnDeploy?: boolean;
  runLevel?: number;
}
export interface ScheduleModel {
  icalRecur: string;
  startDate: string;
  timezoneId: number;
}
export interface AutomationModel extends Live {
  key: string;
  name: string;
  folder: string;
  /** Each step lists activity references `query:<key>` or `filterActivity:<key>`. */
  steps: string[][];
  schedule?: ScheduleModel;
  /** Desired: 'scheduled' when a schedule exists. Live: what SFMC reports. */
  status: 'scheduled' | 'paused' | 'ready' | 'other';
}

export interface Model {
  folders: FolderModel[];
  dataExtensions: DataExtensionModel[];
  filterDefinitions: FilterDefinitionModel[];
  queries: QueryModel[];
  filterActivities: FilterActivityModel[];
  automations: AutomationModel[];
}

export const emptyModel = (): Model => ({
  folders: [],
  dataExtensions: [],
  filterDefinitions: [],
  queries: [],
  filterActivities: [],
  automations: [],
});

const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = {
  Text: 50,
  EmailAddress: 254,
  Phone: 50,
  Locale: 5,
};
const TYPES: FieldType[] = [
  'Text',
  'Number',
  'Date',
  'Boolean',
  'EmailAddress',
  'Phone',
  'Decimal',
  'Locale',
];

/** SFMC field names are case-insensitive; lengths have type defaults; a primary key is always required. */
export function normaliseField(f: {
  name: string;
  type: string;
  length?: number;
  scale?: number;
  primaryKey?: boolean;
  required?: boolean;
  default?: string;
  objectId?: string;
}): FieldModel {
  const type = TYPES.find((t) => t.toLowerCase() === f.type.toLowerCase()) ?? (f.type as FieldType);
  const out: FieldModel = {
    name: f.name,
    type,
    primaryKey: !!f.primaryKey,
    required: !!f.primaryKey || !!f.required,
  };
  if (type === 'Decimal') {
    out.length = f.length ?? 18;
    out.scale = f.scale ?? 0;
  } else if (type in DEFAULT_LENGTH) {
    out.length = f.length ?? DEFAULT_LENGTH[type];
  }
  if (f.default !== undefined && f.default !== '') out.default = String(f.default);
  if (f.objectId) out.objectId = f.objectId;
  return out;
}

/** Collapses whitespace outside string literals and drops a trailing semicolon. */
export function normaliseSql(sql: string): string {
  const parts = sql.split(/('(?:[^']|'')*')/);
  return parts
    .map((p, i) => (i % 2 === 1 ? p : p.replace(/\s+/g, ' ')))
    .join('')
    .trim()
    .replace(/\s*;$/, '');
}

export function describeField(f: FieldModel): string {
  if (f.type === 'Decimal') return `Decimal(${f.length},${f.scale ?? 0})`;
  return f.length !== undefined ? `${f.type}(${f.length})` : f.type;
}

export const fieldKey = (name: string) => name.toLowerCase();
export const folderKey = (f: Pick<FolderModel, 'contentType' | 'path'>) => `${f.contentType}:${f.path}`;
