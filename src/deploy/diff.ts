import type { Change } from './change.ts';
import { sameSchedule } from './schedule.ts';
import { diffFields } from './diff-fields.ts';
import {
  type AutomationModel,
  type DataExtensionModel,
  type FilterActivityModel,
  type FilterDefinitionModel,
  folderKey,
  type Model,
  normaliseSql,
  type QueryModel,
  type ResourceKind,
} from './model.ts';

/** Decisions the diff cannot take alone; the CLI asks or reads flags, tests answer directly. */
export interface Resolvers {
  /** A data extension needs a change SFMC cannot make in place: replace it (drop + create) or refuse? */
  incompatibleDataExtension?: (ctx: {
    key: string;
    reasons: string[];
    rowCount?: number;
  }) => 'replace' | 'refuse';
}

type Keyed = { key: string; managed?: boolean; name: string };

const keyOf = (r: { key?: string; contentType?: string; path?: string }) =>
  r.key ?? folderKey(r as { contentType: string; path: string });

/** Pure: desired and live models in, one Change per resource out (deterministic order). */
export function diff(desired: Model, live: Model, resolvers: Resolvers = {}): Change[] {
  const changes: Change[] = [];
  // Folders: only ever created; an empty managed folder left behind is harmless.
  const liveFolders = new Set(live.folders.map(folderKey));
  for (const f of desired.folders) {
    const key = folderKey(f);
    changes.push(
      liveFolders.has(key)
        ? { kind: 'no-op', resource: 'folder', key }
        : { kind: 'create', resource: 'folder', key, reasons: ['folder does not exist'], desired: f },
    );
  }
  const replacedDes = new Set<string>();
  changes.push(
    ...diffKind('dataExtension', desired.dataExtensions, live.dataExtensions, (d, l) => {
      const fd = diffFields(d, l);
      const reasons = [...props(d, l, ['name', 'folder']), ...fd.compatible];
      // IsSendable and SendableDataExtensionField are updatable; the retention fields are create-only
      // (Accenture/sfmc-devtools lib/metadataTypes/definitions/DataExtension.definition.js isUpdateable).
      if (lc(d.sendableField) !== lc(l.sendableField))
        reasons.push(`sendable: ${sendText(l)} → ${sendText(d)} (update)`);
      if (retentionText(d) !== retentionText(l))
        fd.incompatible.push(
          `retention: ${retentionText(l)} → ${retentionText(d)}: SFMC cannot change retention in place; requires replace`,
        );
      if (fd.incompatible.length) {
        const decision = resolvers.incompatibleDataExtension?.({
          key: d.key,
          reasons: fd.incompatible,
          rowCount: l.rowCount,
        });
        if (decision === 'refuse') {
          return { kind: 'refused', resource: 'dataExtension', key: d.key, reasons: fd.incompatible };
        }
        replacedDes.add(d.key.toLowerCase());
        const rows = l.rowCount === undefined ? 'row count unknown' : `${l.rowCount} rows`;
        return {
          kind: 'replace',
          resource: 'dataExtension',
          key: d.key,
          reasons: [...fd.incompatible, ...fd.drops, `replace drops the data extension (${rows})`],
          desired: d,
          live: l,
          destructive: l.rowCount !== 0,
        };
      }
      reasons.push(...fd.drops);
      return reasons.length
        ? {
            kind: 'update',
            resource: 'dataExtension',
            key: d.key,
            reasons,
            desired: d,
            live: l,
            destructive: fd.drops.length > 0,
          }
        : undefined;
    }),
  );
  const replacedTarget = (key: string) =>
    replacedDes.has(key.toLowerCase()) ? [`data extension ${key} is replaced: re-link`] : [];
  const replacedFilterDefs = new Set<string>();
  changes.push(
    ...diffKind('filterDefinition', desired.filterDefinitions, live.filterDefinitions, (d, l) => {
      if (
        d.sourceKey.toLowerCase() !== l.sourceKey.toLowerCase() ||
        replacedDes.has(d.sourceKey.toLowerCase())
      ) {
        replacedFilterDefs.add(d.key);
        return {
          kind: 'replace',
          resource: 'filterDefinition',
          key: d.key,
          reasons: [
            `source ${l.sourceKey} → ${d.sourceKey}: the source of a filter definition cannot change`,
          ],
          desired: d,
          live: l,
          destructive: false,
        };
      }
      return simpleUpdate('filterDefinition', d, l, [
        ...props(d, l, ['name', 'folder']),
        ...(norm(d.xml) !== norm(l.xml) ? ['filter conditions changed'] : []),
      ]);
    }),
  );
  changes.push(
    ...diffKind('query', desired.queries, live.queries, (d, l) =>
      simpleUpdate('query', d, l, [
        ...props(d, l, ['name', 'folder', 'targetKey', 'updateType']),
        ...(normaliseSql(d.sql) !== normaliseSql(l.sql) ? ['SQL changed'] : []),
        ...replacedTarget(d.targetKey),
      ]),
    ),
  );
  changes.push(
    ...diffKind('filterActivity', desired.filterActivities, live.filterActivities, (d, l) => {
      const relink = [
        ...props(d, l, ['filterDefinitionKey', 'sourceKey', 'destinationKey']),
        ...replacedTarget(d.destinationKey),
        ...replacedTarget(d.sourceKey),
        ...(replacedFilterDefs.has(d.filterDefinitionKey) ? ['filter definition is replaced: re-link'] : []),
      ];
      if (relink.length) {
        return {
          kind: 'replace',
          resource: 'filterActivity',
          key: d.key,
          reasons: relink,
          desired: d,
          live: l,
          destructive: false,
        };
      }
      return simpleUpdate('filterActivity', d, l, props(d, l, ['name', 'folder']));
    }),
  );
  changes.push(
    ...diffKind('automation', desired.automations, live.automations, (d, l) => {
      const reasons = props(d, l, ['name', 'folder']);
      if (JSON.stringify(d.steps) !== JSON.stringify(l.steps)) reasons.push('steps changed');
      if (!sameSchedule(d.schedule, l.schedule)) {
        reasons.push(`schedule ${scheduleText(l)} → ${scheduleText(d)}`);
      }
      if (d.status === 'scheduled' && l.status !== 'scheduled') {
        reasons.push(`schedule is ${l.status}: activate (API-made schedules start paused)`);
      }
      return simpleUpdate('automation', d, l, reasons);
    }),
  );
  return changes;
}

