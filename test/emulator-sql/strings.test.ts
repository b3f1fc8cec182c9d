import { describe, expect, it } from 'vitest';
import { createTestDb, sorted } from './fixture.ts';

function contacts() {
  const t = createTestDb();
  t.insert('Contacts', [
    {
      ContactKey: 'k1',
      FirstName: 'Anna',
      LastName: "O'Brien",
      Region: 'EMEA',
      Score: 10,
      Email: 'anna@x.com',
    },
    {
      ContactKey: 'k2',
      FirstName: 'ANNA',
      LastName: 'Smith',
      Region: 'emea',
      Score: 20,
      Email: 'ANNA@X.COM',
    },
    { ContactKey: 'k3', FirstName: 'Bob', LastName: 'brown', Region: 'AMER', Score: 30, Email: 'bob@y.org' },
    { ContactKey: 'k4', FirstName: 'Zoë', LastName: '100% Real', Region: null, Score: null, Email: null },
  ]);
  return t;
}

describe('collation, LIKE and string functions', () => {
  it('equality, IN, BETWEEN and CASE compare strings case-insensitively', () => {
    const t = contacts();
    expect(sorted(t.run(`SELECT ContactKey FROM Contacts WHERE FirstName = 'anna'`))).toEqual([
      { ContactKey: 'k1' },
      { ContactKey: 'k2' },
    ]);
    expect(sorted(t.run(`SELECT ContactKey FROM Contacts WHERE Region IN ('Emea')`))).toEqual([
      { ContactKey: 'k1' },
      { ContactKey: 'k2' },
    ]);
    expect(t.run(`SELECT ContactKey FROM Contacts WHERE LastName BETWEEN 'B' AND 'C'`)).toEqual([
      { ContactKey: 'k3' },
    ]);
    expect(
      sorted(
        t.run(
          `SELECT ContactKey, CASE Region WHEN 'emea' THEN 'E' WHEN 'amer' THEN 'A' ELSE '?' END AS r FROM Contacts`,
        ),
      ),
    ).toEqual([
      { ContactKey: 'k1', r: 'E' },
      { ContactKey: 'k2', r: 'E' },
      { ContactKey: 'k3', r: 'A' },
      { ContactKey: 'k4', r: '?' },
    ]);
    // EMEA and emea are one value under the case-insensitive collation: AMER and EMEA.
    expect(t.run(`SELECT COUNT(DISTINCT Region) AS n FROM Contacts`)).toEqual([{ n: 2 }]);
    expect(
      sorted(
        t.run(`SELECT Region AS r, COUNT(*) AS n FROM Contacts WHERE Region IS NOT NULL GROUP BY Region`),
      ),
    ).toEqual([
      { r: 'AMER', n: 1 },
      { r: 'EMEA', n: 2 },
    ]);
  });

  it('LIKE: case-insensitive, character classes, negation, ESCAPE and NOT LIKE', () => {
    const t = contacts();
    const keys = (where: string) =>
      t
        .run(`SELECT ContactKey FROM Contacts WHERE ${where}`)
        .map((r) => r.ContactKey)
        .sort();
    expect(keys(`Email LIKE '%@X.com'`)).toEqual(['k1', 'k2']);
    expect(keys(`LastName LIKE 'o''b%'`)).toEqual(['k1']);
    expect(keys(`FirstName LIKE '[ab]%'`)).toEqual(['k1', 'k2', 'k3']);
    expect(keys(`FirstName LIKE '[^a]%'`)).toEqual(['k3', 'k4']);
    expect(keys(`FirstName LIKE 'zo_'`)).toEqual(['k4']);
    expect(keys(`LastName LIKE '100!%%' ESCAPE '!'`)).toEqual(['k4']);
    expect(keys(`LastName LIKE '1_0[%]%'`)).toEqual(['k4']);
    expect(keys(`Email NOT LIKE '%x.com'`)).toEqual(['k3']);
  });

  it('string functions follow T-SQL semantics', () => {
    const t = createTestDb();
    expect(
      t.run(`SELECT LEN('abc  ') AS len1, LEN(N'Zoë') AS len2, CHARINDEX('B', 'abcb') AS ci1, CHARINDEX('b', 'abcb', 3) AS ci2,
        CHARINDEX('z', 'abc') AS ci3, LEFT('abcdef', 2) AS l, RIGHT('abcdef', 2) AS r, RIGHT('ab', 0) AS r0,
        SUBSTRING('abcdef', 2, 3) AS sub, UPPER(N'zoë') AS up, LOWER('ÀB') AS low, LTRIM('  x ') AS lt, RTRIM(' x  ') AS rt,
        TRIM('  x  ') AS tr, REPLACE('Hello hello', 'HELLO', 'bye') AS rep, CONCAT('a', NULL, 1) AS cc,
        'a' + NULL AS plusnull, 'a' + 'b' AS plus, PATINDEX('%[0-9]%', 'ab3c') AS pat, ISNULL(NULL, 'd') AS isn,
        COALESCE(NULL, NULL, 3) AS co, NULLIF('a', 'A') AS nif, IIF(1 = 2, 'y', 'n') AS iif1,
        REPLICATE('ab', 3) AS rp, REVERSE('abc') AS rv, STUFF('abcdef', 2, 3, 'X') AS st, DATALENGTH('abc') AS dl`),
    ).toEqual([
      {
        len1: 3,
        len2: 3,
        ci1: 2,
        ci2: 4,
        ci3: 0,
        l: 'ab',
        r: 'ef',
        r0: '',
        sub: 'bcd',
        up: 'ZOË',
        low: 'àb',
        lt: 'x ',
        rt: ' x',
        tr: 'x',
        rep: 'bye bye',
        cc: 'a1',
        plusnull: null,
        plus: 'ab',
        pat: 3,
        isn: 'd',
        co: 3,
        nif: null,
        iif1: 'n',
        rp: 'ababab',
        rv: 'cba',
        st: 'aXef',
        dl: 3,
      },
    ]);
  });

  it('+ concatenates text columns and adds number columns', () => {
    const t = contacts();
    expect(
      t.run(`SELECT FirstName + ' ' + LastName AS FullName, Score + 1 AS Next, Score + Score AS Twice,
        CAST(Score AS varchar) + '!' AS Shout FROM Contacts WHERE ContactKey = 'K3'`),
    ).toEqual([{ FullName: 'Bob brown', Next: 31, Twice: 60, Shout: '30!' }]);
  });

  it('CONVERT and CAST to the types SFMC users write', () => {
    const t = createTestDb();
    expect(
      t.run(`SELECT CONVERT(varchar(10), '2024-06-15 13:45:00', 101) AS us, CONVERT(varchar, '2024-06-15 13:45:00', 120) AS iso,
        CONVERT(char(8), '2024-06-15', 112) AS compact, CONVERT(date, '2024-06-15 13:45:00') AS d,
        CONVERT(datetime, '06/15/2024') AS dt1, CONVERT(datetime, '15/06/2024 10:30', 103) AS dt2,
        CAST('2024-06-15' AS datetime) AS dt3, CAST(' 42 ' AS int) AS i, CAST(2.9 AS int) AS trunc,
        CAST(3.14159 AS decimal(5, 2)) AS dec, CAST('1.5' AS float) AS f, CAST('true' AS bit) AS b1, CAST(0 AS bit) AS b0,
        CAST(1234567 AS varchar(3)) AS cut, CONVERT(nvarchar(max), 12) AS nv`),
    ).toEqual([
      {
        us: '06/15/2024',
        iso: '2024-06-15 13:45:00',
        compact: '20240615',
        d: '2024-06-15',
        dt1: '2024-06-15 00:00:00',
        dt2: '2024-06-15 10:30:00',
        dt3: '2024-06-15 00:00:00',
        i: 42,
        trunc: 2,
        dec: 3.14,
        f: 1.5,
        b1: 1,
        b0: 0,
        cut: '123',
        nv: '12',
      },
    ]);
    expect(() => t.run(`SELECT CAST('abc' AS int) AS x`)).toThrow(
      /Conversion failed when converting the varchar value 'abc'/,
    );
  });

  it('hostile literals round-trip exactly', () => {
    const t = createTestDb();
    const rows = t.run(`SELECT 'O''Brien' AS a, 'x]y[z' AS b, N'Zoë 😀 日本語' AS c, 'line1
line2' AS d, 'back\\slash\\' AS e, '-- not a comment' AS f, '/* nor this */' AS g, '__kitstr0__' AS h,
      '"; DROP TABLE x; --' AS i, '' AS j, '''' AS k -- trailing comment with 'quote'
      /* block 'comment' */`);
    expect(rows).toEqual([
      {
        a: "O'Brien",
        b: 'x]y[z',
        c: 'Zoë 😀 日本語',
        d: 'line1\nline2',
        e: 'back\\slash\\',
        f: '-- not a comment',
        g: '/* nor this */',
        h: '__kitstr0__',
        i: '"; DROP TABLE x; --',
        j: '',
        k: "'",
      },
    ]);
    const c = contacts();
    expect(c.run(`SELECT ContactKey FROM Contacts WHERE LastName = 'o''brien'`)).toEqual([
      { ContactKey: 'k1' },
    ]);
  });
});

describe('explicit collations and TRY_ conversions', () => {
  it('a _CS_ collation makes the comparison case-sensitive', () => {
    const t = contacts();
    expect(
      t.run(`SELECT ContactKey FROM Contacts WHERE FirstName COLLATE Latin1_General_CS_AS = 'Anna'`),
    ).toEqual([{ ContactKey: 'k1' }]);
    expect(
      t.run(`SELECT ContactKey FROM Contacts WHERE 'ANNA' = FirstName COLLATE SQL_Latin1_General_CP1_CS_AS`),
    ).toEqual([{ ContactKey: 'k2' }]);
  });

  it('TRY_CONVERT gives NULL where CONVERT fails', () => {
    const t = createTestDb();
    expect(
      t.run(`SELECT TRY_CONVERT(int, 'abc') AS a, TRY_CONVERT(int, '12') AS b, TRY_CONVERT(datetime, 'nope') AS c,
        TRY_CONVERT(date, '2024-02-30') AS d, TRY_CONVERT(date, '2024-02-29') AS e`),
    ).toEqual([{ a: null, b: 12, c: null, d: null, e: '2024-02-29' }]);
  });
});
