import type { DatabaseSync } from 'node:sqlite';
import type { EmuHandler, EmuRequest, EmuResponse } from '../http/types.ts';
import { createTokenBook, handleSoapLogin, handleToken, type SalesforceCredentials } from './auth.ts';
import { type CompiledQuery, compileSoql } from './compile.ts';
import { csvDelimiter, csvText } from './csv.ts';
import { createIngestRoutes } from './bulk-ingest.ts';
import { collectionsRoute } from './collections.ts';
import { describeObject } from './describe.ts';
import { countMatches, fetchPage, type PagePosition } from './execute.ts';
import { makeId } from './ids.ts';
import type { SfObject } from './objects.ts';
import { deletedRecords } from './deleted.ts';
import { compositeWrite, sobjectWrite } from './sobject-writes.ts';
import { parseSoql, SoqlError } from './soql.ts';
import { createSalesforceStore, type SalesforceStore } from './store.ts';
import { toRestValue } from './values.ts';

export interface SalesforceEmulatorOptions extends SalesforceCredentials {
  /** Base URL of the server the handler is mounted on (instance_url and loginUrl). */
  baseUrl: () => string;
  apiVersion?: string;
  now?: () => Date;
  /** Records per REST query page (Salesforce: 2000). */
  pageSize?: number;
  /** Records per Bulk 2.0 results page when the client sends no maxRecords. */
  bulkPageSize?: number;
  /** Status polls a Bulk job answers `InProgress` before `JobComplete` (a slow job). */
  bulkPollsBeforeComplete?: number;
  tokenTtlSeconds?: number;
  /** Daily API request allowance shown in `Sforce-Limit-Info` and `/limits`. */
  apiLimit?: number;
  /**
   * Days a deleted record stays in the recycle bin (and the delete log) before it is purged for good.
   * Salesforce: "Results are returned for no more than 15 days previous to the day the call is executed
   * (or earlier if an administrator has purged the Recycle Bin)" (REST API, sObject Get Deleted).
   */
  recycleBinDays?: number;
  customObjects?: SfObject[];
}

export interface SalesforceEmulator {
  handler: EmuHandler;
  store: SalesforceStore;
  /** Invalidates every issued access token (a session timeout). */
  expireTokens(): void;
  /** API calls answered so far. */
  apiUsage(): number;
  /** API calls answered in the last 24 hours (what `Sforce-Limit-Info` and `/limits` report). */
  apiUsageToday(): number;
}

interface QueryCursor {
  q: CompiledQuery;
  total: number;
  position: PagePosition;
}

interface BulkJob {
  info: Record<string, unknown>;
  q: CompiledQuery;
  delimiter: string;
  lineEnding: string;
  polls: number;
}

const sfError = (status: number, errorCode: string, message: string): EmuResponse => ({
  status,
  body: [{ message, errorCode }],
});

