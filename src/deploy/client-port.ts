import { collect, type SfmcClient } from '../client/index.ts';
import { fieldPlaceholder, resolveFilterXml, SOURCE_PLACEHOLDER } from '../compiler/index.ts';
import { KitError } from '../errors/index.ts';
import { CONTENT_TYPES, canonicalFilterXml } from './from-project.ts';
import {
  type AutomationModel,
  type DataExtensionModel,
  emptyModel,
  type FilterActivityModel,
  type FilterDefinitionModel,
  type Model,
  normaliseField,
  normaliseSql,
  type QueryModel,
  type ResourceKind,
} from './model.ts';
import type { DeployPort } from './port.ts';
import { sameSchedule } from './schedule.ts';

export interface Ownership {
  keyPrefix: string;
  /** Managed folder paths (below the content type's root) per resource kind; objects in subfolders count too. */
  folders: Partial<Record<ResourceKind, string[]>>;
}

const STATUS: Record<number, AutomationModel['status']> = { 6: 'scheduled', 4: 'paused', 2: 'ready' };
const lc = (s: string) => s.toLowerCase();

/**
 * Adapts the SFMC client to the deployer. `readModel` uses list/bulk calls only: one per folder
 * content type, one DE retrieve (+ its fields), one paged list per other object type.
 * Ids seen while reading are kept so that writes can link objects without more reads.
 */
