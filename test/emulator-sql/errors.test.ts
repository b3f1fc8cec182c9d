import { describe, expect, it } from 'vitest';
import { createTestDb } from './fixture.ts';

const fails = (tsql: string, code: string, message: string | RegExp) => {
  const t = createTestDb();
  let error: unknown;
  try {
    t.translate(tsql);
  } catch (e) {
    error = e;
  }
  expect(error).toMatchObject({ name: 'KitError', code });
  expect((error as Error).message).toMatch(message);
};

describe('what a query activity refuses', () => {
  it.each([
    ['INSERT INTO Contacts (ContactKey) VALUES (1)', 'INSERT statements are not allowed in a query activity'],
    ["UPDATE Contacts SET Email = 'x'", 'UPDATE statements are not allowed in a query activity'],
    ['DELETE FROM Contacts', 'DELETE statements are not allowed in a query activity'],
    ['DROP TABLE Contacts', 'DROP statements are not allowed in a query activity'],
    ['TRUNCATE TABLE Contacts', 'TRUNCATE statements are not allowed in a query activity'],
    ['EXEC sp_who', 'EXEC statements are not allowed in a query activity'],
    [
      'SELECT ContactKey FROM Contacts; DELETE FROM Contacts',
      'DELETE statements are not allowed in a query activity',
    ],
    ['DECLARE @d datetime', 'DECLARE statements are not allowed in a query activity'],
    [
      'SELECT ContactKey FROM Contacts WHERE CreatedDate > @since',
      'Variables (@since) are not allowed in a query activity',
    ],
    ['SELECT @@ROWCOUNT AS n', 'Variables (@@ROWCOUNT) are not allowed in a query activity'],
    ['SELECT ContactKey FROM #recent', 'Temporary tables (#recent) are not allowed in a query activity'],
    ['SELECT ContactKey INTO Copy FROM Contacts', 'SELECT … INTO is not allowed in a query activity'],
    [
      'SELECT c.ContactKey FROM Contacts c CROSS APPLY (SELECT TOP 1 URL FROM _Click k WHERE k.SubscriberKey = c.ContactKey) x',
      'CROSS APPLY is not supported by the emulator',
    ],
    [
      'SELECT c.ContactKey FROM Contacts c OUTER APPLY (SELECT TOP 1 URL FROM _Click k WHERE k.SubscriberKey = c.ContactKey) x',
      'OUTER APPLY is not supported by the emulator',
    ],
    ['SELECT ContactKey FROM Contacts; SELECT Email FROM Contacts', /multiple statements are not allowed/],
    ['SELECT dbo.fnScore(Score) AS s FROM Contacts', 'Function dbo.fnScore is not supported by the emulator'],
    ['SELECT SOUNDEX(FirstName) AS s FROM Contacts', 'Function SOUNDEX is not supported by the emulator'],
  ])('%s', (tsql, message) => fails(tsql, 'UNSUPPORTED_SQL', message));

  it('names an unknown table the way SFMC does, after stripping brackets and ENT.', () => {
    fails('SELECT x FROM [Missing DE]', 'SQL_ERROR', "Invalid object name 'Missing DE'");
    fails('SELECT x FROM ENT.Nope n', 'SQL_ERROR', "Invalid object name 'ENT.Nope'");
    const t = createTestDb();
    t.translate(
      'SELECT s.SubscriberKey FROM ENT.[_subscribers] s JOIN [my de] m ON m.[Email Address] = s.SubscriberKey',
    );
    expect(t.resolved).toEqual(['_subscribers', 'my de']);
  });

  it('reports parse errors with line and column', () => {
    fails(
      'SELECT ContactKey\nFROM Contacts\nWHERE (Score > 1',
      'SQL_ERROR',
      /Incorrect syntax .*\(line 3, column \d+\)/,
    );
    fails("SELECT 'unterminated FROM Contacts", 'SQL_ERROR', /Unclosed quotation mark/);
    fails(
      "SELECT 'a\nb' AS x,\n  FROM Contacts WHERE",
      'SQL_ERROR',
      "Incorrect syntax near 'Contacts' (line 3, column 8)",
    );
    fails(
      'SELECT a FROM Contacts WHERE (',
      'SQL_ERROR',
      'Incorrect syntax at the end of the query (line 1, column 31)',
    );
  });

  it('keeps SQL Server rules that make SFMC reject a query', () => {
    fails(
      'SELECT ContactKey FROM Contacts ORDER BY ContactKey',
      'SQL_ERROR',
      /The ORDER BY clause is invalid/,
    );
    fails(
      'SELECT ContactKey, COUNT(*) FROM Contacts GROUP BY ContactKey',
      'SQL_ERROR',
      /No column name was specified for column 2/,
    );
    fails(
      'SELECT ContactKey FROM Contacts UNION SELECT ContactKey, Email FROM Contacts',
      'SQL_ERROR',
      /equal number of expressions/,
    );
    fails('SELECT ROW_NUMBER() AS rn FROM Contacts', 'SQL_ERROR', /must have an OVER clause/);
  });
});
