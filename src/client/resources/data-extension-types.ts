export type FieldType =
  'Text' | 'Number' | 'Date' | 'Boolean' | 'EmailAddress' | 'Phone' | 'Decimal' | 'Locale';

export interface FieldInput {
  name: string;
  type: FieldType;
  /** Text: 1–4000; Decimal: precision. */
  length?: number;
  /** Decimal places (Decimal only). */
  scale?: number;
  isPrimaryKey?: boolean;
  isRequired?: boolean;
  defaultValue?: string;
}

export interface Field {
  name: string;
  type: FieldType;
  length?: number;
  scale?: number;
  isPrimaryKey: boolean;
  isRequired: boolean;
  defaultValue?: string;
  objectId?: string;
  /** 0-based position. */
  ordinal: number;
}

export type RetentionUnit = 'days' | 'weeks' | 'months' | 'years';

export interface RetentionInput {
  length: number;
  unit: RetentionUnit;
  /** rows: each row expires on its own; allRows: all rows at period end; dataExtension: rows and the DE. */
  mode?: 'rows' | 'allRows' | 'dataExtension';
  resetOnImport?: boolean;
}

export interface DataExtensionInput {
  key: string;
  name: string;
  description?: string;
  folderId?: number;
  isSendable?: boolean;
  /** Field related to Subscriber Key when sendable. */
  sendableField?: string;
  retention?: RetentionInput;
  fields: FieldInput[];
}

export interface DataExtension {
  objectId?: string;
  key: string;
  name: string;
  description?: string;
  folderId?: number;
  isSendable: boolean;
  sendableField?: string;
  retention?: RetentionInput;
  /** Sorted by ordinal. */
  fields: Field[];
}

export interface FieldChangeResult {
  added: string[];
  widened: string[];
  unchanged: string[];
}
