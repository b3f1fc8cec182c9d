import { RuleError } from '../../state/index.ts';
import type { SfmcContext } from '../context.ts';
import { bool, type SoapObjectType, soapDate } from './object-type.ts';
import { text, type XNode } from './xml.ts';

export function dataFolderType(ctx: SfmcContext): SoapObjectType {
  const { state } = ctx;
  const guard = (fn: () => { message: string; newId?: number; newObjectId?: string }) => {
    try {
      return { ok: true as const, ...fn() };
    } catch (e) {
      if (e instanceof RuleError) return { ok: false as const, message: e.message, errorCode: e.errorCode };
      throw e;
    }
  };
  return {
    properties: [
      'Client.ID',
      'CreatedDate',
      'ModifiedDate',
      'ID',
      'ObjectID',
      'CustomerKey',
      'ParentFolder.ID',
      'ParentFolder.Name',
      'Name',
      'Description',
      'ContentType',
      'IsActive',
      'IsEditable',
      'AllowChildren',
    ],
    records: () =>
      state.folders.list().map((f) => ({
        'Client.ID': ctx.accountId(),
        CreatedDate: soapDate(f.created),
        ModifiedDate: soapDate(f.created),
        ID: f.id,
        ObjectID: f.objectId,
        CustomerKey: f.customerKey,
        'ParentFolder.ID': f.parentId,
        'ParentFolder.Name': state.folders.get(f.parentId)?.name,
        Name: f.name,
        Description: f.description,
        ContentType: f.contentType,
        IsActive: 'true',
        IsEditable: bool(f.isEditable),
        AllowChildren: 'true',
      })),
    create: (o) =>
      guard(() => {
        const f = state.folders.create({
          name: text(o.Name),
          customerKey: text(o.CustomerKey) || undefined,
          description: text(o.Description),
          contentType: text(o.ContentType),
          parentId: Number(text((o.ParentFolder as XNode | undefined)?.ID) || 0),
        });
        return { message: 'Folder created successfully.', newId: f.id, newObjectId: f.objectId };
      }),
    update: (o) =>
      guard(() => {
        const parent = text((o.ParentFolder as XNode | undefined)?.ID);
        state.folders.update(Number(text(o.ID)), {
          name: text(o.Name) || undefined,
          description: o.Description === undefined ? undefined : text(o.Description),
          parentId: parent ? Number(parent) : undefined,
        });
        return { message: 'Folder updated successfully.' };
      }),
    delete: (o) =>
      guard(() => {
        state.folders.delete(Number(text(o.ID)));
        return { message: 'Folder deleted successfully.' };
      }),
  };
}