export function createSalesforceEmulator(
  db: DatabaseSync,
  opts: SalesforceEmulatorOptions,
): SalesforceEmulator {
  const now = opts.now ?? (() => new Date());
  const store = createSalesforceStore(db, { now, customObjects: opts.customObjects });
  const tokens = createTokenBook(now, opts.tokenTtlSeconds);
  const pageSize = opts.pageSize ?? 2000;
  const cursors = new Map<string, QueryCursor>();
  const jobs = new Map<string, BulkJob>();
  // API requests per emulated hour: "Limits are enforced against the aggregate of all API calls made to
  // the org in a 24-hour period … Calls are blocked until usage for the preceding 24 hours drops below
  // the limit" (Salesforce Help, "System Overview: API Usage"), so usage is the sum of the last 24
  // hours' buckets, and `total` every request ever answered.
  const buckets = new Map<number, number>();
  let total = 0;
  const hourNow = () => Math.floor(now().getTime() / 3_600_000);
  const countRequest = (): void => {
    const h = hourNow();
    buckets.set(h, (buckets.get(h) ?? 0) + 1);
    total += 1;
    for (const k of buckets.keys()) if (k <= h - 24) buckets.delete(k);
  };
  const usageToday = (): number => {
    const h = hourNow();
    let n = 0;
    for (const [k, v] of buckets) if (k > h - 24) n += v;
    return n;
  };
  let lastSweep = 0;
  // The bin is emptied lazily, as the clock moves: at most once per emulated minute.
  const sweepRecycleBin = (): void => {
    const t = now().getTime();
    if (t - lastSweep < 60_000) return;
    lastSweep = t;
    store.emptyRecycleBin(new Date(t - (opts.recycleBinDays ?? 15) * 86_400_000));
  };
  let cursorSeq = 0;
  let jobSeq = 0;
  // Record writes (sObject Collections, Bulk 2.0 ingest) live in their own files.
  const ingestRoute = createIngestRoutes(store, now);

  const compile = (soql: string, includeDeleted: boolean): CompiledQuery =>
    compileSoql(parseSoql(soql), store.object, { includeDeleted, now: now() });

  const queryPage = (version: string, cursorId: string, cursor: QueryCursor): EmuResponse => {
    const { q, total } = cursor;
    if (q.count) return { status: 200, body: { totalSize: total, done: true, records: [] } };
    const page = fetchPage(db, q, cursor.position, pageSize, total);
    const idAt = q.fields.findIndex((f) => f.name === 'Id');
    const records = page.rows.map((row) => {
      const id = idAt < 0 ? undefined : row[idAt];
      const rec: Record<string, unknown> = {
        attributes: {
          type: q.object.name,
          url: `/services/data/v${version}/sobjects/${q.object.name}/${id ?? ''}`,
        },
      };
      q.fields.forEach((f, i) => {
        rec[f.name] = toRestValue(f, row[i]);
      });
      return rec;
    });
    const body: Record<string, unknown> = { totalSize: total, done: page.done, records };
    if (!page.done) {
      const locator = `${cursorId}-${page.next.delivered}`;
      cursors.set(locator, { q, total, position: page.next });
      body.nextRecordsUrl = `/services/data/v${version}/query/${locator}`;
    }
    return { status: 200, body };
  };

  const runQuery = (req: EmuRequest, version: string, includeDeleted: boolean): EmuResponse => {
    const soql = req.query.get('q');
    if (!soql) return sfError(400, 'MALFORMED_QUERY', 'A query string must be provided.');
    const q = compile(soql, includeDeleted);
    cursorSeq += 1;
    const cursorId = makeId('01g', cursorSeq, 'Q').slice(0, 15);
    return queryPage(version, cursorId, { q, total: countMatches(db, q), position: { delivered: 0 } });
  };

  const jobInfo = (job: BulkJob): Record<string, unknown> => job.info;

  const createJob = (req: EmuRequest, version: string): EmuResponse => {
    let input: { operation?: string; query?: string; columnDelimiter?: string; lineEnding?: string };
    try {
      input = JSON.parse(req.body || '{}');
    } catch {
      return sfError(400, 'JSON_PARSER_ERROR', 'Unexpected character in request body');
    }
    if (input.operation !== 'query' && input.operation !== 'queryAll') {
      return sfError(400, 'INVALIDJOB', `Invalid operation: ${String(input.operation)}`);
    }
    if (!input.query) return sfError(400, 'INVALIDJOB', 'query is required');
    const q = compile(input.query, input.operation === 'queryAll');
    if (q.count) return sfError(400, 'INVALIDJOB', 'Bulk API 2.0 does not support COUNT() queries');
    jobSeq += 1;
    const id = makeId('750', jobSeq, 'B');
    const stamp = now().toISOString().replace('Z', '+0000');
    const job: BulkJob = {
      q,
      delimiter: csvDelimiter(input.columnDelimiter),
      lineEnding: input.lineEnding === 'CRLF' ? '\r\n' : '\n',
      polls: 0,
      info: {
        id,
        operation: input.operation,
        object: q.object.name,
        createdById: store.object('User') ? makeId('005', 1, 'A') : '',
        createdDate: stamp,
        systemModstamp: stamp,
        state: 'UploadComplete',
        concurrencyMode: 'Parallel',
        contentType: 'CSV',
        apiVersion: Number(version),
        jobType: 'V2Query',
        lineEnding: input.lineEnding ?? 'LF',
        columnDelimiter: input.columnDelimiter ?? 'COMMA',
      },
    };
    jobs.set(id, job);
    return { status: 200, body: jobInfo(job) };
  };

  const jobStatus = (job: BulkJob): EmuResponse => {
    job.polls += 1;
    const state = job.info.state;
    if (state === 'UploadComplete' || state === 'InProgress') {
      if (job.polls > (opts.bulkPollsBeforeComplete ?? 0)) {
        job.info.state = 'JobComplete';
        job.info.numberRecordsProcessed = countMatches(db, job.q);
        job.info.retries = 0;
        job.info.totalProcessingTime = 1;
      } else job.info.state = 'InProgress';
    }
    return { status: 200, body: jobInfo(job) };
  };

  const jobResults = (req: EmuRequest, job: BulkJob): EmuResponse => {
    if (job.info.state !== 'JobComplete') {
      return sfError(400, 'INVALIDJOBSTATE', 'Job is not in a valid state for retrieving results');
    }
    const max = Number(req.query.get('maxRecords') ?? opts.bulkPageSize ?? 50_000);
    if (!Number.isInteger(max) || max <= 0)
      return sfError(400, 'INVALIDREQUEST', 'maxRecords must be a positive integer');
    let position: PagePosition = { delivered: 0 };
    const locator = req.query.get('locator');
    if (locator) {
      try {
        position = JSON.parse(Buffer.from(locator, 'base64url').toString('utf8'));
      } catch {
        return sfError(400, 'INVALIDLOCATOR', 'Invalid locator');
      }
    }
    const total = Number(job.info.numberRecordsProcessed ?? 0);
    const page = fetchPage(db, job.q, position, max, total);
    const next = page.done ? 'null' : Buffer.from(JSON.stringify(page.next)).toString('base64url');
    return {
      status: 200,
      headers: {
        'content-type': 'text/csv',
        'sforce-locator': next,
        'sforce-numberofrecords': String(page.rows.length),
      },
      body: csvText(job.q.fields, page.rows, job.delimiter, job.lineEnding),
    };
  };

  const dataRoutes = (req: EmuRequest, version: string, rest: string): EmuResponse | undefined => {
    const base = `/services/data/v${version}`;
    if (req.method === 'GET' && rest === 'query') return runQuery(req, version, false);
    if (req.method === 'GET' && rest === 'queryAll') return runQuery(req, version, true);
    let m = /^(?:query|queryAll)\/([\w-]+)$/.exec(rest);
    if (req.method === 'GET' && m) {
      const cursor = cursors.get(m[1]);
      if (!cursor) return sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return queryPage(version, m[1].split('-')[0], cursor);
    }
    if (req.method === 'GET' && rest === 'sobjects') {
      return {
        status: 200,
        body: {
          encoding: 'UTF-8',
          maxBatchSize: 200,
          sobjects: store.objects().map((o) => ({
            name: o.name,
            label: o.label ?? o.name,
            keyPrefix: o.keyPrefix,
            custom: o.name.endsWith('__c'),
            queryable: true,
            urls: { sobject: `${base}/sobjects/${o.name}`, describe: `${base}/sobjects/${o.name}/describe` },
          })),
        },
      };
    }
    m = /^sobjects\/(\w+)\/describe\/?$/.exec(rest);
    if (req.method === 'GET' && m) {
      const obj = store.object(m[1]);
      if (!obj) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      return { status: 200, body: describeObject(obj, base) };
    }
    m = /^sobjects\/(\w+)\/deleted$/.exec(rest);
    if (req.method === 'GET' && m) {
      const obj = store.object(m[1]);
      if (!obj) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      return deletedRecords(store, obj.name, req, now());
    }
    // Campaign and CampaignMember collections carry CampaignMember's own rules (collections.ts).
    const written =
      sobjectWrite(store, req, rest) ??
      collectionsRoute(req, rest, store) ??
      compositeWrite(store, req, rest);
    if (written) return written;
    // Limits resource (REST API Developer Guide, "Limits"): each limit as `{ Max, Remaining }`; the
    // daily allowance is the one `Sforce-Limit-Info: api-usage=used/max` reports on every response.
    if (req.method === 'GET' && rest === 'limits') {
      const max = opts.apiLimit ?? 15_000;
      return {
        status: 200,
        body: { DailyApiRequests: { Max: max, Remaining: Math.max(0, max - usageToday()) } },
      };
    }
    if (rest === 'jobs/query' && req.method === 'POST') return createJob(req, version);
    m = /^jobs\/query\/(\w+)(\/results)?$/.exec(rest);
    if (m) {
      const job = jobs.get(m[1]);
      if (!job) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      if (m[2] && req.method === 'GET') return jobResults(req, job);
      if (m[2]) return undefined;
      if (req.method === 'GET') return jobStatus(job);
      if (req.method === 'DELETE') {
        jobs.delete(m[1]);
        return { status: 204 };
      }
      if (req.method === 'PATCH') {
        job.info.state = 'Aborted';
        return { status: 200, body: jobInfo(job) };
      }
    }
    return undefined;
  };

  const route = (req: EmuRequest): EmuResponse | undefined => {
    if (!req.path.startsWith('/services/')) return undefined;
    const base = opts.baseUrl();
    if (req.method === 'POST' && req.path === '/services/oauth2/token') {
      return handleToken(req, opts, tokens, base, now());
    }
    const soap = /^\/services\/Soap\/u\/([\d.]+)\/?$/.exec(req.path);
    if (req.method === 'POST' && soap) return handleSoapLogin(req, soap[1], opts, tokens, base);
    if (req.method === 'GET' && /^\/services\/data\/?$/.test(req.path)) {
      const v = opts.apiVersion ?? '62.0';
      return { status: 200, body: [{ label: 'Emulated', url: `/services/data/v${v}`, version: v }] };
    }
    const data = /^\/services\/data\/v(\d+\.\d+)\/(.*?)\/?$/.exec(req.path);
    if (!data) return undefined;
    const bearer = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!bearer || !tokens.isValid(bearer[1])) {
      return sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    countRequest();
    sweepRecycleBin();
    try {
      return (
        dataRoutes(req, data[1], data[2]) ??
        ingestRoute(req, data[1], data[2]) ??
        sfError(404, 'NOT_FOUND', 'The requested resource does not exist')
      );
    } catch (e) {
      if (e instanceof SoqlError) return sfError(400, e.errorCode, e.message);
      throw e;
    }
  };

  const handler: EmuHandler = (req) => {
    const res = route(req);
    if (!res) return undefined;
    const headers = { ...(res.headers ?? {}) };
    if (req.path.startsWith('/services/data/')) {
      headers['sforce-limit-info'] = `api-usage=${usageToday()}/${opts.apiLimit ?? 15_000}`;
    }
    return { ...res, headers };
  };

  return { handler, store, expireTokens: tokens.expireAll, apiUsage: () => total, apiUsageToday: usageToday };
}

/** The emulator's Salesforce routes as one handler (see createSalesforceEmulator for the store and controls). */
export function createSalesforceHandler(db: DatabaseSync, opts: SalesforceEmulatorOptions): EmuHandler {
  return createSalesforceEmulator(db, opts).handler;
}
