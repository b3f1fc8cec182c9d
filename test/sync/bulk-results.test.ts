import { describe, expect, it } from 'vitest';
import { parseResultsPage } from '../../src/sync/extract.ts';

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

  it('give no records for a page that holds only the header, or nothing', () => {
    expect(parseResultsPage('Id,Name\n', 'j')).toEqual([]);
    expect(parseResultsPage('', 'j')).toEqual([]);
  });
});
