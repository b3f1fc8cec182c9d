/**
 * Adds measurement to a desired deploy model (pure): with `measurement.history` on, the history data
 * extension, and for each scheduled segment its snapshot (and for dynamic segments its member log)
 * data extension, the query activities that fill them, and two steps appended to the automation that
 * refreshes the segment: [history, log, engagement] then [snapshot]. Appending after every existing
 * step keeps the measurement after the segment's own step whatever the automation's layout.
 */
import type { CompiledSegment } from '../compiler/index.ts';
import type { Project } from '../definitions/project.ts';
import {
  type DataExtensionModel,
  type Model,
  normaliseField,
  normaliseSql,
  type QueryModel,
} from '../deploy/model.ts';
import { engagementSql, ENGAGEMENT_VIEWS, historySql, memberLogSql, snapshotSql } from './history-sql.ts';
import { measurementNames, memberKeyField } from './names.ts';

export const HISTORY_FIELDS = [
  { name: 'Segment', type: 'Text', length: 80, primaryKey: true },
  { name: 'RunTime', type: 'Date', primaryKey: true },
  { name: 'Size', type: 'Number', required: true },
  { name: 'Entered', type: 'Number', required: true },
  { name: 'Exited', type: 'Number', required: true },
] as const;

const ENGAGEMENT_FIELDS = [
  { name: 'Segment', type: 'Text', length: 80, primaryKey: true },
  { name: 'RunTime', type: 'Date', primaryKey: true },
  { name: 'WindowDays', type: 'Number', required: true },
  { name: 'Members', type: 'Number', required: true },
  ...ENGAGEMENT_VIEWS.map(([name]) => ({ name, type: 'Number', required: true })),
];

/** Segments measured: those refreshed by a schedule (static segments run once and have no history). */
export function measuredSegments(project: Project, compiled: CompiledSegment[]): CompiledSegment[] {
  if (!project.config.measurement?.history) return [];
  return compiled.filter((s) => s.schedule);
}

export function addMeasurement(model: Model, project: Project, compiled: CompiledSegment[]): Model {
  const cfg = project.config.measurement;
  const measured = measuredSegments(project, compiled);
  if (!cfg?.history || !measured.length) return model;
  const f = project.config.folders;
  const out: Model = {
    ...model,
    dataExtensions: [...model.dataExtensions],
    queries: [...model.queries],
    automations: model.automations.map((a) => ({ ...a, steps: a.steps.map((s) => [...s]) })),
  };
  const de = (key: string, name: string, folder: string, fields: readonly object[]): DataExtensionModel => ({
    key,
    name,
    folder,
    fields: fields.map((x) => normaliseField(x as Parameters<typeof normaliseField>[0])),
  });
  const query = (
    key: string,
    name: string,
    sql: string,
    targetKey: string,
    updateType: QueryModel['updateType'],
  ): QueryModel => ({
    key,
    name,
    folder: f.queries,
    sql: normaliseSql(sql),
    targetKey,
    updateType,
  });
  // Per automation: one step of history/log/engagement queries, then one of snapshots.
  const appended = new Map<(typeof out.automations)[number], { after: string[]; snapshots: string[] }>();
  const first = measurementNames(project, measured[0]);
  out.dataExtensions.push(de(first.historyKey, first.historyName, f.dataExtensions, HISTORY_FIELDS));
  if (cfg.engagement && first.engagementKey && first.engagementName) {
    out.dataExtensions.push(
      de(first.engagementKey, first.engagementName, f.dataExtensions, ENGAGEMENT_FIELDS),
    );
  }
  for (const seg of measured) {
    const n = measurementNames(project, seg);
    const keyField = memberKeyField(seg);
    const key = normaliseField({ ...keyField, default: undefined });
    const tables = {
      segment: seg.name,
      target: seg.target.name,
      snapshot: n.snapshotName,
      key: keyField.name,
    };
    out.dataExtensions.push(
      de(n.snapshotKey, n.snapshotName, f.segments, [{ ...key, primaryKey: true, required: true }]),
    );
    const after: string[] = [];
    out.queries.push(
      query(n.historyQueryKey, `${seg.name} history`, historySql(tables), n.historyKey, 'Append'),
    );
    after.push(`query:${n.historyQueryKey}`);
    const dynamic = project.segments.find((s) => s.name === seg.name)?.membership === 'dynamic';
    if (dynamic && cfg.memberLog) {
      out.dataExtensions.push(
        de(n.logKey, n.logName, f.segments, [
          { ...key, name: 'MemberKey', primaryKey: true, required: true },
          { name: 'Event', type: 'Text', length: 10, primaryKey: true },
          { name: 'EventTime', type: 'Date', primaryKey: true },
        ]),
      );
      out.queries.push(
        query(n.logQueryKey, `${seg.name} member log`, memberLogSql(tables), n.logKey, 'Append'),
      );
      after.push(`query:${n.logQueryKey}`);
    }
    if (cfg.engagement && n.engagementKey) {
      out.queries.push(
        query(
          n.engagementQueryKey,
          `${seg.name} engagement`,
          engagementSql(tables, cfg.engagement.windowDays),
          n.engagementKey,
          'Append',
        ),
      );
      after.push(`query:${n.engagementQueryKey}`);
    }
    const activity = (ref: string) =>
      ref === `query:${seg.targetKey}` || ref === `filterActivity:${seg.targetKey}`;
    const automation = out.automations.find((a) => a.steps.some((step) => step.some(activity)));
    if (!automation) continue;
    const steps = appended.get(automation) ?? { after: [], snapshots: [] };
    appended.set(automation, steps);
    steps.after.push(...after);
    steps.snapshots.push(`query:${n.snapshotQueryKey}`);
    out.queries.push(
      query(n.snapshotQueryKey, `${seg.name} snapshot`, snapshotSql(tables), n.snapshotKey, 'Overwrite'),
    );
  }
  for (const [automation, steps] of appended) automation.steps.push(steps.after, steps.snapshots);
  return out;
}
