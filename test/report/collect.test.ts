import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../src/compiler/index.ts';
import { loadProject } from '../../src/definitions/index.ts';
import { collectReportData } from '../../src/report/index.ts';

const dir = path.join(import.meta.dirname, 'fixtures/definitions');

/** Members per segment name; the reader is asked by target key, so map names to keys first. */
const MEMBERS: Record<string, string[]> = {
  newsletter: ['C1', 'C2', 'C4', 'C6'],
  'us-contacts': ['C1', 'C2', 'C5'],
  vip: ['C1', 'C4'],
  journey: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'],
  'stage-subscriber': [],
  'stage-lead': ['C5'],
  'stage-mql': ['C2'],
  'stage-sql': ['C6'],
  'stage-customer': ['C1', 'C3', 'C4'],
};

async function setup() {
  const project = await loadProject(dir);
  const compiled = compileProject(project);
  const nameByKey = new Map(compiled.segments.map((s) => [s.targetKey, s.name]));
  return { project, compiled, nameByKey };
}

describe('collectReportData', () => {
  it('reads each target once and reports sizes, plain-words rules, SQL, membership and schedule', async () => {
    const { project, compiled, nameByKey } = await setup();
    const asked: string[] = [];
    const data = await collectReportData({
      project,
      compiled,
      // Half the segments through an async iterable, half as a promised array: both shapes are accepted.
      readMembers: (key) => {
        asked.push(key);
        const list = MEMBERS[nameByKey.get(key)!];
        return asked.length % 2
          ? Promise.resolve(list)
          : (async function* () {
              yield* list;
            })();
      },
      lastRun: (key) => (key === 'rf_vip' ? '2025-01-15T05:30:00' : undefined),
      now: () => new Date('2025-01-15T09:00:00Z'),
    });
    expect(asked.sort()).toEqual(compiled.segments.map((s) => s.targetKey).sort());
    expect(data.project).toBe('Report Fixture');
    expect(data.generatedAt).toBe('2025-01-15T09:00:00.000Z');
    const byName = new Map(data.segments.map((s) => [s.name, s]));
    for (const [name, members] of Object.entries(MEMBERS))
      expect(byName.get(name)?.size).toBe(members.length);

    const vip = byName.get('vip')!;
    expect(vip).toMatchObject({
      description: 'Gold and platinum members',
      membership: 'additive',
      schedule: 'daily (every 2) at 05:30 Europe/Paris',
      lastRun: '2025-01-15T05:30:00',
      targetKey: 'rf_vip',
    });
    expect(vip.rules).toBe(compiled.segments.find((s) => s.name === 'vip')!.summary);
    expect(vip.rules).toContain('LoyaltyTier');
    expect(vip.sql).toContain("a.[LoyaltyTier] IN ('Gold', 'Platinum')");
    expect(byName.get('us-contacts')).toMatchObject({ membership: 'static' });
    expect(byName.get('us-contacts')!.schedule).toBeUndefined();
    expect(byName.get('newsletter')!.label).toBe('Newsletter readers');
  });

  it('counts pairwise shared members into a symmetric matrix with sizes on the diagonal', async () => {
    const { project, compiled, nameByKey } = await setup();
    const data = await collectReportData({
      project,
      compiled,
      readMembers: async (key) => MEMBERS[nameByKey.get(key)!],
    });
    const at = (a: string, b: string) =>
      data.overlaps.shared[data.overlaps.segments.indexOf(a)][data.overlaps.segments.indexOf(b)];
    expect(at('newsletter', 'us-contacts')).toBe(2);
    expect(at('us-contacts', 'newsletter')).toBe(2);
    expect(at('newsletter', 'vip')).toBe(2);
    expect(at('us-contacts', 'vip')).toBe(1);
    expect(at('vip', 'stage-customer')).toBe(2);
    expect(at('stage-lead', 'stage-mql')).toBe(0);
    expect(at('journey', 'journey')).toBe(6);
  });

  it('draws the funnel from the stage segments, in stage order', async () => {
    const { project, compiled, nameByKey } = await setup();
    const data = await collectReportData({
      project,
      compiled,
      readMembers: async (key) => MEMBERS[nameByKey.get(key)!],
    });
    expect(data.funnels).toEqual([
      {
        name: 'journey',
        label: 'Customer journey',
        stages: [
          { name: 'Subscriber', segment: 'stage-subscriber', count: 0 },
          { name: 'Lead', segment: 'stage-lead', count: 1 },
          { name: 'MQL', description: 'scored 50 or more', segment: 'stage-mql', count: 1 },
          { name: 'SQL', segment: 'stage-sql', count: 1 },
          { name: 'Customer', segment: 'stage-customer', count: 3 },
        ],
      },
    ]);
  });

  it('keeps going when a target cannot be read: that size is null with the reason, its overlaps null', async () => {
    const { project, compiled, nameByKey } = await setup();
    const data = await collectReportData({
      project,
      compiled,
      readMembers: async (key) => {
        if (nameByKey.get(key) === 'vip') throw new Error('Data extension rf_vip does not exist');
        return MEMBERS[nameByKey.get(key)!];
      },
    });
    const vip = data.segments.find((s) => s.name === 'vip')!;
    expect(vip.size).toBeNull();
    expect(vip.error).toBe('Data extension rf_vip does not exist');
    const i = data.overlaps.segments.indexOf('vip');
    expect(data.overlaps.shared[i].every((n) => n === null)).toBe(true);
    expect(data.segments.find((s) => s.name === 'newsletter')!.size).toBe(4);
  });
});
