import type { EmuHandler } from '../http/types.ts';
import { type DataExtension, RuleError } from '../state/index.ts';
import { json, notFound, parseJson, restError, type SfmcContext } from './context.ts';
import { page } from './paging.ts';

/** /data/v1/customobjects — DE definitions over REST (create, get, list with $search, fields). */
export function createCustomObjectsHandler(ctx: SfmcContext): EmuHandler {
  const { state } = ctx;
  const view = (de: DataExtension) => ({
    id: de.objectId,
    name: de.name,
    key: de.customerKey,
    description: de.description,
    isSendable: de.isSendable,
    isTestable: de.isTestable,
    categoryId: de.categoryId,
    rowCount: state.dataExtensions.rowCount(de),
    fieldCount: de.fields.length,
    dataRetentionProperties: {
      isDeleteAtEndOfRetentionPeriod: false,
      isRowBasedRetention: false,
      isResetRetentionPeriodOnImport: false,
    },
    partnerApiObjectTypeId: 310,
  });
  const fieldView = (de: DataExtension) =>
    de.fields.map((f) => ({
      id: f.objectId,
      name: f.name,
      type: f.fieldType,
      length: f.maxLength ?? undefined,
      scale: f.scale,
      ordinal: f.ordinal,
      isPrimaryKey: f.isPrimaryKey,
      isNullable: !f.isRequired,
      defaultValue: f.defaultValue ?? undefined,
    }));
  return (req) => {
    const m = /^\/data\/v1\/customobjects(?:\/([^/]+))?(?:\/(fields))?\/?$/.exec(req.path);
    if (!m) return undefined;
    if (!m[1]) {
      if (req.method === 'GET') {
        const search = req.query.get('$search');
        if (!search) return restError(400, 10002, '$search is required.');
        const s = search.toLowerCase();
        const items = state.dataExtensions
          .list()
          .filter((de) => de.name.toLowerCase().includes(s) || de.customerKey.toLowerCase().includes(s))
          .map(view);
        return json(200, page(req, items, 25, 2500));
      }
      if (req.method !== 'POST') return notFound();
      const parsed = parseJson(req);
      if (!parsed.ok) return parsed.response;
      const b = parsed.value as Record<string, unknown>;
      const fields = Array.isArray(b.fields) ? (b.fields as Record<string, unknown>[]) : [];
      try {
        const de = state.dataExtensions.create({
          customerKey: b.key ? String(b.key) : undefined,
          name: String(b.name ?? ''),
          description: String(b.description ?? ''),
          categoryId:
            b.categoryId !== undefined ? Number(b.categoryId) : state.folders.rootOf('dataextension')!.id,
          isSendable: b.isSendable === true,
          sendableField: b.sendableCustomObjectField ? String(b.sendableCustomObjectField) : null,
          fields: fields.map((f) => ({
            name: String(f.name ?? ''),
            fieldType: String(f.type ?? 'Text'),
            maxLength: f.length !== undefined ? Number(f.length) : undefined,
            scale: f.scale !== undefined ? Number(f.scale) : undefined,
            isPrimaryKey: f.isPrimaryKey === true,
            isRequired: f.isNullable === false || f.isPrimaryKey === true,
            defaultValue: f.defaultValue !== undefined ? String(f.defaultValue) : null,
          })),
        });
        return json(201, { ...view(de), fields: fieldView(de) });
      } catch (e) {
        if (e instanceof RuleError) return restError(400, 10000, e.message);
        throw e;
      }
    }
    const de =
      state.dataExtensions.getById(m[1]) ??
      (m[1].startsWith('key:') ? state.dataExtensions.get(m[1].slice(4)) : undefined);
    if (!de) return notFound();
    if (m[2] === 'fields' && req.method === 'GET')
      return json(200, { id: de.objectId, fields: fieldView(de) });
    if (req.method === 'GET') return json(200, { ...view(de), fields: fieldView(de) });
    if (req.method === 'DELETE') {
      state.dataExtensions.delete(de.customerKey);
      return { status: 204 };
    }
    return notFound();
  };
}
