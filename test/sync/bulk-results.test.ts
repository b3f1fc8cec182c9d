import { describe, expect, it } from 'vitest';
import { parseResultsPage, parseResultsPieces } from '../../src/sync/bulk-csv.ts';

describe('Bulk 2.0 results pages', () => {
  it('key every row by the header and keep quoted commas, quotes and line breaks', () => {
    const csv = [
      '"Id","Name","Description","AnnualRevenue"',
      '"001A","Acme, Inc.","He said ""hi""",""',
      '"001B","Line',
      'break","",1200.5',
      '',
    ].join('\n');
    expect(parseResultsPage(csv, 'job1')).toEqual([
      { Id: '001A', Name: 'Acme, Inc.', Description: 'He said "hi"', AnnualRevenue: '' },
      { Id: '001B', Name: 'Line\nbreak', Description: '', AnnualRevenue: '1200.5' },
    ]);
  });

  it('read unquoted cells and CRLF line endings', () => {
    expect(parseResultsPage('Id,Name\r\n001A,Acme\r\n001B,\r\n', 'job1')).toEqual([
      { Id: '001A', Name: 'Acme' },
      { Id: '001B', Name: '' },
    ]);
  });

  it('never guess the delimiter from the data', () => {
    expect(parseResultsPage('Id,Note\n001A,a;b;c\n', 'job1')).toEqual([{ Id: '001A', Note: 'a;b;c' }]);
  });

  it('refuse a row with the wrong number of values, naming the job and the line', () => {
    expect(() => parseResultsPage('Id,Name\n001A,Acme\n001B\n', 'job9')).toThrow(
      /job job9: row 3 has 1 values for 2 columns/,
    );
  });

  it('refuse an unterminated quote instead of swallowing the rest of the page', () => {
    expect(() => parseResultsPage('Id,Name\n001A,"Acme\n001B,Other\n', 'job9')).toThrow(
      /job job9: unreadable CSV/,
    );
  });

  it('hand a page on in pieces cut only between records, with line numbers that count from the page', () => {
    const csv = ['Id,Note', '1,"a\nb"', '2,x', '3,"c\n\nd"', '4,y', '5,z', ''].join('\n');
    const pieces = [...parseResultsPieces(csv, 'j', 2)];
    expect(pieces.map((p) => p.map((r) => r.Id))).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(pieces[1][0].Note).toBe('c\n\nd');
    expect(() => [...parseResultsPieces('Id,Note\n1,a\n2,b\n3\n', 'j', 2)]).toThrow(/row 4 has 1 values/);
  });

  it('give no records for a page that holds only the header, or nothing', () => {
    expect(parseResultsPage('Id,Name\n', 'j')).toEqual([]);
    expect(parseResultsPage('', 'j')).toEqual([]);
  });
});
