import { describe, expect, it } from 'vitest';
import { createTestDb, sorted } from './fixture.ts';

function seeded() {
  const t = createTestDb();
  t.insert('Contacts', [
    { ContactKey: 'k1', Email: 'a@x.com', Region: 'EMEA', Score: 10, Revenue: 1.5, Active: 1 },
    { ContactKey: 'k2', Email: 'b@x.com', Region: 'EMEA', Score: 40, Revenue: 2.25, Active: 0 },
    { ContactKey: 'k3', Email: 'c@x.com', Region: 'AMER', Score: 30, Revenue: null, Active: 1 },
    { ContactKey: 'k4', Email: 'd@x.com', Region: 'APAC', Score: 20, Revenue: 4, Active: 1 },
  ]);
  t.insert('My DE', [
    { 'Email Address': 'a@x.com', Region: 'EMEA' },
    { 'Email Address': 'z@x.com', Region: 'LATAM' },
  ]);
  t.insert('_Click', [
    { SubscriberKey: 'k1', URL: 'u1', EventDate: '2024-06-01 00:00:00' },
    { SubscriberKey: 'k1', URL: 'u2', EventDate: '2024-06-02 00:00:00' },
    { SubscriberKey: 'k3', URL: 'u1', EventDate: '2024-06-03 00:00:00' },
  ]);
  return t;
}

describe('query shapes', () => {
  it('generates SQLite from the AST with quoted identifiers and literals', () => {
    const t = seeded();
    expect(
      t.translate(`SELECT TOP 5 m.[Email Address] AS Email, 'it''s' AS Note
        FROM [My DE] m WITH (NOLOCK) WHERE m.Region = N'EMEA' ORDER BY m.[Email Address] DESC`),
    ).toEqual({
      sql:
        `SELECT "m"."Email Address" AS "Email", 'it''s' AS "Note" FROM "de_2" AS "m" ` +
        `WHERE (tsql_key("m"."Region") = 'emea') ORDER BY tsql_key("m"."Email Address") DESC LIMIT 5`,
      outputColumns: ['Email', 'Note'],
    });
  });

  it('quotes hostile identifiers from brackets and double quotes', () => {
    const t = seeded();
    expect(t.translate(`SELECT 1 AS [it's -- odd /*], 2 AS [a"b], 3 AS "x y" FROM Contacts`)).toEqual({
      sql: `SELECT 1 AS "it's -- odd /*", 2 AS "a""b", 3 AS "x y" FROM "de_1" AS "Contacts"`,
      outputColumns: ["it's -- odd /*", 'a"b', 'x y'],
    });
  });

  it('expands * and t.* into the output column names', () => {
    const t = seeded();
    expect(t.translate('SELECT * FROM [My DE]').outputColumns).toEqual(['Email Address', 'Region']);
    expect(t.translate("SELECT m.*, 'x' AS 'Flag' FROM [My DE] m").outputColumns).toEqual([
      'Email Address',
      'Region',
      'Flag',
    ]);
    expect(t.run("SELECT m.*, 'x' AS 'Flag' FROM [My DE] m WHERE Region = 'latam'")).toEqual([
      { 'Email Address': 'z@x.com', Region: 'LATAM', Flag: 'x' },
    ]);
  });

  it('TOP, TOP PERCENT and OFFSET/FETCH', () => {
    const t = seeded();
    expect(t.run('SELECT TOP 2 ContactKey FROM Contacts ORDER BY Score DESC')).toEqual([
      { ContactKey: 'k2' },
      { ContactKey: 'k3' },
    ]);
    expect(t.run('SELECT TOP (1) ContactKey FROM Contacts ORDER BY Score')).toEqual([{ ContactKey: 'k1' }]);
    // 4 rows, 50 percent → 2; 30 percent → 1.2 rounds up to 2.
    expect(t.run('SELECT TOP 50 PERCENT ContactKey FROM Contacts ORDER BY Score')).toEqual([
      { ContactKey: 'k1' },
      { ContactKey: 'k4' },
    ]);
    expect(t.run('SELECT TOP 30 PERCENT ContactKey FROM Contacts ORDER BY Score')).toHaveLength(2);
    expect(
      t.run('SELECT ContactKey FROM Contacts ORDER BY Score OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY'),
    ).toEqual([{ ContactKey: 'k4' }, { ContactKey: 'k3' }]);
  });

  it('joins of every kind, derived tables and CTEs', () => {
    const t = seeded();
    expect(
      sorted(
        t.run(`SELECT c.ContactKey, m.Region AS DeRegion FROM Contacts c
          LEFT JOIN [My DE] m ON m.[Email Address] = c.Email`),
      ),
    ).toEqual([
      { ContactKey: 'k1', DeRegion: 'EMEA' },
      { ContactKey: 'k2', DeRegion: null },
      { ContactKey: 'k3', DeRegion: null },
      { ContactKey: 'k4', DeRegion: null },
    ]);
    expect(
      sorted(
        t.run(
          `SELECT c.ContactKey, m.[Email Address] AS E FROM Contacts c RIGHT JOIN [My DE] m ON m.[Email Address] = c.Email`,
        ),
      ),
    ).toEqual([
      { ContactKey: 'k1', E: 'a@x.com' },
      { ContactKey: null, E: 'z@x.com' },
    ]);
    expect(
      t.run(
        `SELECT c.ContactKey, m.[Email Address] AS E FROM Contacts c FULL OUTER JOIN [My DE] m ON m.[Email Address] = c.Email`,
      ),
    ).toHaveLength(5);
    expect(
      sorted(
        t.run(`WITH clicks AS (SELECT SubscriberKey, COUNT(*) AS n FROM _Click GROUP BY SubscriberKey),
               best AS (SELECT SubscriberKey FROM clicks WHERE n > 1)
          SELECT c.ContactKey, x.n FROM Contacts c
          INNER JOIN (SELECT * FROM clicks) x ON x.SubscriberKey = c.ContactKey
          WHERE c.ContactKey IN (SELECT SubscriberKey FROM best)`),
      ),
    ).toEqual([{ ContactKey: 'k1', n: 2 }]);
  });

  it('subqueries: scalar, IN, NOT IN, and UNION / UNION ALL', () => {
    const t = seeded();
    expect(
      sorted(
        t.run(`SELECT c.ContactKey,
            (SELECT COUNT(*) FROM _Click k WHERE k.SubscriberKey = c.ContactKey) AS Clicks
          FROM Contacts c WHERE c.ContactKey NOT IN (SELECT SubscriberKey FROM _Click WHERE URL = 'U2')`),
      ),
    ).toEqual([
      { ContactKey: 'k2', Clicks: 0 },
      { ContactKey: 'k3', Clicks: 1 },
      { ContactKey: 'k4', Clicks: 0 },
    ]);
    expect(
      sorted(
        t.run(`SELECT Email AS E FROM Contacts WHERE Score > 25 UNION SELECT [Email Address] FROM [My DE]`),
      ),
    ).toEqual([{ E: 'a@x.com' }, { E: 'b@x.com' }, { E: 'c@x.com' }, { E: 'z@x.com' }]);
    expect(
      t.run(
        `SELECT Region AS R FROM Contacts WHERE ContactKey = 'k1' UNION ALL SELECT Region FROM [My DE] WHERE Region = 'EMEA'`,
      ),
    ).toEqual([{ R: 'EMEA' }, { R: 'EMEA' }]);
  });

  it('aggregates, window aggregates, booleans, numbers and integer division', () => {
    const t = seeded();
    expect(
      t.run(`SELECT COUNT(*) AS n, COUNT(Revenue) AS withRevenue, SUM(Score) AS total, AVG(Revenue) AS avgRev,
        MIN(Score) AS lo, MAX(Email) AS hi, SUM(CASE WHEN Active = 1 THEN 1 ELSE 0 END) AS active,
        7 / 2 AS intdiv, 7 / 2.0 AS realdiv, 7 % 3 AS modulo, ROUND(2.345, 2) AS r, ABS(-3) AS a,
        FLOOR(2.7) AS fl, CEILING(2.1) AS ce FROM Contacts`),
    ).toEqual([
      {
        n: 4,
        withRevenue: 3,
        total: 100,
        avgRev: 2.5833333333333335,
        lo: 10,
        hi: 'd@x.com',
        active: 3,
        intdiv: 3,
        realdiv: 3.5,
        modulo: 1,
        r: 2.35,
        a: 3,
        fl: 2,
        ce: 3,
      },
    ]);
    expect(
      sorted(
        t.run(
          `SELECT ContactKey, SUM(Score) OVER (PARTITION BY Region) AS RegionScore FROM Contacts WHERE Region = 'emea'`,
        ),
      ),
    ).toEqual([
      { ContactKey: 'k1', RegionScore: 50 },
      { ContactKey: 'k2', RegionScore: 50 },
    ]);
    const ids = t.run('SELECT NEWID() AS id FROM Contacts');
    expect(new Set(ids.map((r) => r.id)).size).toBe(4);
    expect(String(ids[0].id)).toMatch(
      /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/,
    );
  });
});

