import { type DataExtension, type FieldInput, RuleError } from '../../state/index.ts';
import type { SfmcContext } from '../context.ts';
import { bool, isTrue, type SoapObjectType, soapDate, type WriteResult } from './object-type.ts';
import { text, type XNode } from './xml.ts';

/** DataRetention* of a Create (a DE keeps them as created: sfmc-devtools DataExtension.definition.js). */
const retentionOf = (o: XNode) => {
  const length = Number(text(o.DataRetentionPeriodLength));
  const unitOfMeasure = Number(text(o.DataRetentionPeriodUnitOfMeasure));
  if (!length || !unitOfMeasure) return null;
  return {
    length,
    unitOfMeasure,
    rowBased: isTrue(text(o.RowBasedRetention)),
    resetOnImport: isTrue(text(o.ResetRetentionPeriodOnImport)),
    deleteAtEnd: isTrue(text(o.DeleteAtEndOfRetentionPeriod)),
  };
};
const fieldsOf = (o: XNode): XNode[] => ((o.Fields as XNode | undefined)?.Field as XNode[] | undefined) ?? [];

export function fieldInput(f: XNode): FieldInput {
  const num = (v: unknown) => (text(v) === '' ? undefined : Number(text(v)));
  return {
    objectId: text(f.ObjectID) || undefined,
    name: text(f.Name),
    fieldType: text(f.FieldType) || undefined,
    maxLength: num(f.MaxLength),
    scale: num(f.Scale),
    isRequired: text(f.IsRequired) === '' ? undefined : isTrue(text(f.IsRequired)),
    isPrimaryKey: text(f.IsPrimaryKey) === '' ? undefined : isTrue(text(f.IsPrimaryKey)),
    defaultValue: f.DefaultValue === undefined ? undefined : text(f.DefaultValue),
  };
}

const fail = (e: unknown): WriteResult => {
  if (e instanceof RuleError) return { ok: false, message: e.message, errorCode: e.errorCode };
  throw e;
};

/**
 * The Object a Create/Update result echoes: the data extension as sent, with the fields of the request
 * (recorded dataExtension/create-response.xml and update-response.xml: Object/Fields/Field carry
 * PartnerKey nil, ObjectID nil, Name, DefaultValue, MaxLength, IsRequired, IsPrimaryKey, FieldType).
 */
function echoObject(de: DataExtension, sent: XNode[]): Record<string, unknown> {
  const byName = new Map(de.fields.map((f) => [f.name.toLowerCase(), f]));
  const fields = sent.map((f) => {
    const name = text(f.Name);
    const stored = byName.get(name.toLowerCase());
    const out: Record<string, unknown> = {
      PartnerKey: null,
      ObjectID: text(f.ObjectID) || null,
      Name: name,
      DefaultValue: f.DefaultValue === undefined ? (stored?.defaultValue ?? '') : text(f.DefaultValue),
    };
    const maxLength = stored ? stored.maxLength : text(f.MaxLength) || null;
    if (maxLength !== null && maxLength !== undefined) out.MaxLength = maxLength;
    out.IsRequired = stored ? bool(stored.isRequired) : text(f.IsRequired) || 'false';
    out.IsPrimaryKey = stored ? bool(stored.isPrimaryKey) : text(f.IsPrimaryKey) || 'false';
    out.FieldType = stored?.fieldType ?? (text(f.FieldType) || 'Text');
    return out;
  });
  return {
    '@type': 'DataExtension',
    PartnerKey: null,
    ObjectID: de.objectId,
    CustomerKey: de.customerKey,
    Name: de.name,
    Description: de.description,
    IsSendable: bool(de.isSendable),
    IsTestable: bool(de.isTestable),
    ...sendableParts(de),
    RowBasedRetention: 'false',
    ResetRetentionPeriodOnImport: 'false',
    DeleteAtEndOfRetentionPeriod: 'false',
    RetainUntil: '',
    ...(fields.length ? { Fields: { Field: fields } } : {}),
    CategoryID: de.categoryId,
  };
}

