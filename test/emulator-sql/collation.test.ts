/**
 * SQL Server's comparison of text, as SFMC's query activities run it:
 * - case-insensitive, accent-sensitive (the default `SQL_Latin1_General_CP1_CI_AS` family of collations);
 *   https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
 * - trailing spaces ignored by `=`, `<>`, `IN`, joins, `GROUP BY`, `DISTINCT`, kept by `LIKE`: Microsoft
 *   KB 316626 "How SQL Server compares strings with trailing spaces"
 *   (https://learn.microsoft.com/en-us/troubleshoot/sql/database-design/sql-server-compare-strings-with-trailing-spaces)
 *   and SET ANSI_PADDING (https://learn.microsoft.com/en-us/sql/t-sql/statements/set-ansi-padding-transact-sql);
 * - `LEN` does not count trailing spaces (https://learn.microsoft.com/en-us/sql/t-sql/functions/len-transact-sql).
 */
import { describe, expect, it } from 'vitest';
import { translateQuery } from '../../src/emulator/sql/index.ts';
import { createState } from '../../src/emulator/state/index.ts';
import { createTestDb, sorted } from './fixture.ts';

function tiers() {
  const t = createTestDb();
  t.insert('Contacts', [
    { ContactKey: 'abc', Region: 'Gold', FirstName: 'École', Score: 1 },
    { ContactKey: 'k2', Region: 'gold ', FirstName: 'ecole', Score: 2 },
    { ContactKey: 'k3', Region: '   ', FirstName: 'ÉCOLE', Score: 3 },
    { ContactKey: 'k4', Region: '', FirstName: 'Bob', Score: 4 },
    { ContactKey: 'k5', Region: null, FirstName: 'bob  ', Score: 5 },
  ]);
  t.insert('_Sent', [
    { SubscriberKey: 'ABC ', JobID: 1, EventDate: '2024-06-01 00:00:00' },
    { SubscriberKey: 'K2', JobID: 1, EventDate: '2024-06-01 00:00:00' },
  ]);
  return t;
}
const keys = (rows: Record<string, unknown>[]) => rows.map((r) => r.ContactKey).sort();

