import { describe, expect, it } from 'vitest';
import { createTestDb, sorted } from './fixture.ts';

// NOW is 2024-06-15 12:00:00 UTC; "last 30 days" starts 2024-05-16 12:00:00.
describe('segment queries over data views', () => {
  it('correlated EXISTS: clicked a pricing URL at least twice in the last 30 days', () => {
    const t = createTestDb();
    t.insert('Contacts', [
      { ContactKey: 'c1', Email: 'c1@example.com' },
      { ContactKey: 'c2', Email: 'c2@example.com' },
      { ContactKey: 'c3', Email: 'c3@example.com' },
      { ContactKey: 'c4', Email: 'c4@example.com' },
      { ContactKey: 'c5', Email: 'c5@example.com' },
    ]);
    t.insert('_Click', [
      // c1: two recent pricing clicks, one in upper case (LIKE is case-insensitive) → in
      { SubscriberKey: 'c1', URL: 'https://x.com/pricing', EventDate: '2024-06-10 08:00:00' },
      { SubscriberKey: 'c1', URL: 'https://x.com/PRICING?plan=pro', EventDate: '2024-06-14 09:00:00' },
      // c2: second pricing click is 40 days old → out
      { SubscriberKey: 'c2', URL: 'https://x.com/pricing', EventDate: '2024-06-01 08:00:00' },
      { SubscriberKey: 'c2', URL: 'https://x.com/pricing', EventDate: '2024-05-06 08:00:00' },
      // c3: many clicks, none on pricing → out
      { SubscriberKey: 'c3', URL: 'https://x.com/blog', EventDate: '2024-06-10 08:00:00' },
      { SubscriberKey: 'c3', URL: 'https://x.com/docs', EventDate: '2024-06-11 08:00:00' },
      { SubscriberKey: 'c3', URL: 'https://x.com/docs', EventDate: '2024-06-12 08:00:00' },
      // c4: key stored in another case; T-SQL equality is case-insensitive → in
      { SubscriberKey: 'C4', URL: 'https://x.com/pricing', EventDate: '2024-06-10 08:00:00' },
      { SubscriberKey: 'C4', URL: 'https://x.com/pricing#faq', EventDate: '2024-06-15 11:59:59' },
      // c5: exactly at the 30-day boundary counts (>=); one more inside → in
      { SubscriberKey: 'c5', URL: 'https://x.com/pricing', EventDate: '2024-05-16 12:00:00' },
      { SubscriberKey: 'c5', URL: 'https://x.com/pricing', EventDate: '2024-06-01 12:00:00' },
    ]);
    const rows = t.run(`
      SELECT c.ContactKey, c.Email AS EmailAddress
      FROM [Contacts] c
      WHERE EXISTS (
        SELECT 1 FROM _Click k WITH (NOLOCK)
        WHERE k.SubscriberKey = c.ContactKey
          AND k.URL LIKE '%pricing%'
          AND k.EventDate >= DATEADD(day, -30, GETDATE())
        GROUP BY k.SubscriberKey
        HAVING COUNT(*) >= 2
      )`);
    expect(sorted(rows)).toEqual([
      { ContactKey: 'c1', EmailAddress: 'c1@example.com' },
      { ContactKey: 'c4', EmailAddress: 'c4@example.com' },
      { ContactKey: 'c5', EmailAddress: 'c5@example.com' },
    ]);
  });

  it('GROUP BY/HAVING over _Bounce: four or more soft bounces', () => {
    const t = createTestDb();
    const bounces = (key: string, category: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        SubscriberKey: key,
        BounceCategory: category,
        BounceCategoryID: category.toLowerCase().startsWith('soft') ? 2 : 1,
        EventDate: `2024-06-0${i + 1} 10:00:00`,
      }));
    t.insert('_Bounce', [
      ...bounces('s1', 'Soft bounce', 4),
      ...bounces('s2', 'Soft bounce', 3),
      ...bounces('s2', 'Hard bounce', 2),
      ...bounces('s3', 'soft BOUNCE', 5),
      ...bounces('s4', 'Hard bounce', 6),
    ]);
    const { outputColumns } = t.translate(`
      SELECT b.SubscriberKey, COUNT(*) AS SoftBounces, MAX(b.EventDate) AS LastBounce
      FROM _Bounce b
      WHERE b.BounceCategory = 'Soft bounce'
      GROUP BY b.SubscriberKey
      HAVING COUNT(*) >= 4`);
    expect(outputColumns).toEqual(['SubscriberKey', 'SoftBounces', 'LastBounce']);
    const rows = t.run(`
      SELECT b.SubscriberKey, COUNT(*) AS SoftBounces, MAX(b.EventDate) AS LastBounce
      FROM _Bounce b
      WHERE b.BounceCategory = 'Soft bounce'
      GROUP BY b.SubscriberKey
      HAVING COUNT(*) >= 4`);
    expect(sorted(rows)).toEqual([
      { SubscriberKey: 's1', SoftBounces: 4, LastBounce: '2024-06-04 10:00:00' },
      { SubscriberKey: 's3', SoftBounces: 5, LastBounce: '2024-06-05 10:00:00' },
    ]);
  });

  it('NOT EXISTS inactivity with a young-contact guard', () => {
    const t = createTestDb();
    t.insert('_Subscribers', [
      {
        SubscriberKey: 'old-idle',
        EmailAddress: 'a@x.com',
        Status: 'Active',
        DateJoined: '2023-01-01 00:00:00',
      },
      {
        SubscriberKey: 'old-opener',
        EmailAddress: 'b@x.com',
        Status: 'active',
        DateJoined: '2023-01-01 00:00:00',
      },
      {
        SubscriberKey: 'old-clicker',
        EmailAddress: 'c@x.com',
        Status: 'active',
        DateJoined: '2023-01-01 00:00:00',
      },
      {
        SubscriberKey: 'young-idle',
        EmailAddress: 'd@x.com',
        Status: 'active',
        DateJoined: '2024-05-01 00:00:00',
      },
      {
        SubscriberKey: 'old-unsub',
        EmailAddress: 'e@x.com',
        Status: 'unsubscribed',
        DateJoined: '2023-01-01 00:00:00',
      },
      {
        SubscriberKey: 'stale-opener',
        EmailAddress: 'f@x.com',
        Status: 'active',
        DateJoined: '2023-01-01 00:00:00',
      },
    ]);
    t.insert('_Open', [
      { SubscriberKey: 'old-opener', EventDate: '2024-06-01 00:00:00', IsUnique: 1 },
      { SubscriberKey: 'stale-opener', EventDate: '2024-01-01 00:00:00', IsUnique: 1 },
    ]);
    t.insert('_Click', [
      { SubscriberKey: 'old-clicker', EventDate: '2024-05-20 00:00:00', URL: 'https://x.com' },
    ]);
    const rows = t.run(`
      SELECT s.SubscriberKey, s.EmailAddress
      FROM ENT._Subscribers s
      WHERE s.Status = 'Active'
        AND s.DateJoined < DATEADD(dd, -90, GETDATE())
        AND NOT EXISTS (SELECT 1 FROM _Open o WHERE o.SubscriberKey = s.SubscriberKey
                        AND o.EventDate >= DATEADD(dd, -90, GETDATE()))
        AND NOT EXISTS (SELECT 1 FROM _Click k WHERE k.SubscriberKey = s.SubscriberKey
                        AND k.EventDate >= DATEADD(dd, -90, GETDATE()))`);
    expect(sorted(rows)).toEqual([
      { SubscriberKey: 'old-idle', EmailAddress: 'a@x.com' },
      { SubscriberKey: 'stale-opener', EmailAddress: 'f@x.com' },
    ]);
    expect(t.resolved).toEqual(['_Subscribers', '_Open', '_Click']);
  });

  it('ROW_NUMBER top-N per partition', () => {
    const t = createTestDb();
    t.insert('Contacts', [
      { ContactKey: 'a', Region: 'EMEA', Score: 90 },
      { ContactKey: 'b', Region: 'emea', Score: 80 },
      { ContactKey: 'c', Region: 'EMEA', Score: 70 },
      { ContactKey: 'd', Region: 'AMER', Score: 50 },
      { ContactKey: 'e', Region: 'AMER', Score: 60 },
      { ContactKey: 'f', Region: 'AMER', Score: 60 },
      { ContactKey: 'g', Region: 'APAC', Score: 10 },
    ]);
    const rows = t.run(`
      SELECT x.ContactKey, x.Score, x.rn
      FROM (
        SELECT ContactKey, Score,
               ROW_NUMBER() OVER (PARTITION BY Region ORDER BY Score DESC, ContactKey) AS rn
        FROM Contacts
      ) x
      WHERE x.rn <= 2`);
    expect(sorted(rows)).toEqual(
      sorted([
        { ContactKey: 'a', Score: 90, rn: 1 },
        { ContactKey: 'b', Score: 80, rn: 2 },
        { ContactKey: 'e', Score: 60, rn: 1 },
        { ContactKey: 'f', Score: 60, rn: 2 },
        { ContactKey: 'g', Score: 10, rn: 1 },
      ]),
    );
    const ranks = t.run(`
      SELECT ContactKey, RANK() OVER (ORDER BY Score DESC) AS r, DENSE_RANK() OVER (ORDER BY Score DESC) AS dr
      FROM Contacts WHERE Region = 'AMER'`);
    expect(sorted(ranks)).toEqual([
      { ContactKey: 'd', r: 3, dr: 2 },
      { ContactKey: 'e', r: 1, dr: 1 },
      { ContactKey: 'f', r: 1, dr: 1 },
    ]);
  });
});
