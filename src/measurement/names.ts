import { createHash } from 'node:crypto';
import type { CompiledSegment } from '../compiler/index.ts';
import type { Project } from '../definitions/project.ts';

/** SFMC external keys hold at most 36 characters: a long base is cut and keeps a short hash. */
export function derivedKey(base: string, suffix: string): string {
  const full = `${base}${suffix}`;
  if (full.length <= 36) return full;
  const hash = createHash('sha1').update(base).digest('hex').slice(0, 6);
  return `${base.slice(0, 36 - suffix.length - 7)}_${hash}${suffix}`;
}

/** The field a segment's target is keyed by: its primary key, else its first field. */
export function memberKeyField(seg: CompiledSegment) {
  return seg.target.fields.find((f) => f.primaryKey) ?? seg.target.fields[0];
}

/** Every name and key measurement adds for one segment (names are what the SQL references). */
export function measurementNames(project: Project, seg: CompiledSegment) {
  const cfg = project.config.measurement!;
  const suffix = project.environment?.keySuffix ?? '';
  const prefix = project.config.keyPrefix;
  const targetName = seg.target.name;
  return {
    historyName: cfg.historyDataExtension,
    historyKey: `${prefix}${cfg.historyDataExtension}${suffix}`.replace(/\s+/g, '_'),
    engagementName: cfg.engagement?.dataExtension,
    engagementKey: cfg.engagement
      ? `${prefix}${cfg.engagement.dataExtension}${suffix}`.replace(/\s+/g, '_')
      : undefined,
    snapshotName: `${targetName}_Snapshot`,
    snapshotKey: derivedKey(seg.targetKey, '_snap'),
    logName: `${targetName}_Log`,
    logKey: derivedKey(seg.targetKey, '_log'),
    historyQueryKey: derivedKey(seg.targetKey, '_hist'),
    logQueryKey: derivedKey(seg.targetKey, '_log'),
    snapshotQueryKey: derivedKey(seg.targetKey, '_snap'),
    engagementQueryKey: derivedKey(seg.targetKey, '_eng'),
  };
}
