import type { Path } from './diagnostics.ts';
import type { Variables } from './interpolate.ts';
import type { DataExtensionDef } from './schemas/data-extension.ts';
import type { EnvironmentConfig, ProjectConfig } from './schemas/project-config.ts';
import type { SegmentDef } from './schemas/segment.ts';
import type { SqlSegmentDef } from './schemas/sql-segment.ts';
import type { SegmentTestDef } from './schemas/segment-test.ts';
import type { SyncDef } from './schemas/sync.ts';
import type { Position, SourceFile } from './source-file.ts';
import { locate } from './source-file.ts';

/** Everything under definitions/, validated, with variables applied for one environment. */
export interface Project {
  dir: string;
  env?: string;
  variables: Variables;
  config: ProjectConfig;
  environment?: EnvironmentConfig;
  dataExtensions: DataExtensionDef[];
  segments: SegmentDef[];
  /** Segments written as T-SQL (`sql:`); optional so projects built by hand need not list them. */
  sqlSegments?: SqlSegmentDef[];
  syncs: SyncDef[];
  tests: SegmentTestDef[];
  /** The file a definition object came from (the config, a data extension, segment, sync or test). */
  sourceOf(def: object): SourceFile | undefined;
}

export function positionOf(project: Project, def: object, path: Path, key?: string): Position {
  const source = project.sourceOf(def);
  if (!source) return { file: project.dir, line: 1, column: 1 };
  return locate(source, path, key);
}

export function findDataExtension(project: Project, name: string): DataExtensionDef | undefined {
  const lower = name.toLowerCase();
  return project.dataExtensions.find((d) => d.name.toLowerCase() === lower);
}

export function findSegment(project: Project, name: string): SegmentDef | undefined {
  return project.segments.find((s) => s.name === name);
}

/** External key of a declared data extension: its own key or keyPrefix + name + environment suffix. */
export function dataExtensionKey(project: Project, de: DataExtensionDef): string {
  if (de.key) return de.key;
  return `${project.config.keyPrefix}${de.name}${project.environment?.keySuffix ?? ''}`.replace(/\s+/g, '_');
}