describe('case-insensitive dedupe and Boolean literals', () => {
  it('DISTINCT and UNION treat values differing only in case as equal', () => {
    const t = createTestDb();
    t.insert('Contacts', [
      { ContactKey: 'k1', Email: 'A@x.com', Score: 1 },
      { ContactKey: 'k2', Email: 'a@X.com', Score: 1 },
      { ContactKey: 'k3', Email: 'b@x.com', Score: 2 },
    ]);
    expect(t.run('SELECT DISTINCT Score, Email FROM Contacts')).toHaveLength(2);
    expect(t.run(`SELECT Email FROM Contacts UNION SELECT 'B@X.COM'`)).toHaveLength(2);
    expect(t.run(`SELECT Email FROM Contacts UNION ALL SELECT 'B@X.COM'`)).toHaveLength(4);
  });

  it("a Boolean column equals 'true' / 'false' as well as 1 / 0", () => {
    const t = createTestDb();
    t.insert('Contacts', [
      { ContactKey: 'on', Active: 1 },
      { ContactKey: 'off', Active: 0 },
    ]);
    expect(t.run(`SELECT ContactKey FROM Contacts WHERE Active = 'True'`)).toEqual([{ ContactKey: 'on' }]);
    expect(t.run(`SELECT ContactKey FROM Contacts WHERE Active <> 'true'`)).toEqual([{ ContactKey: 'off' }]);
    expect(t.run(`SELECT ContactKey FROM Contacts WHERE 'false' = Active`)).toEqual([{ ContactKey: 'off' }]);
    expect(t.run(`SELECT ContactKey FROM Contacts WHERE Active = 1`)).toEqual([{ ContactKey: 'on' }]);
  });
});
