import type { DeField } from './types.ts';

/** The describe `Field` properties the mapping reads. */
export interface DescribeFieldLike {
  name: string;
  type: string;
  length?: number;
  precision?: number;
  scale?: number;
  nillable?: boolean;
}

const TEXT_MAX = 4000;
/** SFMC Decimal holds at most 29 digits. */
const DECIMAL_MAX = 29;

/**
 * Maps a describe field to a data extension field (SALESFORCE-API.md §5). Returns undefined for
 * compound types (address, location) and binary ones, which are synced through their component fields.
 */
export function deFieldFor(f: DescribeFieldLike): DeField | undefined {
  const base = { name: f.name, isPrimaryKey: f.name === 'Id', isNullable: f.name !== 'Id' };
  switch (f.type) {
    case 'id':
    case 'reference':
      return { ...base, type: 'Text', length: 18 };
    case 'string':
    case 'url':
    case 'picklist':
    case 'combobox':
    case 'textarea':
    case 'encryptedstring':
      return { ...base, type: 'Text', length: Math.min(Math.max(f.length || 255, 1), TEXT_MAX) };
    case 'multipicklist':
      return { ...base, type: 'Text', length: TEXT_MAX };
    case 'email':
      return { ...base, type: 'EmailAddress', length: 254 };
    case 'phone':
      // SFMC's Phone type validates numbers; CRM phone fields are free text.
      return { ...base, type: 'Text', length: 40 };
    case 'boolean':
      return { ...base, type: 'Boolean' };
    case 'int':
      return { ...base, type: 'Number' };
    case 'double':
    case 'currency':
    case 'percent': {
      const precision = Math.min(f.precision || 18, DECIMAL_MAX);
      return { ...base, type: 'Decimal', precision, scale: Math.min(f.scale ?? 0, precision) };
    }
    case 'date':
    case 'datetime':
      return { ...base, type: 'Date' };
    case 'time':
      return { ...base, type: 'Text', length: 20 };
    default:
      return undefined;
  }
}

/** The DE schema for the synced fields; `Id` first, as the primary key. */
export function deSchemaFromDescribe(fields: DescribeFieldLike[], wanted: string[]): DeField[] {
  const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  const out: DeField[] = [];
  for (const name of ['Id', ...wanted.filter((w) => w.toLowerCase() !== 'id')]) {
    const f = byName.get(name.toLowerCase());
    if (!f) continue;
    const de = deFieldFor(f);
    if (de) out.push(de);
  }
  return out;
}
