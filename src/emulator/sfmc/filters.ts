import type { EmuHandler } from '../http/types.ts';
import { unknownFilterOperators } from '../run/filter-operators.ts';
import type { FilterActivityData, FilterDefinitionData } from '../run/filter-run.ts';
import type { StoredObject } from '../state/index.ts';
import { json, notFound, parseJson, restDate, restError, type SfmcContext } from './context.ts';
import { EMULATOR_USER } from './emulator-user.ts';
import { page } from './paging.ts';

type Body = Record<string, unknown>;

/** /automation/v1/filters (filter activities) and /email/v1/filters/filterdefinition (filter definitions). */
export function createFiltersHandler(ctx: SfmcContext): EmuHandler {
  const { state } = ctx;
  const activityView = (f: StoredObject<FilterActivityData>) => ({
    categoryId: f.data.categoryId,
    customerKey: f.customerKey,
    description: f.data.description,
    destinationObjectId: f.data.destinationObjectId,
    destinationTypeId: 2,
    filterActivityId: f.objectId,
    filterDefinitionId: f.data.filterDefinitionId,
    name: f.name,
    sourceObjectId: f.data.sourceObjectId,
    sourceTypeId: 2,
    statusId: 1,
    createdDate: f.data.createdDate,
    modifiedDate: f.data.modifiedDate,
  });
  /**
   * A read (`full`) and a write answer differ (recorded email/v1/filters/filterdefinition/{id}/get-response.json
   * vs post-/patch-response.json): a read names the users (createdBy/createdByName, lastUpdatedBy/
   * lastUpdatedByName), carries description and the source's type and name; a write carries owner,
   * createdBy and lastUpdatedBy, and no description.
   */
  const definitionView = (f: StoredObject<FilterDefinitionData>, full: boolean) => {
    const de = state.dataExtensions.getById(f.data.derivedFromObjectId);
    const user = EMULATOR_USER.id;
    return {
      id: f.objectId,
      key: f.customerKey,
      ...(full ? {} : { owner: user }),
      createdDate: f.data.createdDate,
      createdBy: user,
      ...(full ? { createdByName: EMULATOR_USER.name } : {}),
      lastUpdated: f.data.lastUpdated,
      lastUpdatedBy: user,
      ...(full ? { lastUpdatedByName: EMULATOR_USER.name } : {}),
      name: f.name,
      ...(full ? { description: f.data.description } : {}),
      categoryId: f.data.categoryId,
      filterDefinitionXml: f.data.filterDefinitionXml,
      derivedFromObjectId: f.data.derivedFromObjectId,
      derivedFromType: f.data.derivedFromType,
      isSendable: de?.isSendable ?? false,
      ...(full ? { derivedFromObjectTypeName: 'DataExtension', derivedFromObjectName: de?.name ?? '' } : {}),
    };
  };

  return (req) => {
    const fa = /^\/automation\/v1\/filters(?:\/([^/]+))?\/?$/.exec(req.path);
    if (fa) {
      if (!fa[1]) {
        if (req.method === 'GET')
          return json(
            200,
            page(req, state.objects.list<FilterActivityData>('filterActivity').map(activityView), 500, 500),
          );
        return notFound();
      }
      const f = state.objects.get<FilterActivityData>('filterActivity', fa[1]);
      if (!f) return notFound();
      if (req.method === 'GET') return json(200, activityView(f));
      if (req.method === 'DELETE') {
        state.objects.delete('filterActivity', f.objectId);
        return { status: 200, body: '' };
      }
      if (req.method === 'PATCH') {
        const parsed = parseJson(req);
        if (!parsed.ok) return parsed.response;
        const b = parsed.value as Body;
        const next = {
          ...f,
          name: String(b.name ?? f.name),
          data: {
            ...f.data,
            description: String(b.description ?? f.data.description),
            categoryId: Number(b.categoryId ?? f.data.categoryId),
            modifiedDate: restDate(state.now()),
          },
        };
        state.objects.put('filterActivity', next);
        return json(200, activityView(next));
      }
      return notFound();
    }
    const fd = /^\/email\/v1\/filters\/filterdefinition(?:\/(category)\/(\d+)|\/([^/]+))?\/?$/.exec(req.path);
    if (!fd) return undefined;
    if (fd[1]) {
      const items = state.objects
        .list<FilterDefinitionData>('filterDefinition')
        .filter((f) => f.data.categoryId === Number(fd[2]))
        // Category list items have the read shape (recorded …/filterdefinition/category/5318/get-response.json).
        .map((f) => definitionView(f, true));
      return json(200, { ...page(req, items, 100, 100), links: {} });
    }
    if (!fd[3]) {
      if (req.method !== 'POST') return notFound();
      const parsed = parseJson(req);
      if (!parsed.ok) return parsed.response;
      const b = parsed.value as Body;
      const key = String(b.key || crypto.randomUUID());
      if (state.objects.getByKey('filterDefinition', key))
        return restError(400, 373005, `A filter definition with the key ${key} already exists.`);
      if (state.objects.getByName('filterDefinition', String(b.name ?? ''))) {
        return restError(400, 373004, `A filter definition with the name ${String(b.name)} already exists.`);
      }
      const source = state.dataExtensions.getById(String(b.derivedFromObjectId ?? ''));
      if (!source)
        return restError(400, 373009, 'The source data extension (derivedFromObjectId) was not found.');
      const xml = String(b.filterDefinitionXml ?? '');
      if (!/^<FilterDefinition[\s>]/.test(xml.trim())) return restError(400, 373009, 'Invalid DataFilter.');
      const unknown = unknownFilterOperators(xml);
      if (unknown.length)
        return restError(400, 373009, `Invalid DataFilter: unknown operator ${unknown.join(', ')}.`);
      const now = restDate(state.now());
      const f: StoredObject<FilterDefinitionData> = {
        objectId: crypto.randomUUID(),
        customerKey: key,
        name: String(b.name ?? key),
        data: {
          description: String(b.description ?? ''),
          categoryId: Number(b.categoryId ?? state.folders.rootOf('filterdefinition')!.id),
          derivedFromType: Number(b.derivedFromType ?? 2),
          derivedFromObjectId: source.objectId,
          filterDefinitionXml: xml,
          createdDate: now,
          lastUpdated: now,
        },
      };
      state.objects.put('filterDefinition', f);
      return json(200, definitionView(f, false));
    }
    const f = state.objects.get<FilterDefinitionData>('filterDefinition', fd[3]);
    if (!f) return notFound();
    if (req.method === 'GET') return json(200, definitionView(f, true));
    if (req.method === 'DELETE') {
      state.objects.delete('filterDefinition', f.objectId);
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: f.objectId };
    }
    if (req.method === 'PATCH') {
      const parsed = parseJson(req);
      if (!parsed.ok) return parsed.response;
      const b = parsed.value as Body;
      if (b.derivedFromObjectId && b.derivedFromObjectId !== f.data.derivedFromObjectId) {
        return restError(400, 373009, 'The source of a filter definition cannot be changed.');
      }
      const unknown = unknownFilterOperators(String(b.filterDefinitionXml ?? ''));
      if (unknown.length)
        return restError(400, 373009, `Invalid DataFilter: unknown operator ${unknown.join(', ')}.`);
      const next = {
        ...f,
        name: String(b.name ?? f.name),
        data: {
          ...f.data,
          description: String(b.description ?? f.data.description),
          categoryId: Number(b.categoryId ?? f.data.categoryId),
          filterDefinitionXml: String(b.filterDefinitionXml ?? f.data.filterDefinitionXml),
          lastUpdated: restDate(state.now()),
        },
      };
      state.objects.put('filterDefinition', next);
      return json(200, definitionView(next, false));
    }
    return notFound();
  };
}