describe('text comparison under SQL Server collation (KB 316626, ANSI padding)', () => {
  it('= and <> ignore case and trailing spaces; blank equals empty', () => {
    const t = tiers();
    expect(keys(t.run(`SELECT ContactKey FROM Contacts WHERE Region = 'GOLD'`))).toEqual(['abc', 'k2']);
    expect(keys(t.run(`SELECT ContactKey FROM Contacts WHERE Region = ''`))).toEqual(['k3', 'k4']);
    expect(keys(t.run(`SELECT ContactKey FROM Contacts WHERE Region <> 'gold'`))).toEqual(['k3', 'k4']);
    expect(keys(t.run(`SELECT ContactKey FROM Contacts WHERE 'Gold   ' = Region`))).toEqual(['abc', 'k2']);
  });

  it('is accent-sensitive but folds the case of accented letters', () => {
    const t = tiers();
    expect(keys(t.run(`SELECT ContactKey FROM Contacts WHERE FirstName = N'école'`))).toEqual(['abc', 'k3']);
  });

  it('IN, NOT IN and IN (subquery) compare under the collation', () => {
    const t = tiers();
    expect(keys(t.run(`SELECT ContactKey FROM Contacts WHERE Region IN ('GOLD', 'x')`))).toEqual([
      'abc',
      'k2',
    ]);
    expect(keys(t.run(`SELECT ContactKey FROM Contacts WHERE Region NOT IN ('gold')`))).toEqual(['k3', 'k4']);
    expect(
      keys(t.run(`SELECT ContactKey FROM Contacts WHERE ContactKey IN (SELECT SubscriberKey FROM _Sent)`)),
    ).toEqual(['abc', 'k2']);
  });

  it('joins and correlated EXISTS match keys that differ in case and trailing spaces', () => {
    const t = tiers();
    expect(
      keys(t.run(`SELECT c.ContactKey FROM Contacts c INNER JOIN _Sent s ON s.SubscriberKey = c.ContactKey`)),
    ).toEqual(['abc', 'k2']);
    expect(
      keys(
        t.run(
          `SELECT c.ContactKey FROM Contacts c WHERE EXISTS (SELECT 1 FROM _Sent s WHERE s.SubscriberKey = c.ContactKey)`,
        ),
      ),
    ).toEqual(['abc', 'k2']);
  });

  it('GROUP BY, DISTINCT, COUNT(DISTINCT) and UNION make one group of equal values', () => {
    const t = tiers();
    const groups = t.run(
      `SELECT Region, COUNT(*) AS n FROM Contacts WHERE Region IS NOT NULL GROUP BY Region`,
    );
    expect(groups.map((g) => g.n).sort()).toEqual([2, 2]);
    expect(t.run(`SELECT DISTINCT Region FROM Contacts WHERE Region IS NOT NULL`)).toHaveLength(2);
    expect(t.run(`SELECT COUNT(DISTINCT FirstName) AS n FROM Contacts`)).toEqual([{ n: 3 }]);
    const union = t.run(`SELECT ContactKey AS k FROM Contacts UNION SELECT SubscriberKey FROM _Sent`);
    expect(union).toHaveLength(5);
    const all = t.run(`SELECT ContactKey AS k FROM Contacts UNION ALL SELECT SubscriberKey FROM _Sent`);
    expect(all).toHaveLength(7);
  });

  // LIKE (Transact-SQL): "all characters in the pattern string are significant, including leading or trailing
  // spaces … However, trailing blanks, in the expression to which the pattern is matched, are ignored."
  it("LIKE keeps the pattern's trailing spaces, not the value's; LEN ignores them; values come back as stored", () => {
    const t = tiers();
    expect(keys(t.run(`SELECT ContactKey FROM Contacts WHERE Region LIKE 'gold'`))).toEqual(['abc', 'k2']);
    expect(keys(t.run(`SELECT ContactKey FROM Contacts WHERE Region LIKE 'gold '`))).toEqual(['k2']);
    expect(keys(t.run(`SELECT ContactKey FROM Contacts WHERE Region LIKE '%ld'`))).toEqual(['abc', 'k2']);
    expect(t.run(`SELECT LEN(Region) AS n, Region FROM Contacts WHERE ContactKey = 'K2'`)).toEqual([
      { n: 4, Region: 'gold ' },
    ]);
    expect(sorted(t.run(`SELECT DISTINCT FirstName FROM Contacts WHERE FirstName LIKE 'b%'`))).toHaveLength(
      1,
    );
  });

  it('numbers still compare as numbers, and CASE / NULLIF use the collation', () => {
    const t = tiers();
    expect(keys(t.run(`SELECT ContactKey FROM Contacts WHERE Score IN (1, '2')`))).toEqual(['abc', 'k2']);
    expect(
      t.run(
        `SELECT CASE Region WHEN 'GOLD' THEN 'g' ELSE 'o' END AS r FROM Contacts WHERE ContactKey = 'k2'`,
      ),
    ).toEqual([{ r: 'g' }]);
    expect(t.run(`SELECT NULLIF(Region, 'GOLD') AS r FROM Contacts WHERE ContactKey = 'abc'`)).toEqual([
      { r: null },
    ]);
  });

  it('the emulator indexes the collation key, so a keyed join still searches an index', () => {
    const st = createState();
    st.dataExtensions.create({
      customerKey: 'contacts',
      name: 'Contacts',
      fields: [{ name: 'SubscriberKey', fieldType: 'Text', isPrimaryKey: true }],
    });
    st.insertRows('contacts', [{ SubscriberKey: 'abc' }]);
    st.insertRows('_Sent', [{ SubscriberKey: 'ABC ', JobID: 1, EventDate: '2024-06-01 00:00:00' }]);
    const { sql } = translateQuery(
      `SELECT c.SubscriberKey FROM Contacts c WHERE EXISTS (SELECT 1 FROM _Sent s WHERE s.SubscriberKey = c.SubscriberKey)`,
      (n) => st.resolveTable(n),
    );
    expect(st.db.prepare(sql).all()).toEqual([{ SubscriberKey: 'abc' }]);
    const plan = (st.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map(
      (r) => r.detail,
    );
    expect(plan).toContainEqual(
      expect.stringMatching(/^SEARCH s EXISTS USING COVERING INDEX dv__Sent_key \(<expr>=\?\)/),
    );
  });
});

describe('quoted identifiers', () => {
  it('reads ]] inside brackets and "" inside double quotes as one character (valid T-SQL)', () => {
    const t = createTestDb();
    expect(t.translate(`SELECT 1 AS [Va]]l], 2 AS "a""b" FROM Contacts`).outputColumns).toEqual([
      'Va]l',
      'a"b',
    ]);
    expect(() => t.translate('SELECT [x FROM Contacts')).toThrow(/Unclosed quotation mark/);
  });
});
