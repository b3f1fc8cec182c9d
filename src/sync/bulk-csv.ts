import Papa from 'papaparse';
import { KitError } from '../errors/index.ts';

export type CsvRecord = Record<string, string>;

/**
 * Finds where records end in `text`: `next(from)` is the index after the line break that ends the record
 * starting at `from` (or the text's length). A line break inside a quoted value (RFC 4180) does not end
 * a record, so quotes are counted. The next quote's position is remembered between calls: searching
 * for it afresh from every record would scan to the end of a quote-free page each time.
 */
function recordEnds(text: string): (from: number) => number {
  let quote = text.indexOf('"');
  return (from) => {
    let pos = from;
    let quoted = false;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      const end = nl === -1 ? text.length : nl;
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      while (quote !== -1 && quote < end) {
        quoted = !quoted;
        quote = text.indexOf('"', quote + 1);
      }
      if (nl === -1) return text.length;
      if (!quoted) return nl + 1;
      pos = nl + 1;
    }
  };
}

/**
 * One Bulk 2.0 results page (CSV with a header line; every value a string, '' for null) → records, in
 * pieces of about `rowsPerPiece` records. A 50,000-record page parsed at once would keep 50,000 records
 * alive while they are batched (old-generation heap); pieces die young. Each piece is parsed into arrays
 * and keyed by the header: about four times faster than keyed parsing.
 */
export function* parseResultsPieces(
  text: string,
  jobId: string,
  rowsPerPiece = 1000,
): Generator<CsvRecord[]> {
  const recordEnd = recordEnds(text);
  const headerEnd = recordEnd(0);
  const [header] = parseCsv(text.slice(0, headerEnd), jobId, 1);
  if (!header) return;
  let line = 2;
  for (let start = headerEnd; start < text.length;) {
    let end = start;
    for (let n = 0; n < rowsPerPiece && end < text.length; n++) end = recordEnd(end);
    const rows = parseCsv(text.slice(start, end), jobId, line);
    yield rows.map((cells, i) => keyed(header, cells, jobId, line + i));
    line += rows.length;
    start = end;
  }
}

/** A whole page at once (small pages, tests). */
export function parseResultsPage(text: string, jobId: string): CsvRecord[] {
  return [...parseResultsPieces(text, jobId, Number.POSITIVE_INFINITY)].flat();
}

function parseCsv(text: string, jobId: string, firstLine: number): string[][] {
  // The delimiter is set: papaparse would otherwise guess it from the data.
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true });
  const bad = parsed.errors[0];
  if (bad) {
    throw new KitError(
      'SYNC_FAILED',
      `Bulk results for job ${jobId}: unreadable CSV at row ${firstLine + (bad.row ?? 0)}: ${bad.message}`,
    );
  }
  return parsed.data;
}

function keyed(header: string[], cells: string[], jobId: string, line: number): CsvRecord {
  if (cells.length !== header.length) {
    throw new KitError(
      'SYNC_FAILED',
      `Bulk results for job ${jobId}: row ${line} has ${cells.length} values for ${header.length} columns`,
    );
  }
  const record: CsvRecord = {};
  for (let c = 0; c < header.length; c++) record[header[c]] = cells[c];
  return record;
}
