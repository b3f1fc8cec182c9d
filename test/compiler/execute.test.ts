import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/definitions/load-project.ts';
import type { Project } from '../../src/definitions/project.ts';
import { emulate } from './emulated.ts';

// GETDATE() in every case: 2024-06-15 12:00 UTC.
const NOW = new Date('2024-06-15T12:00:00Z');
let project: Project;
beforeAll(async () => {
  project = await loadProject(new URL('../../definitions', import.meta.url).pathname, { env: 'prod' });
});

const contact = (key: string, extra: Record<string, string | number | null> = {}) => ({
  SubscriberKey: key,
  EmailAddress: `${key}@example.com`,
  FirstName: key.toUpperCase(),
  CreatedDate: '2023-01-01 00:00:00',
  ...extra,
});

describe('example segments run in the emulator', () => {
  it('clicked-premium-links: recent premium click, minus suppressed contacts', () => {
    const e = emulate(project, NOW);
    e.insert(
      'Contacts',
      ['c1', 'c2', 'c3', 'c4', 'c5'].map((k) => contact(k)),
    );
    e.insert('_Click', [
      { SubscriberKey: 'c1', EventDate: '2024-06-05 10:00:00', URL: 'https://acme.example/premium?x=1' },
      { SubscriberKey: 'c2', EventDate: '2024-05-01 10:00:00', URL: 'https://acme.example/premium' }, // too old
      { SubscriberKey: 'c3', EventDate: '2024-06-10 10:00:00', URL: 'https://acme.example/PREMIUM' }, // unsubscribed
      { SubscriberKey: 'c4', EventDate: '2024-06-10 10:00:00', URL: 'https://acme.example/basic' }, // other link
      { SubscriberKey: 'c5', EventDate: '2024-06-12 10:00:00', URL: 'https://acme.example/premium' }, // hard bounce
    ]);
    e.insert('_Unsubscribe', [{ SubscriberKey: 'c3', EventDate: '2024-06-11 00:00:00' }]);
    // Suppression reads the status (_Subscribers), which an unsubscribe sets, not the 6-month event view.
    e.insert('_Subscribers', [{ SubscriberKey: 'C3 ', Status: 'unsubscribed' }]);
    e.insert('_Bounce', [
      { SubscriberKey: 'c5', EventDate: '2024-06-13 00:00:00', BounceCategory: 'Hard bounce' },
    ]);
    expect(e.members('clicked-premium-links')).toEqual(['c1']);
    expect(e.members('suppressed')).toEqual(['c3', 'c5']);
  });

  it('soft-bounced-4: four soft bounces in 180 days, not three, not hard', () => {
    const e = emulate(project, NOW);
    e.insert(
      'Contacts',
      ['s1', 's2', 's3'].map((k) => contact(k)),
    );
    const bounces = (k: string, cat: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        SubscriberKey: k,
        EventDate: `2024-06-0${i + 1} 08:00:00`,
        BounceCategory: cat,
      }));
    e.insert('_Bounce', [
      ...bounces('s1', 'Soft bounce', 4),
      ...bounces('s2', 'Soft bounce', 3),
      ...bounces('s3', 'Block bounce', 5),
    ]);
    expect(e.members('soft-bounced-4')).toEqual(['s1']);
  });

  it('no-action-60-days: inactive and old enough; the young contact does not qualify', () => {
    const e = emulate(project, NOW);
    e.insert('Contacts', [
      contact('old-idle'),
      contact('old-clicker'),
      contact('old-browser'),
      contact('young', { CreatedDate: '2024-06-01 00:00:00' }),
    ]);
    e.insert('_Click', [{ SubscriberKey: 'old-clicker', EventDate: '2024-06-01 00:00:00', URL: 'x' }]);
    e.insert('Web_PageViews', [
      { EventID: 'v1', SubscriberKey: 'old-browser', EventDate: '2024-05-20 00:00:00' },
    ]);
    expect(e.members('no-action-60-days')).toEqual(['old-idle']);
  });

  it('birthday-tomorrow matches month and day of tomorrow only', () => {
    const e = emulate(project, NOW);
    e.insert('Contacts', [
      contact('b1', { BirthDate: '1990-06-16 00:00:00' }),
      contact('b2', { BirthDate: '1985-06-15 00:00:00' }),
      contact('b3', { BirthDate: '2001-07-16 00:00:00' }),
      contact('b4', { BirthDate: null }),
    ]);
    expect(e.members('birthday-tomorrow')).toEqual(['b1']);
  });

  it('nested-logic: NOT of an attribute keeps contacts whose field is empty', () => {
    const e = emulate(project, NOW);
    e.insert('Contacts', [
      contact('n1', { Country: 'US', Region: 'CA' }),
      contact('n2', { Country: 'CA', City: 'Toronto' }),
      contact('n3', { Country: 'CA', City: null }),
      contact('n4', { Country: 'US', Region: 'NY' }),
      contact('n5', { Country: 'US', Region: 'WA' }),
    ]);
    e.insert(
      '_Click',
      ['n1', 'n2', 'n3', 'n4', 'n5'].map((k) => ({
        SubscriberKey: k,
        EventDate: '2024-06-10 00:00:00',
        URL: '/premium',
      })),
    );
    e.insert('CRM_Lead', [{ Id: 'n5', Status: 'Unqualified' }]);
    expect(e.members('nested-logic')).toEqual(['n1', 'n3']);
  });

  it('score-rose-most-30-days ranks the biggest risers and ignores fallers', () => {
    const e = emulate(project, NOW);
    e.insert(
      'Contacts',
      ['r1', 'r2', 'r3'].map((k) => contact(k)),
    );
    const snap = (k: string, day: string, score: number) => ({
      SnapshotId: `${k}|${day}`,
      SubscriberKey: k,
      SnapshotDate: `${day} 00:00:00`,
      Score: score,
    });
    e.insert('Score_History', [
      snap('r1', '2024-05-20', 10),
      snap('r1', '2024-06-15', 60),
      snap('r2', '2024-05-20', 10),
      snap('r2', '2024-06-15', 20),
      snap('r3', '2024-05-20', 50),
      snap('r3', '2024-06-15', 5),
    ]);
    expect(e.members('score-rose-most-30-days')).toEqual(['r1', 'r2']);
    expect(e.members('score-fell-60-days')).toEqual(['r3']);
  });

  it('lifecycle: stages only move forward', () => {
    const e = emulate(project, NOW);
    e.insert(
      'Contacts',
      ['f1', 'f2'].map((k) => contact(k)),
    );
    e.insert('CRM_Contact', [{ Id: 'f1', AccountId: 'acc1' }]);
    e.insert('CRM_Opportunity', [{ Id: 'o1', AccountId: 'acc1', StageName: 'Negotiation/Review', IsWon: 0 }]);
    expect(e.members('lifecycle')).toEqual(['f1', 'f2']);
    expect(
      e
        .rows('kit_lifecycle')
        .map((r) => [r.SubscriberKey, r.Stage])
        .sort(),
    ).toEqual([
      ['f1', 'SQL'],
      ['f2', 'Subscriber'],
    ]);
    expect(e.members('stage-sql')).toEqual(['f1']);
    // The opportunity goes away: f1 no longer meets the SQL entry rules but keeps its stage.
    e.clear('CRM_Opportunity');
    e.members('lifecycle');
    expect(e.rows('kit_lifecycle').find((r) => r.SubscriberKey === 'f1')?.Stage).toBe('SQL');
    // f2 becomes a customer: it moves forward.
    e.insert('CRM_Contact', [{ Id: 'f2', AccountId: 'acc2' }]);
    e.insert('CRM_Opportunity', [{ Id: 'o2', AccountId: 'acc2', StageName: 'Closed Won', IsWon: 1 }]);
    e.members('lifecycle');
    expect(e.rows('kit_lifecycle').find((r) => r.SubscriberKey === 'f2')?.Stage).toBe('Customer');
  });
});