/** Sendable DEs only; SFMC leaves both elements out for a DE that is not sendable (recorded retrieve-response.xml). */
function sendableParts(de: DataExtension): Record<string, unknown> {
  if (!de.isSendable || !de.sendableField) return {};
  return {
    SendableDataExtensionField: { PartnerKey: null, ObjectID: null, Name: de.sendableField },
    SendableSubscriberField: { Name: '_SubscriberKey' },
  };
}

const DE_PROPERTIES = [
  'Client.ID',
  'CreatedDate',
  'ModifiedDate',
  'ObjectID',
  'CustomerKey',
  'Name',
  'Description',
  'IsSendable',
  'IsTestable',
  'SendableDataExtensionField.Name',
  'SendableSubscriberField.Name',
  'Template.CustomerKey',
  'DataRetentionPeriodLength',
  'DataRetentionPeriodUnitOfMeasure',
  'RowBasedRetention',
  'ResetRetentionPeriodOnImport',
  'DeleteAtEndOfRetentionPeriod',
  'RetainUntil',
  'CategoryID',
  'Status',
];

export function dataExtensionType(ctx: SfmcContext): SoapObjectType {
  const { state } = ctx;
  return {
    properties: DE_PROPERTIES,
    records: () =>
      state.dataExtensions.list().map((de) => ({
        'Client.ID': ctx.accountId(),
        CreatedDate: soapDate(de.created),
        ModifiedDate: soapDate(de.modified),
        ObjectID: de.objectId,
        CustomerKey: de.customerKey,
        Name: de.name,
        Description: de.description,
        IsSendable: bool(de.isSendable),
        IsTestable: bool(de.isTestable),
        'SendableDataExtensionField.Name': de.isSendable ? (de.sendableField ?? undefined) : undefined,
        'SendableSubscriberField.Name': de.isSendable && de.sendableField ? '_SubscriberKey' : undefined,
        // The emulator makes no DE from a template: SFMC then leaves this out.
        'Template.CustomerKey': undefined,
        // Retention as created (an Update does not change it: sfmc-devtools DataExtension.definition.js).
        DataRetentionPeriodLength: de.retention?.length,
        DataRetentionPeriodUnitOfMeasure: de.retention?.unitOfMeasure,
        RowBasedRetention: bool(!!de.retention?.rowBased),
        ResetRetentionPeriodOnImport: bool(!!de.retention?.resetOnImport),
        DeleteAtEndOfRetentionPeriod: bool(!!de.retention?.deleteAtEnd),
        RetainUntil: '',
        CategoryID: de.categoryId,
        Status: 'Active',
      })),
    /**
     * Recorded dataExtension/retrieve-response.xml: Client/ID, then PartnerKey nil; SendableDataExtensionField
     * and Template are {PartnerKey nil, ObjectID nil, Name|CustomerKey}; SendableSubscriberField is {Name};
     * an absent value leaves its element out (no empty element).
     */
    render(r, props) {
      const out: Record<string, unknown> = {};
      if (props.includes('Client.ID')) out.Client = { ID: r['Client.ID'] };
      out.PartnerKey = null;
      for (const p of props) {
        const v = r[p];
        if (p === 'Client.ID' || v === undefined) continue;
        if (p === 'SendableDataExtensionField.Name')
          out.SendableDataExtensionField = { PartnerKey: null, ObjectID: null, Name: v };
        else if (p === 'SendableSubscriberField.Name') out.SendableSubscriberField = { Name: v };
        else if (p === 'Template.CustomerKey')
          out.Template = { PartnerKey: null, ObjectID: null, CustomerKey: v };
        else out[p] = v;
      }
      return out;
    },
    create(o) {
      try {
        const de = state.dataExtensions.create({
          customerKey: text(o.CustomerKey) || undefined,
          name: text(o.Name),
          description: text(o.Description),
          categoryId: text(o.CategoryID)
            ? Number(text(o.CategoryID))
            : state.folders.rootOf('dataextension')!.id,
          isSendable: isTrue(text(o.IsSendable)),
          isTestable: isTrue(text(o.IsTestable)),
          sendableField: text((o.SendableDataExtensionField as XNode | undefined)?.Name) || null,
          retention: retentionOf(o),
          fields: fieldsOf(o).map(fieldInput),
        });
        return {
          ok: true,
          message: 'Data Extension created.',
          newId: 0,
          newObjectId: de.objectId,
          object: echoObject(de, fieldsOf(o)),
        };
      } catch (e) {
        return fail(e);
      }
    },
    update(o) {
      try {
        const key = text(o.CustomerKey) || state.dataExtensions.getById(text(o.ObjectID))?.customerKey;
        if (!key) return { ok: false, message: 'No CustomerKey or ObjectID given.', errorCode: 310001 };
        const de = state.dataExtensions.update(key, {
          name: text(o.Name) || undefined,
          description: o.Description === undefined ? undefined : text(o.Description),
          categoryId: text(o.CategoryID) ? Number(text(o.CategoryID)) : undefined,
          isSendable: text(o.IsSendable) === '' ? undefined : isTrue(text(o.IsSendable)),
          isTestable: text(o.IsTestable) === '' ? undefined : isTrue(text(o.IsTestable)),
          sendableField: text((o.SendableDataExtensionField as XNode | undefined)?.Name) || undefined,
          fields: fieldsOf(o).map(fieldInput),
        });
        return { ok: true, message: 'Data Extension updated.', object: echoObject(de, fieldsOf(o)) };
      } catch (e) {
        return fail(e);
      }
    },
    delete(o) {
      try {
        const key = text(o.CustomerKey) || state.dataExtensions.getById(text(o.ObjectID))?.customerKey;
        if (!key) return { ok: false, message: 'No CustomerKey or ObjectID given.', errorCode: 310001 };
        // A delete echoes what identified the object (recorded dataExtension/delete-response.xml).
        const fields = fieldsOf(o);
        const target = state.dataExtensions.get(key);
        const echo = (extra: Record<string, unknown> = {}) => ({
          '@type': 'DataExtension',
          PartnerKey: null,
          ObjectID: target?.objectId ?? (text(o.ObjectID) || null),
          CustomerKey: key,
          ...extra,
        });
        if (fields.length) {
          for (const f of fields) state.dataExtensions.deleteField(key, text(f.ObjectID));
          return {
            ok: true,
            message: 'Data Extension Field deleted.',
            object: echo({
              Fields: { Field: fields.map((f) => ({ PartnerKey: null, ObjectID: text(f.ObjectID) })) },
            }),
          };
        }
        state.dataExtensions.delete(key);
        return {
          ok: true,
          message: 'Data Extension deleted. / Data Extension Fields deleted',
          object: echo(),
        };
      } catch (e) {
        return fail(e);
      }
    },
  };
}

