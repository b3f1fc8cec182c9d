import { type DataExtension, type FieldInput, RuleError } from '../../state/index.ts';
import type { SfmcContext } from '../context.ts';
import { bool, isTrue, type SoapObjectType, soapDate, type WriteResult } from './object-type.ts';
import { text, type XNode } from './xml.ts';

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

export function dataExtensionType(ctx: SfmcContext): SoapObjectType {
  const { state } = ctx;
  const echo = (de: DataExtension) => ({
    '@type': 'DataExtension',
    PartnerKey: null,
    ObjectID: de.objectId,
    CustomerKey: de.customerKey,
    Name: de.name,
    Description: de.description,
    IsSendable: bool(de.isSendable),
    IsTestable: bool(de.isTestable),
    CategoryID: de.categoryId,
  });
  return {
    properties: [
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
      'DataRetentionPeriodLength',
      'DataRetentionPeriodUnitOfMeasure',
      'RowBasedRetention',
      'ResetRetentionPeriodOnImport',
      'DeleteAtEndOfRetentionPeriod',
      'RetainUntil',
      'CategoryID',
      'Status',
    ],
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
        'SendableDataExtensionField.Name': de.isSendable ? de.sendableField : undefined,
        'SendableSubscriberField.Name': de.isSendable ? '_SubscriberKey' : undefined,
        DataRetentionPeriodLength: undefined,
        DataRetentionPeriodUnitOfMeasure: undefined,
        RowBasedRetention: 'false',
        ResetRetentionPeriodOnImport: 'false',
        DeleteAtEndOfRetentionPeriod: 'false',
        RetainUntil: '',
        CategoryID: de.categoryId,
        Status: 'Active',
      })),
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
          fields: fieldsOf(o).map(fieldInput),
        });
        return {
          ok: true,
          message: 'Data Extension created.',
          newId: 0,
          newObjectId: de.objectId,
          object: echo(de),
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
          fields: fieldsOf(o).map(fieldInput),
        });
        return { ok: true, message: 'Data Extension updated.', object: echo(de) };
      } catch (e) {
        return fail(e);
      }
    },
    delete(o) {
      try {
        const key = text(o.CustomerKey) || state.dataExtensions.getById(text(o.ObjectID))?.customerKey;
        if (!key) return { ok: false, message: 'No CustomerKey or ObjectID given.', errorCode: 310001 };
        const fields = fieldsOf(o);
        if (fields.length) {
          for (const f of fields) state.dataExtensions.deleteField(key, text(f.ObjectID));
          return {
            ok: true,
            message: 'Data Extension Field deleted.',
            object: echo(state.dataExtensions.get(key)!),
          };
        }
        const de = state.dataExtensions.delete(key);
        return {
          ok: true,
          message: 'Data Extension deleted. / Data Extension Fields deleted',
          object: echo(de),
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