export function portFromClient(client: SfmcClient, own: Ownership): DeployPort {
  const folderIds = new Map<string, number>(); // `${contentType}:${path}` → id
  const roots = new Map<string, string>(); // contentType → root folder name
  const deByKey = new Map<string, { objectId?: string; fields: Map<string, string> }>();
  const ids = {
    query: new Map<string, string>(),
    filterDefinition: new Map<string, string>(),
    filterActivity: new Map<string, string>(),
    automation: new Map<string, string>(),
  };

  const isManaged = (kind: ResourceKind, key: string, folder: string) => {
    const roots = own.folders[kind];
    const inFolder =
      !roots || roots.some((root) => lc(folder) === lc(root) || lc(folder).startsWith(`${lc(root)}/`));
    return lc(key).startsWith(lc(own.keyPrefix)) && inFolder;
  };
  // Folders share parents: creating them concurrently would race on the same parent name.
  let folderChain: Promise<unknown> = Promise.resolve();
  const folderId = (contentType: string, path: string): Promise<number> => {
    const next = folderChain.then(() => folderIdNow(contentType, path));
    folderChain = next.catch(() => undefined);
    return next;
  };
  const folderIdNow = async (contentType: string, path: string) => {
    const known = folderIds.get(`${contentType}:${lc(path)}`);
    if (known) return known;
    const root = roots.get(contentType);
    if (!root) throw new KitError('NOT_FOUND', `no root folder for content type ${contentType}`);
    const f = await client.folders.ensurePath(`${root}/${path}`, contentType);
    folderIds.set(`${contentType}:${lc(path)}`, f.id);
    return f.id;
  };
  const need = (map: Map<string, string>, key: string, what: string) => {
    const id = map.get(lc(key));
    if (!id) throw new KitError('NOT_FOUND', `${what} ${key} does not exist in the business unit`);
    return id;
  };
  const deId = (key: string) => {
    const id = deByKey.get(lc(key))?.objectId;
    if (!id) throw new KitError('NOT_FOUND', `data extension ${key} does not exist in the business unit`);
    return id;
  };
  const refreshDe = async (key: string) => {
    const de = await client.dataExtensions.get(key);
    if (de)
      deByKey.set(lc(key), {
        objectId: de.objectId,
        fields: new Map(de.fields.map((f) => [lc(f.name), f.objectId ?? ''])),
      });
  };
  /**
   * A create whose answer was lost (a timeout, a 5xx after the write, the transport's own retry answered
   * "already exists") may still have made the object. Before the deploy gives up or repeats it, the object is
   * re-read by key: found, it is the one this POST made (the plan saw no such key), and is adopted.
   */
  async function createOnce<T>(post: () => Promise<T>, find: () => Promise<T | undefined>) {
    try {
      return await post();
    } catch (error) {
      const found = await find().catch(() => undefined);
      if (found) return found;
      throw error;
    }
  }
  const findByKey = async <T extends { key: string }>(items: AsyncIterable<T>, key: string) => {
    for await (const item of items) if (lc(item.key) === lc(key)) return item;
    return undefined;
  };
  const activityId = (ref: string) => {
    const [kind, key] = ref.split(':');
    return kind === 'query'
      ? need(ids.query, key, 'query')
      : need(ids.filterActivity, key, 'filter activity');
  };

  async function readModel(): Promise<Model> {
    const m = emptyModel();
    const pathOf = new Map<number, string>();
    for (const contentType of Object.values(CONTENT_TYPES)) {
      const list = await client.folders.list(contentType);
      const byId = new Map(list.map((f) => [f.id, f]));
      const root = list.find((f) => f.parentId === 0);
      if (root) roots.set(contentType, root.name);
      for (const f of list) {
        const names: string[] = [];
        for (let c = f; c && c.parentId !== 0; c = byId.get(c.parentId)!) names.unshift(c.name);
        if (!names.length) continue;
        const path = names.join('/');
        pathOf.set(f.id, path);
        folderIds.set(`${contentType}:${lc(path)}`, f.id);
        m.folders.push({ contentType, path, id: String(f.id) });
      }
    }
    const folderOf = (id?: number) => (id === undefined ? '' : (pathOf.get(id) ?? ''));
    const deKeyById = new Map<string, string>();
    for (const de of await client.dataExtensions.list()) {
      const folder = folderOf(de.folderId);
      deByKey.set(lc(de.key), {
        objectId: de.objectId,
        fields: new Map(de.fields.map((f) => [lc(f.name), f.objectId ?? ''])),
      });
      if (de.objectId) deKeyById.set(de.objectId, de.key);
      m.dataExtensions.push({
        key: de.key,
        name: de.name,
        folder,
        id: de.objectId,
        managed: isManaged('dataExtension', de.key, folder),
        ...(de.isSendable && de.sendableField ? { sendableField: de.sendableField } : {}),
        ...(de.retention
          ? {
              retention: {
                period: de.retention.length,
                unit: de.retention.unit,
                deleteRows: (de.retention.mode ?? 'rows') === 'rows',
                resetOnImport: !!de.retention.resetOnImport,
              },
            }
          : {}),
        fields: de.fields.map((f) =>
          normaliseField({
            name: f.name,
            type: f.type,
            length: f.length,
            scale: f.scale,
            primaryKey: f.isPrimaryKey,
            required: f.isRequired,
            default: f.defaultValue,
            objectId: f.objectId,
          }),
        ),
      });
    }
    for (const q of await collect(client.queries.list())) {
      ids.query.set(lc(q.key), q.id);
      const folder = folderOf(q.folderId);
      m.queries.push({
        key: q.key,
        name: q.name,
        folder,
        sql: normaliseSql(q.sql),
        targetKey: q.targetKey,
        updateType: q.updateType,
        id: q.id,
        managed: isManaged('query', q.key, folder),
      });
    }
    const fdRoot = own.folders.filterDefinition?.[0];
    const fdFolder = fdRoot ? folderIds.get(`${CONTENT_TYPES.filterDefinition}:${lc(fdRoot)}`) : undefined;
    const fdKeyById = new Map<string, string>();
    if (fdFolder !== undefined) {
      for (const fd of await collect(client.filters.definitions.list(fdFolder))) {
        const sourceKey = deKeyById.get(fd.sourceDataExtensionId ?? '') ?? '';
        ids.filterDefinition.set(lc(fd.key), fd.id);
        fdKeyById.set(fd.id, fd.key);
        const folder = folderOf(fd.folderId);
        m.filterDefinitions.push({
          key: fd.key,
          name: fd.name,
          folder,
          sourceKey,
          xml: liveXmlToCanonical(
            fd.xml,
            fd.sourceDataExtensionId,
            m.dataExtensions.find((d) => lc(d.key) === lc(sourceKey)),
          ),
          id: fd.id,
          managed: isManaged('filterDefinition', fd.key, folder),
        });
      }
    }
    for (const fa of await collect(client.filters.activities.list())) {
      ids.filterActivity.set(lc(fa.key), fa.id);
      const folder = folderOf(fa.folderId);
      m.filterActivities.push({
        key: fa.key,
        name: fa.name,
        folder,
        filterDefinitionKey: fdKeyById.get(fa.filterDefinitionId ?? '') ?? '',
        sourceKey: deKeyById.get(fa.sourceObjectId ?? '') ?? '',
        destinationKey: deKeyById.get(fa.destinationObjectId ?? '') ?? '',
        id: fa.id,
        managed: isManaged('filterActivity', fa.key, folder),
      });
    }
    // Automation steps name activities by remote id; map them back to the keys the model uses.
    const refById = new Map<string, string>();
    for (const q of m.queries) if (q.id) refById.set(q.id, `query:${q.key}`);
    for (const fa of m.filterActivities) if (fa.id) refById.set(fa.id, `filterActivity:${fa.key}`);
    const listed = await collect(client.automations.list());
    // The list answer may leave steps out: each managed automation's steps and schedule are read from its own
    // GET (one call per managed automation, which is one per distinct schedule).
    const full = await Promise.all(
      listed.map((a) =>
        isManaged('automation', a.key, folderOf(a.folderId))
          ? client.automations.get(a.id)
          : Promise.resolve(a),
      ),
    );
    for (const a of full) {
      ids.automation.set(lc(a.key), a.id);
      const folder = folderOf(a.folderId);
      m.automations.push({
        key: a.key,
        name: a.name,
        folder,
        id: a.id,
        managed: isManaged('automation', a.key, folder),
        ...automationShape(a.raw, a.statusId, refById),
      });
    }
    return m;
  }

  const resources: DeployPort['resources'] = {
    folder: {
      create: async (f: { contentType: string; path: string }) =>
        void (await folderId(f.contentType, f.path)),
      update: async () => {},
      delete: async () => {},
    },
    dataExtension: {
      async create(d: DataExtensionModel) {
        const folder = await folderId(CONTENT_TYPES.dataExtension, d.folder);
        const de = await createOnce(
          () =>
            client.dataExtensions.create({
              key: d.key,
              name: d.name,
              folderId: folder,
              isSendable: !!d.sendableField,
              sendableField: d.sendableField,
              ...(d.retention
                ? {
                    retention: {
                      length: d.retention.period,
                      unit: d.retention.unit,
                      mode: d.retention.deleteRows ? ('rows' as const) : ('dataExtension' as const),
                      resetOnImport: d.retention.resetOnImport,
                    },
                  }
                : {}),
              fields: d.fields.map((f) => ({
                name: f.name,
                type: f.type,
                length: f.length,
                scale: f.scale,
                isPrimaryKey: f.primaryKey,
                isRequired: f.required,
                defaultValue: f.default,
              })),
            }),
          () => client.dataExtensions.get(d.key),
        );
        deByKey.set(lc(d.key), {
          objectId: de.objectId,
          fields: new Map(de.fields.map((f) => [lc(f.name), f.objectId ?? ''])),
        });
        if (!de.objectId || de.fields.some((f) => !f.objectId)) await refreshDe(d.key);
      },
      async update(d: DataExtensionModel, l: DataExtensionModel) {
        const sendableChanged = lc(d.sendableField ?? '') !== lc(l.sendableField ?? '');
        if (d.name !== l.name || d.folder.toLowerCase() !== l.folder.toLowerCase() || sendableChanged) {
          const CategoryID = await folderId(CONTENT_TYPES.dataExtension, d.folder);
          await client.soap.call('Update', {
            Objects: {
              '@xsi:type': 'DataExtension',
              CustomerKey: d.key,
              Name: d.name,
              CategoryID,
              ...(sendableChanged
                ? d.sendableField
                  ? {
                      IsSendable: true,
                      SendableDataExtensionField: { Name: d.sendableField },
                      // Create/update say "Subscriber Key"; retrieves answer "_SubscriberKey" (sfmc-devtools
                      // DataExtension.definition.js, SendableSubscriberField.Name).
                      SendableSubscriberField: { Name: 'Subscriber Key' },
                    }
                  : { IsSendable: false }
                : {}),
            },
          });
        }
        await client.dataExtensions.addFields(
          d.key,
          d.fields.map((f) => ({
            name: f.name,
            type: f.type,
            length: f.length,
            scale: f.scale,
            isPrimaryKey: f.primaryKey,
            isRequired: f.required,
            defaultValue: f.default,
          })),
        );
        const keep = new Set(d.fields.map((f) => lc(f.name)));
        const drops = l.fields.filter((f) => !keep.has(lc(f.name)) && f.objectId);
        // SFMC drops fields with a Delete of the DataExtension naming field ObjectIDs (sfmc-devtools DataExtensionField.js).
        if (drops.length) {
          await client.soap.call('Delete', {
            Objects: {
              '@xsi:type': 'DataExtension',
              CustomerKey: d.key,
              Fields: { Field: drops.map((f) => ({ ObjectID: f.objectId })) },
            },
          });
        }
        await refreshDe(d.key);
      },
      async delete(l: DataExtensionModel) {
        await client.dataExtensions.delete(l.key);
        deByKey.delete(lc(l.key));
      },
    },
    filterDefinition: {
      async create(d: FilterDefinitionModel) {
        const folder = await folderId(CONTENT_TYPES.filterDefinition, d.folder);
        const input = {
          key: d.key,
          name: d.name,
          folderId: folder,
          sourceDataExtensionId: deId(d.sourceKey),
          xml: resolveXml(d),
        };
        const fd = await createOnce(
          () => client.filters.definitions.create(input),
          () => findByKey(client.filters.definitions.list(folder), d.key),
        );
        ids.filterDefinition.set(lc(d.key), fd.id);
      },
      async update(d: FilterDefinitionModel) {
        await client.filters.definitions.update(need(ids.filterDefinition, d.key, 'filter definition'), {
          name: d.name,
          folderId: await folderId(CONTENT_TYPES.filterDefinition, d.folder),
          xml: resolveXml(d),
        });
      },
      async delete(l: FilterDefinitionModel) {
        await client.filters.definitions.delete(need(ids.filterDefinition, l.key, 'filter definition'));
        ids.filterDefinition.delete(lc(l.key));
      },
    },
    query: {
      async create(d: QueryModel) {
        const input = {
          key: d.key,
          name: d.name,
          sql: d.sql,
          targetKey: d.targetKey,
          targetId: deId(d.targetKey),
          updateType: d.updateType,
          folderId: await folderId(CONTENT_TYPES.query, d.folder),
        };
        const q = await createOnce(
          () => client.queries.create(input),
          () => client.queries.getByKey(d.key),
        );
        ids.query.set(lc(d.key), q.id);
      },
      async update(d: QueryModel) {
        await client.queries.update(need(ids.query, d.key, 'query'), {
          name: d.name,
          sql: d.sql,
          targetKey: d.targetKey,
          targetId: deId(d.targetKey),
          updateType: d.updateType,
          folderId: await folderId(CONTENT_TYPES.query, d.folder),
        });
      },
      async delete(l: QueryModel) {
        await client.queries.delete(need(ids.query, l.key, 'query'));
        ids.query.delete(lc(l.key));
      },
    },
    filterActivity: {
      async create(d: FilterActivityModel) {
        const input = {
          key: d.key,
          name: d.name,
          folderId: await folderId(CONTENT_TYPES.filterActivity, d.folder),
          filterDefinitionId: need(ids.filterDefinition, d.filterDefinitionKey, 'filter definition'),
          sourceDataExtensionId: deId(d.sourceKey),
          destinationDataExtensionId: deId(d.destinationKey),
        };
        const fa = await createOnce(
          () => client.filters.activities.create(input),
          () => findByKey(client.filters.activities.list(), d.key),
        );
        ids.filterActivity.set(lc(d.key), fa.id);
      },
      async update(d: FilterActivityModel) {
        await client.filters.activities.patch(need(ids.filterActivity, d.key, 'filter activity'), {
          name: d.name,
          categoryId: await folderId(CONTENT_TYPES.filterActivity, d.folder),
        });
      },
      async delete(l: FilterActivityModel) {
        await client.filters.activities.delete(need(ids.filterActivity, l.key, 'filter activity'));
        ids.filterActivity.delete(lc(l.key));
      },
    },
    automation: {
      async create(d: AutomationModel) {
        const input = automationInput(d, await folderId(CONTENT_TYPES.automation, d.folder));
        const a = await createOnce(
          () => client.automations.create(input),
          () => findByKey(client.automations.list(), d.key),
        );
        ids.automation.set(lc(d.key), a.id);
        // API-made schedules start paused: activate explicitly. SFMC sends legacyId only in the answers to
        // POST and PATCH (recorded post-/patch-response.json have it, get-response.json never does).
        if (d.status === 'scheduled') await client.automations.activate({ key: d.key, legacyId: a.legacyId });
      },
      async update(d: AutomationModel, l: AutomationModel) {
        const id = need(ids.automation, d.key, 'automation');
        const same =
          JSON.stringify([d.name, lc(d.folder), d.steps]) ===
            JSON.stringify([l.name, lc(l.folder), l.steps]) && sameSchedule(d.schedule, l.schedule);
        let legacyId: string | undefined;
        if (!same)
          legacyId = (
            await client.automations.update(
              id,
              automationInput(d, await folderId(CONTENT_TYPES.automation, d.folder)),
            )
          ).legacyId;
        if (d.status === 'scheduled' && (l.status !== 'scheduled' || !same))
          await client.automations.activate({ key: d.key, legacyId });
      },
      async delete(l: AutomationModel) {
        await client.automations.delete(need(ids.automation, l.key, 'automation'));
        ids.automation.delete(lc(l.key));
      },
    },
  } as DeployPort['resources'];

  function automationInput(d: AutomationModel, folder: number) {
    return {
      key: d.key,
      name: d.name,
      folderId: folder,
      schedule: d.schedule,
      steps: d.steps.map((step, i) => ({
        name: `Step ${i + 1}`,
        activities: step.map((ref) => ({
          name: ref.split(':')[1],
          kind: ref.startsWith('query:') ? ('query' as const) : ('filter' as const),
          objectId: activityId(ref),
        })),
      })),
    };
  }

  function resolveXml(d: FilterDefinitionModel): string {
    const de = deByKey.get(lc(d.sourceKey));
    if (!de?.objectId) throw new KitError('NOT_FOUND', `source data extension ${d.sourceKey} does not exist`);
    // Field ObjectIDs exist only in the live DE: resolved now, at apply time.
    return resolveFilterXml(d.xml, Object.fromEntries(de.fields), de.objectId);
  }

  return {
    readModel,
    resources,
    async rowCount(key: string) {
      return client.rows.count(key);
    },
    async run(kind, key) {
      if (kind === 'query') {
        const id = need(ids.query, key, 'query');
        await client.queries.start(id);
        // Readers run only after this has finished (isrunning: ../shared/reference/SFMC-API.md [EMP]).
        await client.queries.waitUntilDone(id, { pollIntervalMs: 250 });
      } else await client.filters.activities.start(need(ids.filterActivity, key, 'filter activity'));
    },
  };
}

