import { type CompiledSegment, canonicalFieldPlaceholders } from '../compiler/index.ts';
import type { DataExtensionDef } from '../definitions/index.ts';
import { dataExtensionKey, type Project } from '../definitions/index.ts';
import { addMeasurement } from '../measurement/add-measurement.ts';
import { KitError } from '../errors/index.ts';
import {
  type AutomationModel,
  type DataExtensionModel,
  emptyModel,
  type FolderModel,
  type Model,
  normaliseField,
  normaliseSql,
} from './model.ts';
import { groupSteps, refreshGroups } from './refresh-groups.ts';
import { scheduleModel } from './schedule.ts';

export { scheduleModel };

export const CONTENT_TYPES = {
  dataExtension: 'dataextension',
  query: 'queryactivity',
  filterDefinition: 'filterdefinition',
  filterActivity: 'filteractivity',
  automation: 'automations',
} as const;

/** The managed folders: each resource kind's folder from the project config (per environment). */
export function managedFolders(project: Project) {
  const f = project.config.folders;
  return {
    dataExtension: f.dataExtensions,
    segment: f.segments,
    query: f.queries,
    filterDefinition: f.filters,
    filterActivity: f.filters,
    automation: f.automations,
  };
}

/** Field references in filter XML compared by lower-cased name (SFMC names are case-insensitive). */
export const canonicalFilterXml = (xml: string) => canonicalFieldPlaceholders(xml);

function deModel(key: string, def: DataExtensionDef, folder: string): DataExtensionModel {
  const m: DataExtensionModel = {
    key,
    name: def.name,
    folder: def.folder ?? folder,
    fields: def.fields.map((f) =>
      normaliseField({ ...f, default: f.default === undefined ? undefined : String(f.default) }),
    ),
  };
  if (def.sendable) {
    // The schema's default: the primary key relates to Subscriber Key.
    const field = def.sendableField ?? def.fields.find((f) => f.primaryKey)?.name;
    if (!field)
      throw new KitError(
        'DEFINITION_INVALID',
        `data extension ${def.name} is sendable but names no sendableField and has no primary key`,
      );
    m.sendableField = field;
  }
  if (def.retention) {
    m.retention = {
      period: def.retention.period,
      unit: def.retention.unit,
      deleteRows: def.retention.deleteRows ?? true,
      resetOnImport: def.retention.resetOnImport ?? false,
    };
  }
  return m;
}

/** Pure: the objects the definitions ask for in one environment. */
export function desiredFromProject(project: Project, compiled: { segments: CompiledSegment[] }): Model {
  const m = emptyModel();
  const folders = managedFolders(project);
  const seen = new Set<string>();
  const { groups, problems } = refreshGroups(compiled.segments);
  if (problems.length)
    throw new KitError(
      'DEFINITION_INVALID',
      `cannot deploy: ${problems.map((p) => `segment ${p.segment}: ${p.message}`).join('; ')}`,
      { hint: 'run `sfmc-kit validate` for positions' },
    );
  const activityRef = new Map<string, string>();
  // Run once at deploy: static segments, and what they read (transitively), in dependency order.
  const byName = new Map(compiled.segments.map((s) => [s.name, s]));
  const onDeploy = new Set<string>();
  const visit = (name: string) => {
    if (onDeploy.has(name) || !byName.has(name)) return;
    onDeploy.add(name);
    for (const d of byName.get(name)!.dependsOn) visit(d);
  };
  for (const seg of compiled.segments) if (!seg.schedule) visit(seg.name);
  const levels = new Map<string, number>();
  const deployLevel = (name: string, seen = new Set<string>()): number => {
    if (levels.has(name)) return levels.get(name)!;
    if (seen.has(name)) return 0;
    seen.add(name);
    const deps = (byName.get(name)?.dependsOn ?? []).filter((d) => onDeploy.has(d));
    const l = deps.length ? 1 + Math.max(...deps.map((d) => deployLevel(d, seen))) : 0;
    levels.set(name, l);
    return l;
  };
  for (const def of project.dataExtensions) {
    const key = dataExtensionKey(project, def);
    seen.add(key.toLowerCase());
    m.dataExtensions.push(deModel(key, def, folders.dataExtension));
  }
  for (const seg of compiled.segments) {
    const key = seg.targetKey;
    if (!seen.has(key.toLowerCase())) {
      seen.add(key.toLowerCase());
      m.dataExtensions.push(deModel(key, seg.target, folders.segment));
    }
    const runOnDeploy = onDeploy.has(seg.name);
    const runLevel = onDeploy.has(seg.name) ? deployLevel(seg.name) : undefined;
    // A SQL segment adopted by import keeps its query activity's own key (src/sql-segments).
    const activityKey = (seg as { activityKey?: string }).activityKey ?? key;
    if (seg.form === 'filter' && seg.filter) {
      m.filterDefinitions.push({
        key,
        name: seg.name,
        folder: folders.filterDefinition,
        sourceKey: seg.filter.sourceKey,
        xml: canonicalFilterXml(seg.filter.xml),
      });
      m.filterActivities.push({
        key,
        name: seg.name,
        folder: folders.filterActivity,
        filterDefinitionKey: key,
        sourceKey: seg.filter.sourceKey,
        destinationKey: key,
        runOnDeploy,
        ...(runLevel !== undefined ? { runLevel } : {}),
      });
      activityRef.set(seg.name, `filterActivity:${key}`);
    } else {
      m.queries.push({
        key: activityKey,
        name: seg.name,
        folder: folders.query,
        sql: normaliseSql(seg.sql),
        targetKey: key,
        updateType: seg.updateType,
        runOnDeploy,
        ...(runLevel !== undefined ? { runLevel } : {}),
      });
      activityRef.set(seg.name, `query:${activityKey}`);
    }
  }
  // One automation per distinct schedule, segments in steps by dependency level.
  const suffix = project.environment?.keySuffix ?? '';
  for (const group of groups) {
    const a: AutomationModel = {
      key: `${project.config.keyPrefix}refresh_${group.slug}${suffix}`.slice(0, 200),
      name: `${project.config.keyPrefix}refresh ${group.label}${suffix}`.slice(0, 128),
      folder: folders.automation,
      steps: groupSteps(group, (name) => activityRef.get(name)!),
      schedule: group.schedule,
      status: 'scheduled',
    };
    m.automations.push(a);
  }
  const folderList: FolderModel[] = [
    { contentType: CONTENT_TYPES.dataExtension, path: folders.dataExtension },
    { contentType: CONTENT_TYPES.dataExtension, path: folders.segment },
    { contentType: CONTENT_TYPES.query, path: folders.query },
    { contentType: CONTENT_TYPES.filterDefinition, path: folders.filterDefinition },
    { contentType: CONTENT_TYPES.filterActivity, path: folders.filterActivity },
    { contentType: CONTENT_TYPES.automation, path: folders.automation },
  ];
  for (const de of m.dataExtensions)
    folderList.push({ contentType: CONTENT_TYPES.dataExtension, path: de.folder });
  const byKey = new Map(folderList.map((f) => [`${f.contentType}:${f.path.toLowerCase()}`, f]));
  m.folders = [...byKey.values()];
  // Measurement (history, member log, engagement) is its own module: src/measurement.
  return addMeasurement(m, project, compiled.segments);
}