export function dataExtensionFieldType(ctx: SfmcContext): SoapObjectType {
  const { state } = ctx;
  return {
    properties: [
      'ObjectID',
      'CustomerKey',
      'Name',
      'Scale',
      'DefaultValue',
      'MaxLength',
      'IsRequired',
      'Ordinal',
      'IsPrimaryKey',
      'FieldType',
      'DataExtension.CustomerKey',
    ],
    records: () =>
      state.dataExtensions.list().flatMap((de) =>
        de.fields.map((f) => ({
          ObjectID: f.objectId,
          CustomerKey: `[${de.customerKey}].[${f.name}]`,
          Name: f.name,
          Scale: f.scale,
          DefaultValue: f.defaultValue ?? '',
          MaxLength: f.maxLength ?? undefined,
          IsRequired: bool(f.isRequired),
          Ordinal: f.ordinal,
          IsPrimaryKey: bool(f.isPrimaryKey),
          FieldType: f.fieldType,
          'DataExtension.CustomerKey': de.customerKey,
        })),
      ),
    render(r, props) {
      const out: Record<string, unknown> = { PartnerKey: null };
      for (const p of props) {
        if (p === 'DataExtension.CustomerKey')
          out.DataExtension = { PartnerKey: null, ObjectID: null, CustomerKey: r[p] };
        else if (!(p === 'MaxLength' && r[p] === undefined)) out[p] = r[p] ?? null;
      }
      return out;
    },
  };
}
