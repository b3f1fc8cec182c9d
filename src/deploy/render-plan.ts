import type { Change } from './change.ts';
import type { Plan } from './plan.ts';

const SIGN: Record<Change['kind'], string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  'no-op': ' ',
  conflict: '!',
  refused: 'x',
};

/**
 * Terraform-like text; a rendering of the plan data, nothing more. `notes` adds lines under a change
 * (the CLI passes field-level impact from src/impact).
 */
export function renderPlan(plan: Plan, notes?: (change: Change) => string[]): string {
  const lines: string[] = [];
  for (const c of [...plan.changes, ...plan.conflicts, ...plan.refused]) {
    const tag = 'destructive' in c && c.destructive ? ' (destructive)' : '';
    const label = c.kind === 'conflict' ? 'conflict' : c.kind === 'refused' ? 'refused' : c.kind;
    lines.push(`${SIGN[c.kind].padStart(3)} ${c.resource} ${c.key}: ${label}${tag}`);
    if ('reasons' in c) for (const r of c.reasons) lines.push(`      ${r}`);
    for (const n of notes?.(c) ?? []) lines.push(`      ${n}`);
  }
  const s = plan.summary;
  if (plan.changes.length === 0) lines.push('No changes. The business unit matches the definitions.');
  lines.push(
    `Plan: ${s.create} to add, ${s.update} to change, ${s.replace} to replace, ${s.delete} to destroy` +
      ` (${s.noop} unchanged, ${plan.conflicts.length} conflicts, ${plan.refused.length} refused).`,
  );
  return lines.join('\n');
}
