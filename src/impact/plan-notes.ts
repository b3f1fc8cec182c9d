import { relative } from 'node:path';
import { compileProject } from '../compiler/index.ts';
import type { Project } from '../definitions/project.ts';
import type { Change } from '../deploy/change.ts';
import { impactOf } from './impact.ts';
import { collectUses } from './uses.ts';

/** "field Country: …", "field country → Country: rename (case)"; adds break nothing and are skipped. */
const FIELD_REASON = /^field (\S+)(?: → (\S+))?: (?!add )/;

/**
 * For `plan`: under each data extension change, what uses every field it would change, rename or drop
 * (file:line), so the blast radius is read before deploy. Returns the lines for one change.
 */
export function planImpactNotes(project: Project, cwd = process.cwd()): (change: Change) => string[] {
  const forms = new Map(compileProject(project).segments.map((s) => [s.name, s.form]));
  const uses = collectUses(project, (n) => forms.get(n));
  return (change) => {
    if (change.resource !== 'dataExtension' || !('reasons' in change)) return [];
    const model = ('desired' in change ? change.desired : 'live' in change ? change.live : undefined) as
      { name?: string } | undefined;
    if (!model?.name) return [];
    const fields = new Set<string>();
    for (const r of change.reasons) {
      const m = FIELD_REASON.exec(r);
      if (m) fields.add(m[1]);
    }
    const lines: string[] = [];
    for (const field of fields) {
      const { entries } = impactOf(project, uses, model.name, field);
      const users = entries.filter((e) => !(e.consumer.kind === 'segment' && e.what === 'target field'));
      if (!users.length) continue;
      lines.push(`impact of ${model.name}.${field}:`);
      for (const e of users)
        lines.push(
          `  ${e.consumer.kind} ${e.consumer.name}${e.via.length ? ` (via ${e.via.join(' → ')})` : ''}: ${e.what} at ${relative(cwd, e.file) || e.file}:${e.line}`,
        );
    }
    return lines;
  };
}