/** Live filter XML → the compiler's placeholder form, so desired and live compare as text. */
function liveXmlToCanonical(
  xml: string,
  sourceId: string | undefined,
  source: DataExtensionModel | undefined,
): string {
  let out = xml;
  if (sourceId) out = out.replaceAll(`SourceID="${sourceId}"`, `SourceID="${SOURCE_PLACEHOLDER}"`);
  for (const f of source?.fields ?? []) {
    if (f.objectId) out = out.replaceAll(`ID="${f.objectId}"`, `ID="${fieldPlaceholder(f.name)}"`);
  }
  return canonicalFilterXml(out);
}

function automationShape(
  raw: Record<string, unknown>,
  statusId: number | undefined,
  refById: Map<string, string>,
) {
  const steps = ((raw.steps as Array<{ activities?: Array<{ activityObjectId?: string }> }>) ?? []).map((s) =>
    (s.activities ?? []).map(
      (a) => refById.get(String(a.activityObjectId)) ?? `unknown:${a.activityObjectId}`,
    ),
  );
  const src = (raw.schedule ??
    (raw.startSource as Record<string, unknown> | undefined)?.schedule ??
    undefined) as { icalRecur?: string; startDate?: string; timezoneId?: number } | undefined;
  const schedule = src?.icalRecur
    ? {
        icalRecur: src.icalRecur,
        startDate: String(src.startDate ?? ''),
        timezoneId: Number(src.timezoneId ?? 0),
      }
    : undefined;
  return { steps, schedule, status: STATUS[statusId ?? -99] ?? ('other' as const) };
}
