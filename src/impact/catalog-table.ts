import { createCatalog } from '../compiler/index.ts';
import type { Project } from '../definitions/project.ts';

/** The name of a declared data extension or system data view, as the catalog spells it. */
export function catalogTable(project: Project, name: string): string | undefined {
  return createCatalog(project).table(name)?.name;
}
