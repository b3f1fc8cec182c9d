import type { Connection } from 'jsforce';
import { KitError } from '../errors/index.ts';
import type { ApiBudget } from './api-budget.ts';
import { awaitedLater } from './awaited-later.ts';
import { parseResultsPieces } from './bulk-csv.ts';
import { withSalesforceRetry } from './salesforce-retry.ts';

export type SfRecord = Record<string, unknown>;

/** Pages of records from the REST query API, following `nextRecordsUrl` (queryMore). */
export async function* extractRest(
  conn: Connection,
  soql: string,
  scanAll = false,
  budget?: ApiBudget,
): AsyncGenerator<SfRecord[]> {
  const call = <T>(fn: () => PromiseLike<T>): Promise<T> =>
    budget ? budget.call('a query page', fn) : withSalesforceRetry(fn);
  let res = await call(() => conn.query<SfRecord>(soql, { scanAll, autoFetch: false }));
  for (;;) {
    yield res.records.map(({ attributes: _, ...rest }) => rest);
    if (res.done || !res.nextRecordsUrl) return;
    const next = res.nextRecordsUrl;
    res = await call(() => conn.queryMore<SfRecord>(next));
  }
}

/** Where a Bulk 2.0 job's results stand: the page's locator ('' = first page) and records read of it. */
export interface BulkPosition {
  jobId: string;
  locator: string;
  skip: number;
}

/** Records from one results page, with where they sit in it. */
export interface BulkPiece {
  records: SfRecord[];
  jobId: string;
  /** Locator the page was fetched with ('' for the first page). */
  locator: string;
  /** Index in the page of the piece's first record. */
  offset: number;
}

interface BulkOptions {
  pageSize?: number;
  /** Records handed on at a time from a page (the page itself is read whole). */
  pieceRows?: number;
  pollIntervalMs?: number;
  fetch?: typeof fetch;
  retries?: number;
  budget?: ApiBudget;
  /** Carry on with this job from this position instead of starting a job. */
  resume?: BulkPosition;
  /** Called with the id of each job started, so a checkpoint can name it before its first page. */
  onJob?: (jobId: string) => void | Promise<void>;
}

/**
 * Records (all values strings) from a Bulk API 2.0 query job, in pieces of a results page. Results are
 * fetched page by page with `maxRecords` and `Sforce-Locator` so memory stays bounded (at most this
 * page and the next); jsforce's own bulk2 result stream cannot be used here because it ends its CSV
 * parser after the first results page.
 */
export async function* extractBulk(
  conn: Connection,
  soql: string,
  opts: BulkOptions = {},
): AsyncGenerator<SfRecord[]> {
  for await (const piece of extractBulkPieces(conn, soql, opts)) yield piece.records;
}

/**
 * As extractBulk, each piece with its place in the job's results, so a run can checkpoint at job level
 * (job id + page locator + records read of that page) and resume there: a query without ORDER BY (which
 * would disable PK chunking) has no cursor in its data. A job that cannot be resumed (gone — results
 * are kept 7 days — or failed) is started again; upserts are idempotent, so rows already sent are only
 * sent again.
 */
