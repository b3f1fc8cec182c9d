import { describe, expect, it } from 'vitest';
import { diffCampaignMembers } from '../../src/activation/diff-members.ts';
import { activationSchema } from '../../src/definitions/schemas/activation.ts';

const L1 = '00Q000000000001AAA';
const L2 = '00Q000000000002AAA';
const C1 = '003000000000001AAA';
const campaign = { ref: 'X', id: '701000000000001AAA' };
const existing = [
  { Id: '00v000000000001AAA', LeadId: L1, ContactId: null, Status: 'Sent' },
  { Id: '00v000000000002AAA', LeadId: L2, ContactId: null, Status: 'Sent' },
];
const diff = (membership: 'static' | 'additive' | 'dynamic', activate: object, members: string[]) =>
  diffCampaignMembers({
    segment: 's',
    membership,
    activation: activationSchema.parse({ salesforceCampaign: 'X', ...activate }),
    campaign,
    members,
    existing,
  });

describe('diffCampaignMembers', () => {
  it('adds Leads and Contacts by key prefix, matches 15- and 18-character Ids, and rejects other keys', () => {
    const d = diff('dynamic', {}, [L1.slice(0, 15), C1, 'someone@example.com', L2]);
    expect(d.add).toEqual([{ key: C1, field: 'ContactId', status: 'Sent' }]);
    expect(d.remove).toEqual([]);
    expect(d.unchanged).toBe(2);
    expect(d.unresolved.map((r) => r.key)).toEqual(['someone@example.com']);
  });

  it('dynamic removes who left; onExit status sets a status instead; additive and static never remove', () => {
    expect(diff('dynamic', {}, [L1]).remove).toEqual([{ id: '00v000000000002AAA', key: L2 }]);
    const exit = diff('dynamic', { onExit: { status: 'Left' } }, [L1]);
    expect(exit.remove).toEqual([]);
    expect(exit.restatus).toEqual([{ id: '00v000000000002AAA', key: L2, from: 'Sent', to: 'Left' }]);
    for (const m of ['additive', 'static'] as const) {
      const d = diff(m, {}, []);
      expect(d.remove.length + d.restatus.length + d.add.length).toBe(0);
    }
  });

  it('writes nothing when the campaign already matches', () => {
    const d = diff('dynamic', { status: 'Responded' }, [L2, L1]);
    expect(d.add.length + d.remove.length + d.restatus.length).toBe(0);
    expect(d.unchanged).toBe(2);
  });

  it('refuses an activate block with neither a campaign nor a journey', () => {
    expect(activationSchema.safeParse({ status: 'Sent' }).success).toBe(false);
    expect(activationSchema.safeParse({ salesforceCampaign: 'X', onExit: 'keep' }).success).toBe(false);
  });
});
