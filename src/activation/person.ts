import { SALESFORCE_ID } from '../definitions/schemas/activation.ts';

/**
 * Which CampaignMember field a segment member's key fills: Salesforce Ids carry their object in the
 * 3-character key prefix (00Q Lead, 003 Contact). Keys are compared on their 15-character form, which
 * is what the 18-character form extends with a case-safety suffix.
 */
export function personField(key: string): 'LeadId' | 'ContactId' | undefined {
  if (!SALESFORCE_ID.test(key)) return undefined;
  if (key.startsWith('00Q')) return 'LeadId';
  if (key.startsWith('003')) return 'ContactId';
  return undefined;
}

export const id15 = (id: string): string => id.slice(0, 15);
