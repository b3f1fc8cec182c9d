import { describe, expect, it } from 'vitest';
import { createTestDb } from './fixture.ts';

describe('date functions (GETDATE() = 2024-06-15 12:00:00 CST, a Saturday)', () => {
  const one = (sql: string) => createTestDb().run(sql)[0];

  it('DATEDIFF counts boundaries crossed like SQL Server', () => {
    expect(
      one(`SELECT
        DATEDIFF(day, '2024-01-01 23:59', '2024-01-02 00:01') AS d1,
        DATEDIFF(dd, '2024-01-01 00:00', '2024-01-01 23:59') AS d0,
        DATEDIFF(month, '2024-01-31', '2024-02-01') AS m1,
        DATEDIFF(mm, '2024-02-01', '2024-02-29') AS m0,
        DATEDIFF(year, '2023-12-31 23:59:59', '2024-01-01') AS y1,
        DATEDIFF(quarter, '2024-03-31', '2024-04-01') AS q1,
        DATEDIFF(hh, '2024-01-01 10:59', '2024-01-01 11:00') AS h1,
        DATEDIFF(mi, '2024-01-01 10:00:59', '2024-01-01 10:01:00') AS mi1,
        DATEDIFF(wk, '2024-06-15', '2024-06-16') AS w1,
        DATEDIFF(week, '2024-06-16', '2024-06-22') AS w0,
        DATEDIFF(day, '2024-03-10', '2024-03-01') AS neg,
        DATEDIFF(day, NULL, '2024-03-01') AS n`),
    ).toEqual({ d1: 1, d0: 0, m1: 1, m0: 0, y1: 1, q1: 1, h1: 1, mi1: 1, w1: 1, w0: 0, neg: -9, n: null });
  });

  it('DATEADD with every part and its abbreviations, clamping month ends', () => {
    expect(
      one(`SELECT
        DATEADD(month, 1, '2024-01-31') AS a,
        DATEADD(yy, -1, '2024-02-29') AS b,
        DATEADD(mi, 90, '2024-01-01 23:00') AS c,
        DATEADD(d, -30, GETDATE()) AS d,
        DATEADD(wk, 2, '2024-06-15') AS e,
        DATEADD(q, 1, '2024-11-30 08:00:00') AS f,
        DATEADD(hh, -13, '2024-01-01') AS g,
        DATEADD(ss, 61, '2024-01-01') AS h,
        DATEADD(m, -2, '2024-12-31') AS i,
        DATEADD(year, 1, '2024-06-15T10:20:30') AS j`),
    ).toEqual({
      a: '2024-02-29 00:00:00',
      b: '2023-02-28 00:00:00',
      c: '2024-01-02 00:30:00',
      d: '2024-05-16 12:00:00',
      e: '2024-06-29 00:00:00',
      f: '2025-02-28 08:00:00',
      g: '2023-12-31 11:00:00',
      h: '2024-01-01 00:01:01',
      i: '2024-10-31 00:00:00',
      j: '2025-06-15 10:20:30',
    });
  });

  it('GETDATE family, DATEPART, YEAR/MONTH/DAY, DATENAME, EOMONTH', () => {
    expect(
      one(`SELECT GETDATE() AS now1, GETUTCDATE() AS now2, SYSDATETIME() AS now3,
        DATEPART(dw, GETDATE()) AS dw, DATEPART(dy, '2024-02-01') AS dy, DATEPART(wk, '2024-01-07') AS wk,
        DATEPART(hour, '2024-01-01 17:05:00') AS hr,
        YEAR(GETDATE()) AS y, MONTH('2024-02-10') AS m, DAY('2024-02-10 23:00:00') AS d,
        DATENAME(month, '2024-02-10') AS mname, DATENAME(dw, GETDATE()) AS dname,
        EOMONTH('2024-02-10') AS eom, EOMONTH('2024-01-31', 1) AS eom2`),
    ).toEqual({
      now1: '2024-06-15 12:00:00',
      // GETUTCDATE() is UTC; GETDATE() and SYSDATETIME() are SFMC's CST (UTC-6 all year).
      now2: '2024-06-15 18:00:00',
      now3: '2024-06-15 12:00:00',
      dw: 7,
      dy: 32,
      wk: 2,
      hr: 17,
      y: 2024,
      m: 2,
      d: 10,
      mname: 'February',
      dname: 'Saturday',
      eom: '2024-02-29',
      eom2: '2024-02-29',
    });
  });

  it('date arithmetic with GETDATE() - n and comparisons against stored dates', () => {
    const t = createTestDb();
    t.insert('Contacts', [
      { ContactKey: 'new', CreatedDate: '2024-06-14 13:00:00' },
      { ContactKey: 'old', CreatedDate: '2024-06-13 11:00:00' },
    ]);
    expect(t.run(`SELECT ContactKey FROM Contacts WHERE CreatedDate > GETDATE() - 1`)).toEqual([
      { ContactKey: 'new' },
    ]);
    expect(
      t.run(
        `SELECT ContactKey FROM Contacts WHERE CONVERT(date, CreatedDate) = CAST(DATEADD(day, -2, GETDATE()) AS date)`,
      ),
    ).toEqual([{ ContactKey: 'old' }]);
  });

  it('a bad datepart is an SQL error and a bad date fails at run time like SQL Server', () => {
    const t = createTestDb();
    expect(() => t.translate(`SELECT DATEADD(fortnight, 1, GETDATE()) AS x`)).toThrow(
      expect.objectContaining({ code: 'SQL_ERROR', message: 'Invalid parameter 1 specified for dateadd.' }),
    );
    expect(() => t.run(`SELECT DATEADD(day, 1, 'not a date') AS x`)).toThrow(
      /Conversion failed when converting date and\/or time from character string/,
    );
  });
});