const lc = (s: string | undefined) => (s ?? '').toLowerCase();
const sendText = (d: DataExtensionModel) =>
  d.sendableField ? `yes (${d.sendableField} ↔ Subscriber Key)` : 'no';
const retentionText = (d: DataExtensionModel) =>
  d.retention
    ? `${d.retention.period} ${d.retention.unit}, ${d.retention.deleteRows ? 'rows' : 'rows and data extension'}${d.retention.resetOnImport ? ', reset on import' : ''}`
    : 'none';
const norm = (s: string) => s.replace(/>\s+</g, '><').replace(/\s+/g, ' ').trim();
const scheduleText = (a: AutomationModel) =>
  a.schedule ? `${a.schedule.icalRecur} from ${a.schedule.startDate}` : '(none)';

function props<T extends object>(d: T, l: T, names: (keyof T)[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const a = d[n];
    const b = l[n];
    const same =
      typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
    if (!same) out.push(`${String(n)}: ${String(b)} → ${String(a)}`);
  }
  return out;
}

function simpleUpdate(resource: ResourceKind, d: Keyed, l: Keyed, reasons: string[]): Change | undefined {
  return reasons.length
    ? { kind: 'update', resource, key: d.key, reasons, desired: d, live: l, destructive: false }
    : undefined;
}

/**
 * Common matching for keyed resources: match by key (case-insensitive like SFMC), report
 * collisions with unmanaged objects (by key, or by name for data extensions, whose names are
 * unique per business unit), delete managed leftovers.
 */
function diffKind<T extends Keyed>(
  resource: ResourceKind,
  desired: T[],
  live: T[],
  compare: (d: T, l: T) => Change | undefined,
): Change[] {
  const out: Change[] = [];
  const liveByKey = new Map(live.map((l) => [l.key.toLowerCase(), l]));
  const unmanagedByName = new Map(
    live.filter((l) => !l.managed).map((l) => [l.name.toLowerCase(), l] as const),
  );
  const wanted = new Set<string>();
  for (const d of [...desired].sort((a, b) => keyOf(a).localeCompare(keyOf(b)))) {
    wanted.add(d.key.toLowerCase());
    const l = liveByKey.get(d.key.toLowerCase());
    if (l && !l.managed) {
      out.push({
        kind: 'conflict',
        resource,
        key: d.key,
        reasons: [`key ${l.key} is taken by "${l.name}", which sfmc-kit does not manage: left untouched`],
      });
      continue;
    }
    const byName = resource === 'dataExtension' ? unmanagedByName.get(d.name.toLowerCase()) : undefined;
    if (!l && byName) {
      out.push({
        kind: 'conflict',
        resource,
        key: d.key,
        reasons: [
          `name "${d.name}" is taken by ${byName.key}, which sfmc-kit does not manage: left untouched`,
        ],
      });
      continue;
    }
    if (!l) {
      out.push({ kind: 'create', resource, key: d.key, reasons: [`${resource} does not exist`], desired: d });
      continue;
    }
    out.push(compare(d, l) ?? { kind: 'no-op', resource, key: d.key });
  }
  for (const l of [...live].sort((a, b) => a.key.localeCompare(b.key))) {
    if (!l.managed || wanted.has(l.key.toLowerCase())) continue;
    out.push({
      kind: 'delete',
      resource,
      key: l.key,
      reasons: ['managed by sfmc-kit and no longer in the definitions'],
      live: l,
      destructive: true,
    });
  }
  return out;
}

export type { DataExtensionModel, FilterActivityModel, FilterDefinitionModel, QueryModel };
