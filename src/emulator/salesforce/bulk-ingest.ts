/**
 * Bulk API 2.0 ingest jobs: create (state Open), upload CSV (PUT …/batches, 201), close with
 * `{ state: 'UploadComplete' }` (or abort), poll, then read successful / failed / unprocessed records.
 *
 * Evidence (Bulk API 2.0 and Bulk API Developer Guide, developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/):
 * - walkthrough_upload_data.htm, create_job.htm: POST /jobs/ingest `{ object, operation, lineEnding,
 *   columnDelimiter, contentType }` answers the job info with `state: 'Open'` and `contentUrl`.
 * - upload_job_data.htm: PUT …/batches with text/csv answers 201 Created, no body.
 * - close_job.htm: PATCH `{ state: 'UploadComplete' }`; the job then moves to InProgress and JobComplete.
 * - get_job_successful_results.htm: CSV `sf__Id`, `sf__Created`, then the uploaded columns;
 *   get_job_failed_results.htm: `sf__Id`, `sf__Error`, then the uploaded columns;
 *   get_job_unprocessed_results.htm: the uploaded columns only.
 * jsforce 3 (lib/api/bulk2.js IngestJobV2) makes exactly these calls in `loadAndWaitForResults`.
 * The `sf__Error` text is `STATUS_CODE:message:fields` as Salesforce writes it; the exact punctuation is
 * UNCERTAIN.
 */
import type { EmuRequest, EmuResponse } from '../http/types.ts';
import { csvDelimiter } from './csv.ts';
import { makeId } from './ids.ts';
import { createRecord, deleteRecord, updateRecord, type WriteOutcome } from './record-writes.ts';
import type { SalesforceStore } from './store.ts';

interface IngestJob {
  info: Record<string, unknown>;
  delimiter: string;
  lineEnding: string;
  header?: string[];
  rows: string[][];
  results?: Array<{ row: string[]; outcome: WriteOutcome; created: boolean }>;
  polls: number;
}

const OPERATIONS = ['insert', 'update', 'delete', 'hardDelete'];
const sfError = (status: number, errorCode: string, message: string): EmuResponse => ({
  status,
  body: [{ errorCode, message }],
});

