import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { compileSoql } from '../../src/emulator/salesforce/compile.ts';
import { createSalesforceStore, parseSoql } from '../../src/emulator/salesforce/index.ts';

describe('parseSoql', () => {
  it('parses fields, nested AND/OR/NOT, IN, LIKE, datetime literals, ORDER BY and LIMIT', () => {
    expect(
      parseSoql(
        "SELECT Id, Name FROM Lead WHERE (Status IN ('Open', 'It\\'s') OR NOT Email LIKE '%@x.com') AND SystemModstamp >= 2026-01-02T03:04:05.000+0000 AND pi__score__c > 10.5 ORDER BY Name DESC NULLS LAST, Id LIMIT 10 OFFSET 5",
      ),
    ).toEqual({
      object: 'Lead',
      fields: ['Id', 'Name'],
      count: false,
      where: {
        kind: 'and',
        items: [
          {
            kind: 'or',
            items: [
              {
                kind: 'in',
                field: 'Status',
                negated: false,
                values: [
                  { kind: 'string', value: 'Open' },
                  { kind: 'string', value: "It's" },
                ],
              },
              {
                kind: 'not',
                item: {
                  kind: 'compare',
                  field: 'Email',
                  op: 'LIKE',
                  value: { kind: 'string', value: '%@x.com' },
                },
              },
            ],
          },
          {
            kind: 'compare',
            field: 'SystemModstamp',
            op: '>=',
            value: { kind: 'datetime', value: '2026-01-02T03:04:05.000+0000' },
          },
          { kind: 'compare', field: 'pi__score__c', op: '>', value: { kind: 'number', value: 10.5 } },
        ],
      },
      orderBy: [
        { field: 'Name', desc: true, nullsLast: true },
        { field: 'Id', desc: false, nullsLast: false },
      ],
      limit: 10,
      offset: 5,
    });
  });

  it('parses COUNT(), NOT IN, <>, booleans, null and date literals', () => {
    const q = parseSoql(
      "select count() from Contact where IsDeleted = true and AccountId <> null and Id not in ('a') and CreatedDate = LAST_N_DAYS:30",
    );
    expect(q.count).toBe(true);
    expect(q.where).toEqual({
      kind: 'and',
      items: [
        { kind: 'compare', field: 'IsDeleted', op: '=', value: { kind: 'boolean', value: true } },
        { kind: 'compare', field: 'AccountId', op: '!=', value: { kind: 'null' } },
        { kind: 'in', field: 'Id', negated: true, values: [{ kind: 'string', value: 'a' }] },
        {
          kind: 'compare',
          field: 'CreatedDate',
          op: '=',
          value: { kind: 'dateLiteral', name: 'LAST_N_DAYS', n: 30 },
        },
      ],
    });
  });

  it('rejects malformed queries with MALFORMED_QUERY and the position', () => {
    expect(() => parseSoql('SELECT FROM Lead')).toThrow(
      expect.objectContaining({ errorCode: 'MALFORMED_QUERY' }),
    );
    expect(() => parseSoql("SELECT Id FROM Lead WHERE Name = 'open")).toThrow(/unterminated string/);
    expect(() => parseSoql('SELECT Id FROM Lead LIMIT x')).toThrow(/Column:27/);
  });
});

describe('compileSoql', () => {
  const store = createSalesforceStore(new DatabaseSync(':memory:'));
  const compile = (soql: string, includeDeleted = false) =>
    compileSoql(parseSoql(soql), store.object, { includeDeleted, now: new Date('2026-03-10T15:00:00Z') });

  it('binds values, normalizes datetimes to UTC and keeps nulls for !=', () => {
    const q = compile(
      "SELECT Id FROM Lead WHERE SystemModstamp >= 2026-01-02T03:04:05+02:00 AND Status != 'Open' AND IsConverted = false",
    );
    expect(q.where).toBe(
      '"IsDeleted" = 0 AND (("SystemModstamp" >= ?) AND ("Status" IS NOT ?) AND ("IsConverted" = ?))',
    );
    expect(q.params).toEqual(['2026-01-02T01:04:05.000Z', 'Open', 0]);
  });

  it('turns date literals into ranges and lets queryAll see deleted rows', () => {
    const q = compile('SELECT Id FROM Lead WHERE CreatedDate = LAST_N_DAYS:7 OR ConvertedDate < TODAY', true);
    expect(q.where).toBe('(("CreatedDate" >= ? AND "CreatedDate" < ?) OR ("ConvertedDate" < ?))');
    expect(q.params).toEqual(['2026-03-03T00:00:00.000Z', '2026-03-11T00:00:00.000Z', '2026-03-10']);
  });

  it('names unknown fields and objects with Salesforce error codes', () => {
    expect(() => compile('SELECT Bogus FROM Lead')).toThrow(
      expect.objectContaining({ errorCode: 'INVALID_FIELD' }),
    );
    expect(() => compile('SELECT Id FROM Bogus')).toThrow(
      expect.objectContaining({ errorCode: 'INVALID_TYPE' }),
    );
  });
});
