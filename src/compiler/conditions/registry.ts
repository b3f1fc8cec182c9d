/** Every condition kind. Adding a kind: write its module, add it here. */
import { attribute } from './attribute.ts';
import { bounced, complained, emailClicked, emailOpened, emailSent, unsubscribed } from './email.ts';
import { event } from './event.ts';
import { inactive } from './inactive.ts';
import { lastInteraction } from './last-interaction.ts';
import { lastPurchase } from './last-purchase.ts';
import { leadStatus } from './lead-status.ts';
import { noSalesActivity } from './no-sales-activity.ts';
import { opportunityStage } from './opportunity-stage.ts';
import { owner } from './owner.ts';
import { purchaseTotals } from './purchase-totals.ts';
import { scoreChange } from './score-change.ts';
import { funnelStage, inSegment, notInSegment } from './segments.ts';
import type { ConditionKind } from './types.ts';

export const CONDITION_KINDS: readonly ConditionKind<never>[] = [
  attribute,
  emailClicked,
  emailOpened,
  emailSent,
  bounced,
  unsubscribed,
  complained,
  event,
  inactive,
  lastInteraction,
  scoreChange,
  lastPurchase,
  purchaseTotals,
  leadStatus,
  opportunityStage,
  owner,
  noSalesActivity,
  funnelStage,
  inSegment,
  notInSegment,
] as unknown as ConditionKind<never>[];

const BY_NAME = new Map(CONDITION_KINDS.map((k) => [k.kind, k]));

export function conditionKind(name: string): ConditionKind<unknown> | undefined {
  return BY_NAME.get(name) as ConditionKind<unknown> | undefined;
}

export const CONDITION_NAMES = CONDITION_KINDS.map((k) => k.kind);
