import type { CampaignPlan } from './plan-activation.ts';
import { changeCount } from './types.ts';

const SAMPLE = 5;

/** The human view of an activation plan (the JSON is the plan itself). */
export function renderCampaignPlan(plan: CampaignPlan): string {
  const lines: string[] = [];
  for (const c of plan.campaigns) {
    const campaign = c.campaign.id
      ? `${c.campaign.name ?? c.campaign.ref} [${c.campaign.id}]`
      : `${c.campaign.ref} (created)`;
    const n = changeCount(c);
    const how =
      n === 0
        ? ''
        : n >= c.bulkThreshold ||
            Math.max(c.add.length, c.remove.length, c.restatus.length) >= c.bulkThreshold
          ? ' via Bulk API 2.0'
          : ' via sObject Collections';
    lines.push(
      `${n === 0 && !c.campaign.create ? '=' : '~'} ${c.segment} → Salesforce Campaign ${campaign}: ` +
        (n === 0 && !c.campaign.create
          ? `no change (${c.unchanged} members)`
          : `+${c.add.length} added, -${c.remove.length} removed, ${c.restatus.length} status changes, ${c.unchanged} unchanged${how}`),
    );
    for (const a of c.add.slice(0, SAMPLE))
      lines.push(`    + ${a.field.replace('Id', '')} ${a.key} (${a.status})`);
    if (c.add.length > SAMPLE) lines.push(`    + … ${c.add.length - SAMPLE} more`);
    for (const r of c.remove.slice(0, SAMPLE)) lines.push(`    - ${r.key}`);
    if (c.remove.length > SAMPLE) lines.push(`    - … ${c.remove.length - SAMPLE} more`);
    for (const s of c.restatus.slice(0, SAMPLE))
      lines.push(`    ~ ${s.key}: ${s.from ?? '(none)'} → ${s.to}`);
    if (c.restatus.length > SAMPLE) lines.push(`    ~ … ${c.restatus.length - SAMPLE} more`);
    if (c.unresolved.length)
      lines.push(
        `    ! ${c.unresolved.length} members are not Lead or Contact Ids and are skipped (rejects file)`,
      );
  }
  for (const e of plan.errors) lines.push(`✗ ${e.segment}: ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
  return lines.join('\n');
}
