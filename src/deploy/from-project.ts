import type { CompiledSegment } from '../compiler/index.ts';
import type { DataExtensionDef, Schedule } from '../definitions/index.ts';
import { dataExtensionKey, type Project } from '../definitions/index.ts';
import { addMeasurement } from '../measurement/add-measurement.ts';
import {
  type AutomationModel,
  type DataExtensionModel,
  emptyModel,
  type FolderModel,
  type Model,
  normaliseField,
  normaliseSql,
  type ScheduleModel,
} from './model.ts';

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

const DAYS: Record<string, string> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};
/** SFMC wants its own numeric time zone ids; only the common ones are mapped (UNCERTAIN ids). */
const TIMEZONE_IDS: Record<string, number> = {
  UTC: 5,
  'Etc/UTC': 5,
  'America/Chicago': 3,
  'America/New_York': 4,
};

export function scheduleModel(s: Schedule): ScheduleModel {
  const freq = s.frequency.toUpperCase();
  const byDay = s.daysOfWeek?.length ? `;BYDAY=${s.daysOfWeek.map((d) => DAYS[d]).join(',')}` : '';
  return {
    icalRecur: `FREQ=${freq};INTERVAL=${s.interval ?? 1}${byDay}`,
    startDate: `2026-01-01T${s.time ?? '00:00'}:00`,
    timezoneId: TIMEZONE_IDS[s.timezone ?? 'UTC'] ?? 5,
  };
}

/** Field references in filter XML compared by lower-cased name (SFMC names are case-insensitive). */
export const canonicalFilterXml = (xml: string) =>
  xml.replace(/\{\{field:([^}]*)\}\}/g, (_m, n: string) => `{{field:${n.toLowerCase()}}}`);

function deModel(key: string, def: DataExtensionDef, folder: string): DataExtensionModel {
  return {
    key,
    name: def.name,
    folder: def.folder ?? folder,
    fields: def.fields.map((f) =>
      normaliseField({ ...f, default: f.default === undefined ? undefined : String(f.default) }),
    ),
  };
}

/** Pure: the objects the definitions ask for in one environment. */
export function desiredFromProject(project: Project, compiled: { segments: CompiledSegment[] }): Model {
  const m = emptyModel();
  const folders = managedFolders(project);
  const seen = new Set<string>();
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
    const runOnDeploy = !seg.schedule;
    // A SQL segment adopted by import keeps its query activity's own key (src/sql-segments).
    const activityKey = (seg as { activityKey?: string }).activityKey ?? key;
    let activity: string;
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
      });
      activity = `filterActivity:${key}`;
    } else {
      m.queries.push({
        key: activityKey,
        name: seg.name,
        folder: folders.query,
        sql: normaliseSql(seg.sql),
        targetKey: key,
        updateType: seg.updateType,
        runOnDeploy,
      });
      activity = `query:${activityKey}`;
    }
    if (seg.schedule) {
      const a: AutomationModel = {
        key: activityKey,
        name: seg.name,
        folder: folders.automation,
        steps: [[activity]],
        schedule: scheduleModel(seg.schedule),
        status: 'scheduled',
      };
      m.automations.push(a);
    }
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