/** RFC 4180 parsing with the job's delimiter: quoted cells may hold delimiters, quotes and newlines. */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cell += c;
      i += 1;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
    i += 1;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function createIngestRoutes(store: SalesforceStore, now: () => Date) {
  const jobs = new Map<string, IngestJob>();
  let seq = 0;
  const stamp = () => now().toISOString().replace('Z', '+0000');

  const quote = (job: IngestJob, v: string) =>
    /["\r\n]/.test(v) || v.includes(job.delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
  const csv = (job: IngestJob, header: string[], rows: string[][]): EmuResponse => ({
    status: 200,
    headers: { 'content-type': 'text/csv' },
    body:
      [header, ...rows].map((r) => r.map((v) => quote(job, v)).join(job.delimiter)).join(job.lineEnding) +
      job.lineEnding,
  });

  const process = (job: IngestJob): void => {
    const header = job.header ?? [];
    const object = String(job.info.object);
    const operation = String(job.info.operation);
    job.results = job.rows.map((row) => {
      const record: Record<string, unknown> = {};
      header.forEach((name, i) => {
        // Bulk API 2.0: an empty cell leaves a field alone; #N/A sets it to null.
        if (row[i] === '#N/A') record[name] = null;
        else if (row[i] !== '' && row[i] !== undefined) record[name] = row[i];
      });
      if (operation === 'insert') return { row, outcome: createRecord(store, object, record), created: true };
      if (operation === 'update')
        return { row, outcome: updateRecord(store, object, record), created: false };
      const idKey = Object.keys(record).find((k) => k.toLowerCase() === 'id');
      return { row, outcome: deleteRecord(store, String(idKey ? record[idKey] : '')), created: false };
    });
    const failed = job.results.filter((r) => !r.outcome.success).length;
    Object.assign(job.info, {
      state: 'JobComplete',
      systemModstamp: stamp(),
      numberRecordsProcessed: job.results.length,
      numberRecordsFailed: failed,
      retries: 0,
      totalProcessingTime: 1,
      apiActiveProcessingTime: 1,
      apexProcessingTime: 0,
    });
  };

  const create = (req: EmuRequest, version: string): EmuResponse => {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(req.body || '{}');
    } catch {
      return sfError(400, 'JSON_PARSER_ERROR', 'Unexpected character in request body');
    }
    const operation = String(input.operation ?? '');
    if (!OPERATIONS.includes(operation)) return sfError(400, 'INVALIDJOB', `Invalid operation: ${operation}`);
    const object = store.object(String(input.object ?? ''));
    if (!object) return sfError(400, 'INVALIDJOB', `Unable to find object: ${String(input.object ?? '')}`);
    seq += 1;
    const id = makeId('750', seq, 'I');
    const job: IngestJob = {
      delimiter: csvDelimiter(input.columnDelimiter as string | undefined),
      lineEnding: input.lineEnding === 'CRLF' ? '\r\n' : '\n',
      rows: [],
      polls: 0,
      info: {
        id,
        operation,
        object: object.name,
        createdById: store.object('User') ? makeId('005', 1, 'A') : '',
        createdDate: stamp(),
        systemModstamp: stamp(),
        state: 'Open',
        concurrencyMode: 'Parallel',
        contentType: 'CSV',
        apiVersion: Number(version),
        contentUrl: `services/data/v${version}/jobs/ingest/${id}/batches`,
        lineEnding: input.lineEnding ?? 'LF',
        columnDelimiter: input.columnDelimiter ?? 'COMMA',
      },
    };
    jobs.set(id, job);
    return { status: 200, body: job.info };
  };

  return function ingestRoute(req: EmuRequest, version: string, rest: string): EmuResponse | undefined {
    if (rest === 'jobs/ingest' && req.method === 'POST') return create(req, version);
    const m = /^jobs\/ingest\/(\w+)(?:\/(batches|successfulResults|failedResults|unprocessedrecords))?$/.exec(
      rest,
    );
    if (!m) return undefined;
    const job = jobs.get(m[1]);
    if (!job) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const part = m[2];
    if (part === 'batches' && req.method === 'PUT') {
      if (job.info.state !== 'Open')
        return sfError(409, 'INCORRECTSTATE', 'Unable to upload data to a job that is not Open');
      const rows = parseCsv(req.body, job.delimiter);
      const [header, ...data] = job.header ? [job.header, ...rows.slice(1)] : rows;
      job.header = header;
      job.rows.push(...data);
      return { status: 201 };
    }
    if (part && req.method === 'GET') {
      if (job.info.state !== 'JobComplete' && job.info.state !== 'Failed')
        return sfError(400, 'INVALIDJOBSTATE', 'Job is not in a valid state for retrieving results');
      const header = job.header ?? [];
      const results = job.results ?? [];
      if (part === 'successfulResults')
        return csv(
          job,
          ['sf__Id', 'sf__Created', ...header],
          results
            .filter((r) => r.outcome.success)
            .map((r) => [r.outcome.id ?? '', String(r.created), ...r.row]),
        );
      if (part === 'failedResults')
        return csv(
          job,
          ['sf__Id', 'sf__Error', ...header],
          results
            .filter((r) => !r.outcome.success)
            .map((r) => {
              const e = r.outcome.errors[0];
              return [r.outcome.id ?? '', `${e.statusCode}:${e.message}:${e.fields.join(',')}`, ...r.row];
            }),
        );
      return csv(job, header, []);
    }
    if (part) return undefined;
    if (req.method === 'GET') {
      job.polls += 1;
      // Processing happens between the close and the first poll: the job reports JobComplete at once.
      if (job.info.state === 'UploadComplete') process(job);
      return { status: 200, body: job.info };
    }
    if (req.method === 'PATCH') {
      let input: { state?: string };
      try {
        input = JSON.parse(req.body || '{}');
      } catch {
        return sfError(400, 'JSON_PARSER_ERROR', 'Unexpected character in request body');
      }
      if (input.state === 'Aborted') job.info.state = 'Aborted';
      else if (input.state === 'UploadComplete' && job.info.state === 'Open')
        job.info.state = 'UploadComplete';
      else return sfError(400, 'INVALIDJOBSTATE', `Invalid job state transition to ${String(input.state)}`);
      return { status: 200, body: job.info };
    }
    if (req.method === 'DELETE') {
      jobs.delete(m[1]);
      return { status: 204 };
    }
    return undefined;
  };
}
