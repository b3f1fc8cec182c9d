import { KitError } from '../../errors/index.ts';
import { bool, child, num, type SoapRecord, str } from '../soap/parse.ts';
import { retrieveList, type SoapFilter } from '../soap/retrieve.ts';
import type { SoapClient } from '../soap/soap-client.ts';
import type { XmlObject } from '../soap/xml.ts';
import type {
  DataExtension,
  DataExtensionInput,
  Field,
  FieldChangeResult,
  FieldInput,
  FieldType,
  RetentionInput,
  RetentionUnit,
} from './data-extension-types.ts';
import { planFieldChanges } from './field-rules.ts';

const UNIT_CODES: Record<RetentionUnit, number> = { days: 3, weeks: 4, months: 5, years: 6 };
const UNIT_NAMES: Record<string, RetentionUnit> = { '3': 'days', '4': 'weeks', '5': 'months', '6': 'years' };

const DE_PROPERTIES = [
  'ObjectID',
  'CustomerKey',
  'Name',
  'Description',
  'CategoryID',
  'IsSendable',
  'SendableDataExtensionField.Name',
  'SendableSubscriberField.Name',
  'DataRetentionPeriodLength',
  'DataRetentionPeriodUnitOfMeasure',
  'RowBasedRetention',
  'ResetRetentionPeriodOnImport',
  'DeleteAtEndOfRetentionPeriod',
];

const FIELD_PROPERTIES = [
  'ObjectID',
  'CustomerKey',
  'DataExtension.CustomerKey',
  'Name',
  'FieldType',
  'MaxLength',
  'Scale',
  'IsPrimaryKey',
  'IsRequired',
  'DefaultValue',
  'Ordinal',
];

export function fieldXml(field: FieldInput, ordinal?: number, objectId?: string): XmlObject {
  const hasLength = ['Text', 'Decimal', 'EmailAddress', 'Phone', 'Locale'].includes(field.type);
  return {
    ...(objectId ? { ObjectID: objectId } : {}),
    CustomerKey: objectId ? undefined : field.name,
    Name: field.name,
    FieldType: field.type,
    MaxLength: hasLength ? field.length : undefined,
    Scale: field.type === 'Decimal' ? (field.scale ?? 0) : undefined,
    // SFMC requires primary key fields to be required.
    IsRequired: Boolean(field.isRequired || field.isPrimaryKey),
    IsPrimaryKey: Boolean(field.isPrimaryKey),
    Ordinal: ordinal,
    DefaultValue: field.defaultValue,
  };
}

function retentionXml(retention: RetentionInput | undefined): XmlObject {
  if (!retention) return {};
  const mode = retention.mode ?? 'rows';
  return {
    DataRetentionPeriodLength: retention.length,
    DataRetentionPeriodUnitOfMeasure: UNIT_CODES[retention.unit],
    // rows: RowBasedRetention (each row expires); dataExtension: DeleteAtEndOfRetentionPeriod (rows and DE);
    // allRows: neither (all rows at the period's end, the DE stays). UNCERTAIN pairing: see docs/sfmc-behaviour.md.
    RowBasedRetention: mode === 'rows',
    ResetRetentionPeriodOnImport: Boolean(retention.resetOnImport),
    DeleteAtEndOfRetentionPeriod: mode === 'dataExtension',
  };
}

export function toField(r: SoapRecord): Field {
  const type = (str(r, 'FieldType') ?? 'Text') as FieldType;
  const length = num(r, 'MaxLength');
  const defaultValue = str(r, 'DefaultValue');
  return {
    name: str(r, 'Name') ?? '',
    type,
    ...(length !== undefined && length > 0 ? { length } : {}),
    ...(type === 'Decimal' ? { scale: num(r, 'Scale') ?? 0 } : {}),
    isPrimaryKey: bool(r, 'IsPrimaryKey'),
    isRequired: bool(r, 'IsRequired'),
    ...(defaultValue ? { defaultValue } : {}),
    objectId: str(r, 'ObjectID') || undefined,
    ordinal: num(r, 'Ordinal') ?? 0,
  };
}

function toDataExtension(r: SoapRecord, fields: Field[]): DataExtension {
  const unit = UNIT_NAMES[str(r, 'DataRetentionPeriodUnitOfMeasure') ?? ''];
  const length = num(r, 'DataRetentionPeriodLength');
  const rowBased = bool(r, 'RowBasedRetention');
  const sendableField = str(child(r, 'SendableDataExtensionField'), 'Name');
  return {
    objectId: str(r, 'ObjectID') || undefined,
    key: str(r, 'CustomerKey') ?? '',
    name: str(r, 'Name') ?? '',
    description: str(r, 'Description') || undefined,
    folderId: num(r, 'CategoryID'),
    isSendable: bool(r, 'IsSendable'),
    ...(sendableField ? { sendableField } : {}),
    ...(unit && length
      ? {
          retention: {
            length,
            unit,
            mode: rowBased ? 'rows' : bool(r, 'DeleteAtEndOfRetentionPeriod') ? 'dataExtension' : 'allRows',
            resetOnImport: bool(r, 'ResetRetentionPeriodOnImport'),
          },
        }
      : {}),
    fields: [...fields].sort((a, b) => a.ordinal - b.ordinal),
  };
}

