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
  // Shape of a recorded DataFolder retrieve (sfmc-recorded dataFolder/retrieve-ContentTypeIN…-response.xml):
  // Client/ID comes first, the folder's own ObjectID is nil, ParentFolder is {PartnerKey nil, ID,
  // ObjectID nil, CustomerKey} and a root folder's parent is ID 0 with no CustomerKey.
  return {
    properties: [
      'Client.ID',
      'CreatedDate',
      'ModifiedDate',
      'ID',
      'ObjectID',
      'CustomerKey',
      'ParentFolder.ID',
      'ParentFolder.CustomerKey',
      'ParentFolder.Name',
      'Name',
      'Description',
      'ContentType',
      'IsActive',
      'IsEditable',
      'AllowChildren',
    ],
    records: () =>
      state.folders.list().map((f) => {
        const parent = f.parentId ? state.folders.get(f.parentId) : undefined;
        return {
          'Client.ID': ctx.accountId(),
          CreatedDate: soapDate(f.created),
          ModifiedDate: soapDate(f.created),
          ID: f.id,
          ObjectID: null,
          CustomerKey: f.customerKey,
          'ParentFolder.ID': f.parentId,
          'ParentFolder.CustomerKey': parent?.customerKey,
          'ParentFolder.Name': parent?.name,
          Name: f.name,
          Description: f.description,
          ContentType: f.contentType,
          IsActive: 'true',
          IsEditable: bool(f.isEditable),
          AllowChildren: 'true',
        };
      }),
    render(r, props) {
      const has = (p: string) => props.includes(p);
      const out: Record<string, unknown> = {};
      if (has('Client.ID')) out.Client = { ID: r['Client.ID'] };
      out.PartnerKey = null;
      for (const p of ['CreatedDate', 'ModifiedDate', 'ID', 'ObjectID', 'CustomerKey'])
        if (has(p)) out[p] = r[p];
      if (props.some((p) => p.startsWith('ParentFolder.'))) {
        const pf: Record<string, unknown> = { PartnerKey: null };
        if (has('ParentFolder.ID')) pf.ID = r['ParentFolder.ID'];
        pf.ObjectID = null;
        if (has('ParentFolder.CustomerKey') && r['ParentFolder.CustomerKey'] !== undefined)
          pf.CustomerKey = r['ParentFolder.CustomerKey'];
        if (has('ParentFolder.Name') && r['ParentFolder.Name'] !== undefined)
          pf.Name = r['ParentFolder.Name'];
        out.ParentFolder = pf;
      }
      for (const p of ['Name', 'Description', 'ContentType', 'IsActive', 'IsEditable', 'AllowChildren'])
        if (has(p)) out[p] = r[p];
      return out;
    },
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
