/**
 * Cross-file references of syncs, segment tests and the project's shared data extensions: targets, segments
 * and fixture tables exist.
 */

import { createCatalog } from '../compiler/catalog.ts';
import type { Diagnostic } from '../definitions/diagnostics.ts';
import { findDataExtension, findSegment, type Project, positionOf } from '../definitions/project.ts';

export function checkReferences(project: Project): Diagnostic[] {
  const out: Diagnostic[] = [];
  const catalog = createCatalog(project);
  const err = (def: object, path: (string | number)[], code: string, message: string, key?: string) =>
    out.push({ severity: 'error', code, message, ...positionOf(project, def, path, key) });
  for (const sync of project.syncs) {
    const de = findDataExtension(project, sync.target);
    if (!de) {
      err(
        sync,
        ['target'],
        'unknown-data-extension',
        `sync target "${sync.target}" is not a declared data extension`,
      );
      continue;
    }
    sync.fields.forEach((f, i) => {
      if (!de.fields.some((x) => x.name.toLowerCase() === f.toLowerCase())) {
        err(
          sync,
          ['fields', i],
          'unknown-field',
          `${de.name} has no field "${f}" to receive ${sync.object}.${f}`,
        );
      }
    });
  }
  project.config.sharedDataExtensions.forEach((name, i) => {
    if (!findDataExtension(project, name))
      err(
        project.config,
        ['sharedDataExtensions', i],
        'unknown-data-extension',
        `sharedDataExtensions names "${name}", which is not a declared data extension`,
      );
  });
  const segmentTargets = new Set([...project.segments, ...(project.sqlSegments ?? [])].map((s) => s.name));
  for (const test of project.tests) {
    if (!findSegment(project, test.segment) && !project.sqlSegments?.some((s) => s.name === test.segment)) {
      err(test, ['segment'], 'unknown-segment', `unknown segment "${test.segment}"`);
    }
    test.cases.forEach((c, i) => {
      for (const table of Object.keys(c.given)) {
        if (!catalog.table(table) && !segmentTargets.has(table)) {
          err(
            test,
            ['cases', i, 'given'],
            'unknown-data-extension',
            `fixture table "${table}" is neither a data extension nor a data view`,
            table,
          );
        }
      }
    });
  }
  return out;
}