describe('date literals compared with stored datetimes', () => {
  it('behave as SQL Server converts them: midnight of the day, both sides of every operator', () => {
    const t = createTestDb();
    t.insert('Contacts', [
      { ContactKey: 'before', CreatedDate: '2024-06-29 23:59:59' },
      { ContactKey: 'midnight', CreatedDate: '2024-06-30 00:00:00' },
      { ContactKey: 'noon', CreatedDate: '2024-06-30 12:00:00' },
      { ContactKey: 'after', CreatedDate: '2024-07-01 00:00:00' },
    ]);
    const keys = (where: string) =>
      t
        .run(`SELECT ContactKey FROM Contacts WHERE ${where}`)
        .map((r) => r.ContactKey)
        .sort();
    expect(keys(`CreatedDate = '2024-06-30'`)).toEqual(['midnight']);
    expect(keys(`CreatedDate <> '2024-06-30'`)).toEqual(['after', 'before', 'noon']);
    expect(keys(`CreatedDate <= '2024-06-30'`)).toEqual(['before', 'midnight']);
    expect(keys(`CreatedDate < '2024-06-30'`)).toEqual(['before']);
    expect(keys(`CreatedDate > '2024-06-30'`)).toEqual(['after', 'noon']);
    expect(keys(`CreatedDate >= '2024-06-30'`)).toEqual(['after', 'midnight', 'noon']);
    expect(keys(`'2024-06-30' >= CreatedDate`)).toEqual(['before', 'midnight']);
    expect(keys(`CreatedDate = '6/30/2024'`)).toEqual(['midnight']);
    expect(keys(`CreatedDate BETWEEN '2024-06-30' AND '2024-07-01'`)).toEqual(['after', 'midnight', 'noon']);
    expect(keys(`CreatedDate > '2024-06-30 11:59'`)).toEqual(['after', 'noon']);
  });

  it('still match a text column that holds the short form', () => {
    const t = createTestDb();
    t.insert('Contacts', [{ ContactKey: 'short', FirstName: '2024-06-30' }]);
    for (const op of ['=', '<=', '>=']) {
      expect(t.run(`SELECT ContactKey FROM Contacts WHERE FirstName ${op} '2024-06-30'`)).toEqual([
        { ContactKey: 'short' },
      ]);
    }
    for (const op of ['<>', '<', '>']) {
      expect(t.run(`SELECT ContactKey FROM Contacts WHERE FirstName ${op} '2024-06-30'`)).toEqual([]);
    }
  });
});