export interface DataExtensionsDeps {
  soap: SoapClient;
  /** Row count, used only to apply the "DE has rows" rules when adding fields. */
  countRows: (key: string) => Promise<number>;
}

export function createDataExtensions({ soap, countRows }: DataExtensionsDeps) {
  async function retrieveFields(filter?: SoapFilter) {
    const records = await retrieveList(soap, {
      objectType: 'DataExtensionField',
      properties: FIELD_PROPERTIES,
      filter,
    });
    const byDe = new Map<string, Field[]>();
    for (const r of records) {
      const deKey = str(child(r, 'DataExtension'), 'CustomerKey') ?? '';
      const list = byDe.get(deKey) ?? [];
      list.push(toField(r));
      byDe.set(deKey, list);
    }
    return byDe;
  }

  async function create(input: DataExtensionInput): Promise<DataExtension> {
    if (input.isSendable && !input.sendableField) {
      throw new KitError('USAGE', `data extension "${input.key}": a sendable DE needs sendableField`);
    }
    if (input.sendableField && !input.fields.some((f) => f.name === input.sendableField)) {
      throw new KitError(
        'USAGE',
        `data extension "${input.key}": sendableField "${input.sendableField}" is not a field`,
      );
    }
    const reply = await soap.call('Create', {
      Objects: {
        '@xsi:type': 'DataExtension',
        CustomerKey: input.key,
        Name: input.name,
        Description: input.description,
        CategoryID: input.folderId,
        IsSendable: Boolean(input.isSendable),
        ...(input.isSendable
          ? {
              SendableDataExtensionField: { Name: input.sendableField },
              // Create/update must say "Subscriber Key"; retrieves answer "_SubscriberKey".
              SendableSubscriberField: { Name: 'Subscriber Key' },
            }
          : {}),
        ...retentionXml(input.retention),
        Fields: { Field: input.fields.map((f, i) => fieldXml(f, i)) },
      },
    });
    return {
      objectId: str(reply.results[0], 'NewObjectID') || undefined,
      key: input.key,
      name: input.name,
      description: input.description,
      folderId: input.folderId,
      isSendable: Boolean(input.isSendable),
      ...(input.sendableField ? { sendableField: input.sendableField } : {}),
      ...(input.retention ? { retention: input.retention } : {}),
      fields: input.fields.map((f, i) => ({
        ...f,
        isPrimaryKey: Boolean(f.isPrimaryKey),
        isRequired: Boolean(f.isRequired || f.isPrimaryKey),
        ordinal: i,
      })),
    };
  }

  async function get(key: string): Promise<DataExtension | undefined> {
    const [de] = await retrieveList(soap, {
      objectType: 'DataExtension',
      properties: DE_PROPERTIES,
      filter: { property: 'CustomerKey', operator: 'equals', value: key },
    });
    if (!de) return undefined;
    const fields = await retrieveFields({
      property: 'DataExtension.CustomerKey',
      operator: 'equals',
      value: key,
    });
    return toDataExtension(de, fields.get(key) ?? []);
  }

  /** Every DE of the BU with fields: one DataExtension retrieve and one DataExtensionField retrieve. */
  async function list(): Promise<DataExtension[]> {
    const des = await retrieveList(soap, { objectType: 'DataExtension', properties: DE_PROPERTIES });
    const fields = await retrieveFields();
    return des.map((r) => toDataExtension(r, fields.get(str(r, 'CustomerKey') ?? '') ?? []));
  }

  /** Adds new fields and widens existing ones; throws FORBIDDEN_CHANGE for what SFMC forbids. */
  async function addFields(key: string, fields: FieldInput[]): Promise<FieldChangeResult> {
    const de = await get(key);
    if (!de) throw new KitError('NOT_FOUND', `data extension "${key}" does not exist`);
    const risky = fields.some(
      (f) =>
        !de.fields.some((e) => e.name.toLowerCase() === f.name.toLowerCase()) &&
        (f.isPrimaryKey || f.isRequired),
    );
    const hasRows = risky ? (await countRows(key)) > 0 : false;
    const changes = planFieldChanges(key, de.fields, fields, hasRows);
    const result: FieldChangeResult = { added: [], widened: [], unchanged: [] };
    const xmlFields: XmlObject[] = [];
    let next = de.fields.length;
    for (const change of changes) {
      if (change.kind === 'same') result.unchanged.push(change.name);
      else if (change.kind === 'add') {
        xmlFields.push(fieldXml(change.field, next++));
        result.added.push(change.field.name);
      } else {
        const { existing, field } = change;
        xmlFields.push({
          ObjectID: existing.objectId,
          Name: existing.name,
          MaxLength: field.length,
          IsRequired: existing.isRequired,
          FieldType: existing.type,
        });
        result.widened.push(existing.name);
      }
    }
    if (xmlFields.length) {
      await soap.call('Update', {
        Objects: { '@xsi:type': 'DataExtension', CustomerKey: key, Fields: { Field: xmlFields } },
      });
    }
    return result;
  }

  async function remove(key: string): Promise<void> {
    await soap.call('Delete', { Objects: { '@xsi:type': 'DataExtension', CustomerKey: key } });
  }

  return { create, get, list, addFields, delete: remove };
}

export type DataExtensionsResource = ReturnType<typeof createDataExtensions>;
