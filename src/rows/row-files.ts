import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, type ReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import Papa from 'papaparse';
import { KitError } from '../errors/index.ts';

export type RowFileFormat = 'csv' | 'jsonl';

/** A row as read from a file: its 1-based record number (data rows, the CSV header not counted). */
export interface FileRecord {
  record: number;
  values: Record<string, unknown>;
  /** Why the record could not even be read as a row (bad JSON, more values than columns). */
  unreadable?: string;
}

export function formatOf(file: string, explicit?: string): RowFileFormat {
  const f = (explicit ?? file.split('.').pop() ?? '').toLowerCase();
  if (f === 'csv') return 'csv';
  if (f === 'jsonl' || f === 'ndjson') return 'jsonl';
  throw new KitError(
    'USAGE',
    `cannot tell the format of "${file}": name it .csv or .jsonl, or pass --format`,
  );
}

export interface RowFile {
  /** Bytes of the file, and how many have been read so far (for a progress bar). */
  size: number;
  bytesRead(): number;
  records: AsyncIterable<FileRecord>;
}

/** Streams a CSV (header row first) or JSON Lines file one record at a time: memory stays flat. */
export function openRowFile(file: string, format: RowFileFormat): RowFile {
  if (!existsSync(file)) throw new KitError('USAGE', `no such file: ${file}`);
  const input = createReadStream(file, 'utf8');
  return {
    size: statSync(file).size,
    bytesRead: () => input.bytesRead,
    records: format === 'jsonl' ? jsonlRecords(input) : csvRecords(input),
  };
}

async function* jsonlRecords(input: ReadStream): AsyncIterable<FileRecord> {
  {
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    let record = 0;
    for await (const line of lines) {
      if (!line.trim()) continue;
      record += 1;
      try {
        const value = JSON.parse(line) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value))
          yield { record, values: {}, unreadable: 'line is not a JSON object' };
        else yield { record, values: value as Record<string, unknown> };
      } catch (e) {
        yield { record, values: {}, unreadable: `not JSON: ${(e as Error).message}` };
      }
    }
  }
}

async function* csvRecords(input: ReadStream): AsyncIterable<FileRecord> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h: string) => h.replace(/^\uFEFF/, '').trim(),
  });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  let record = 0;
  for await (const values of parser as AsyncIterable<Record<string, unknown>>) {
    record += 1;
    if ('__parsed_extra' in values) {
      yield { record, values: {}, unreadable: 'more values than the header has columns' };
      continue;
    }
    yield { record, values };
  }
}

/** Writes rows as CSV (header of the DE's field names) or JSON Lines, honouring backpressure. */
export interface RowWriter {
  write(row: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

const CSV_QUOTE = /[",\r\n]|^\s|\s$/;
const csvCell = (v: string) => (CSV_QUOTE.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function createRowWriter(
  target: string | Writable,
  format: RowFileFormat,
  columns: string[],
): RowWriter {
  const out = typeof target === 'string' ? createWriteStream(target, 'utf8') : target;
  const owned = typeof target === 'string';
  // Lines are gathered into chunks of ~64 KB: one write per chunk, not per row.
  let chunk = format === 'csv' ? `${columns.map(csvCell).join(',')}\n` : '';
  const flush = async () => {
    if (!chunk) return;
    const text = chunk;
    chunk = '';
    if (!out.write(text)) await once(out, 'drain');
  };
  // Values are looked up case-insensitively: the rowset API may spell field names in its own case.
  const lookup = (row: Record<string, string>) => {
    const lower = new Map(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
    return columns.map((c) => row[c] ?? lower.get(c.toLowerCase()) ?? '');
  };
  return {
    async write(row) {
      const values = columns.every((c) => c in row) ? columns.map((c) => row[c]) : lookup(row);
      if (format === 'csv') chunk += `${values.map(csvCell).join(',')}\n`;
      else {
        const obj: Record<string, string> = {};
        columns.forEach((c, i) => {
          obj[c] = values[i];
        });
        chunk += `${JSON.stringify(obj)}\n`;
      }
      if (chunk.length >= 65_536) await flush();
    },
    async close() {
      await flush();
      if (owned) {
        out.end();
        await once(out, 'finish');
      }
    },
  };
}