export async function* extractBulkPieces(
  conn: Connection,
  soql: string,
  opts: BulkOptions = {},
): AsyncGenerator<BulkPiece> {
  const base = `/services/data/v${conn.version}/jobs/query`;
  const call = <T>(what: string, fn: () => PromiseLike<T>): Promise<T> =>
    opts.budget ? opts.budget.call(what, fn) : withSalesforceRetry(fn);
  const waitFor = async (id: string): Promise<void> => {
    for (;;) {
      const info = await call('a Bulk job status read', () =>
        conn.request<{ state: string; errorMessage?: string }>(`${base}/${id}`),
      );
      if (info.state === 'JobComplete') return;
      if (info.state === 'Failed' || info.state === 'Aborted') {
        throw new KitError(
          'SYNC_FAILED',
          `Bulk query job ${id} ${info.state}${info.errorMessage ? `: ${info.errorMessage}` : ''}`,
        );
      }
      await new Promise((r) => setTimeout(r, opts.pollIntervalMs ?? 1000));
    }
  };
  const start = async (): Promise<{ id: string }> => {
    const created = await call('a Bulk query job', () =>
      conn.request<{ id: string }>({
        method: 'POST',
        url: base,
        body: JSON.stringify({ operation: 'query', query: soql }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    await opts.onJob?.(created.id);
    await waitFor(created.id);
    return created;
  };
  let job: { id: string };
  let from = { locator: '', skip: 0 };
  if (opts.resume) {
    try {
      await waitFor(opts.resume.jobId);
      job = { id: opts.resume.jobId };
      from = { locator: opts.resume.locator, skip: opts.resume.skip };
    } catch {
      job = await start();
    }
  } else job = await start();
  const doFetch = opts.fetch ?? fetch;
  // The first page is kept small so upserts start early; the locator carries on from wherever a page ended.
  const pageSize = opts.pageSize ?? 50_000;
  const pageUrl = (locator: string) =>
    `${conn.instanceUrl}${base}/${job.id}/results?maxRecords=${locator ? pageSize : Math.min(pageSize, FIRST_PAGE)}${locator ? `&locator=${encodeURIComponent(locator)}` : ''}`;
  const request = async (locator: string) => {
    opts.budget?.spend('a Bulk results page');
    const res = await fetchPage(doFetch, pageUrl(locator), conn, `${base}/${job.id}`, opts.retries ?? 5);
    if (!res.ok) {
      throw new KitError(
        'SYNC_FAILED',
        `Bulk results for job ${job.id} → ${res.status}: ${(await res.text()).slice(0, 300)}`,
      );
    }
    return res;
  };
  // Pages come one after another (each names the next in Sforce-Locator): once this page is read, the
  // next is requested, and it downloads while this one is converted and upserted. (Requesting it as soon
  // as this page's headers arrive measured no faster, with two bodies in memory at once.)
  const ahead = (locator: string) => awaitedLater(request(locator));
  let pageLocator = from.locator;
  let pending: Promise<Response> | undefined = ahead(pageLocator);
  let skip = from.skip;
  try {
    while (pending) {
      const res: Response = await pending;
      const locator = res.headers.get('sforce-locator') ?? 'null';
      const text = await res.text();
      pending = locator === 'null' ? undefined : ahead(locator);
      let offset = 0;
      for (const records of parseResultsPieces(text, job.id, opts.pieceRows)) {
        const at = offset;
        offset += records.length;
        if (offset <= skip) continue;
        const kept = at < skip ? records.slice(skip - at) : records;
        yield { records: kept, jobId: job.id, locator: pageLocator, offset: Math.max(at, skip) };
      }
      skip = 0;
      pageLocator = locator;
    }
  } finally {
    // Stopped early: the page still on its way is not read.
    pending?.then((r) => r.body?.cancel()).catch(() => {});
  }
}

const FIRST_PAGE = 10_000;
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/**
 * One results page. A results GET is idempotent (the locator names the page), so network errors,
 * 429 and 5xx are retried with backoff; a 401 triggers jsforce's session refresh, then a retry.
 */
async function fetchPage(
  doFetch: typeof fetch,
  url: string,
  conn: Connection,
  jobPath: string,
  retries: number,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    let res: Response | undefined;
    let error: unknown;
    try {
      res = await doFetch(url, {
        headers: { authorization: `Bearer ${conn.accessToken}`, accept: 'text/csv' },
      });
    } catch (e) {
      error = e;
    }
    if (res && res.status === 401 && attempt < retries) {
      // Any jsforce call refreshes the session when it can.
      await withSalesforceRetry(() => conn.request(jobPath));
      continue;
    }
    if (res && !RETRYABLE.has(res.status)) return res;
    if (attempt >= retries) {
      if (res) return res;
      throw new KitError('NETWORK_ERROR', `Bulk results request failed: ${(error as Error)?.message}`, {
        cause: error,
      });
    }
    await res?.body?.cancel();
    const retryAfter = Number(res?.headers.get('retry-after'));
    const delay =
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.min(8000, 250 * 2 ** attempt);
    await new Promise((r) => setTimeout(r, delay));
  }
}
