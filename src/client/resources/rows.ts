import { KitError } from '../../errors/index.ts';
import type { RestClient } from '../rest/rest-client.ts';
import type { SoapClient } from '../soap/soap-client.ts';
import { batchRows, isRowBatch, type Row, type RowBatch } from './row-batch.ts';
import { createRowsDelete } from './rows-delete.ts';

export type { RowDeleteError, RowDeleteOptions, RowDeleteResult } from './rows-delete.ts';

export { batchRows, createRowBatcher, isRowBatch, type Row, type RowBatch, rowBatchOf } from './row-batch.ts';

export interface RowError {
  requestId: string;
  status?: string;
  errorCode?: string;
  message: string;
}

export interface AsyncWriteOptions {
  /** Hard SFMC cap is 32,000 rows per call. */
  maxBatchRows?: number;
  /** JSON payload bytes per call (default 4 MB; ~5.9 MB is the quoted SFMC cap). */
  maxBatchBytes?: number;
  /** Fixed wait between status polls; default: 250 ms doubling up to 2 s. */
  pollIntervalMs?: number;
  /** Per batch, from submit to Complete (default 10 min). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface AsyncWriteResult {
  requestIds: string[];
  rowsSent: number;
  /** Per-row errors SFMC reported; empty when every row landed. */
  errors: RowError[];
}

export interface ReadOptions {
  pageSize?: number;
  filter?: string;
  orderBy?: string;
  fields?: string[];
  signal?: AbortSignal;
}

interface AsyncStatus {
  status?: { requestStatus?: string; resultStatus?: string; hasErrors?: boolean };
}

interface RowsetPage {
  requestToken?: string;
  count?: number;
  pageSize?: number;
  items?: Array<{ keys?: Record<string, unknown>; values?: Record<string, unknown> }>;
}

export interface RowsDeps {
  rest: RestClient;
  /** Row deletes go through SOAP: SFMC's REST rows APIs have no documented delete. */
  soap: SoapClient;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
}

export function createRows({ rest, soap, sleep, now }: RowsDeps) {
  const dePath = (key: string) => `/data/v1/async/dataextensions/key:${encodeURIComponent(key)}/rows`;

  async function waitForRequest(requestId: string, options: AsyncWriteOptions): Promise<RowError[]> {
    const deadline = now() + (options.timeoutMs ?? 600_000);
    let polls = 0;
    for (;;) {
      const body = await rest.request<AsyncStatus>({
        method: 'GET',
        path: `/data/v1/async/${requestId}/status`,
        signal: options.signal,
      });
      const state = body?.status?.requestStatus;
      if (state === 'Complete' || state === 'Error') {
        const hasErrors =
          body.status?.hasErrors || state === 'Error' || body.status?.resultStatus === 'Has Errors';
        return hasErrors ? readErrors(requestId, options) : [];
      }
      if (now() >= deadline) {
        throw new KitError(
          'TIMEOUT',
          `async row request ${requestId} still ${state ?? 'pending'} after the timeout`,
          {
            hint: 'SFMC may still process it; check the rows later or raise timeoutMs.',
          },
        );
      }
      // Most batches finish within a second: by default poll soon, then back off to 2 s so long jobs
      // don't cost a status call every few hundred ms. An explicit pollIntervalMs is used as is.
      const wait = options.pollIntervalMs ?? Math.min(2000, 250 * 2 ** polls);
      polls += 1;
      await sleep(wait, options.signal);
    }
  }

  async function readErrors(requestId: string, options: AsyncWriteOptions): Promise<RowError[]> {
    const errors: RowError[] = [];
    for (let page = 1; ; page += 1) {
      const body = await rest.request<{
        items?: Array<Record<string, unknown>>;
        count?: number;
        pageSize?: number;
      }>({
        method: 'GET',
        path: `/data/v1/async/${requestId}/results`,
        query: { $page: page, $pageSize: 500 },
        signal: options.signal,
      });
      const items = body?.items ?? [];
      for (const item of items) {
        if (item.status !== undefined && String(item.status).toLowerCase() === 'ok') continue;
        errors.push({
          requestId,
          status: item.status === undefined ? undefined : String(item.status),
          errorCode: item.errorCode === undefined ? undefined : String(item.errorCode),
          message: String(item.message ?? 'row failed'),
        });
      }
      if (
        items.length === 0 ||
        items.length < (body?.pageSize ?? 500) ||
        page * (body?.pageSize ?? 500) >= (body?.count ?? 0)
      ) {
        return errors;
      }
    }
  }

  /**
   * One async write per batch, each awaited to Complete. Rows already batched (a RowBatch) are sent with
   * the text they were serialized to when they were sized; plain rows are batched here first.
   */
  async function writeAsync(
    method: 'PUT' | 'POST',
    key: string,
    rows: Row[] | RowBatch,
    options: AsyncWriteOptions = {},
  ) {
    const maxRows = Math.min(options.maxBatchRows ?? 32_000, 32_000);
    const maxBytes = options.maxBatchBytes ?? 4_000_000;
    const fits = (b: RowBatch) => b.count <= maxRows && b.bytes <= maxBytes;
    const batches =
      isRowBatch(rows) && fits(rows)
        ? [rows]
        : batchRows(isRowBatch(rows) ? rows.rows : rows, maxRows, maxBytes);
    const result: AsyncWriteResult = { requestIds: [], rowsSent: 0, errors: [] };
    for (const batch of batches) {
      const body = await rest.request<{ requestId?: string }>({
        method,
        path: dePath(key),
        body: batch.body,
        headers: { 'Content-Type': 'application/json' },
        signal: options.signal,
      });
      if (!body?.requestId)
        throw new KitError('API_ERROR', `async rows ${method} for "${key}" returned no requestId`);
      result.requestIds.push(body.requestId);
      result.rowsSent += batch.count;
      result.errors.push(...(await waitForRequest(body.requestId, options)));
    }
    return result;
  }

  /** Sync rowset upsert for small writes (SFMC advises ≤ 50 rows); `primaryKeys` split keys from values. */
  async function upsertSync(
    key: string,
    rows: Row[],
    primaryKeys: string[],
    options: { signal?: AbortSignal } = {},
  ) {
    const lower = new Set(primaryKeys.map((k) => k.toLowerCase()));
    const body = rows.map((row) => {
      const keys: Row = {};
      const values: Row = {};
      for (const [name, value] of Object.entries(row))
        (lower.has(name.toLowerCase()) ? keys : values)[name] = value;
      return { keys, values };
    });
    await rest.request({
      method: 'POST',
      path: `/hub/v1/dataevents/key:${encodeURIComponent(key)}/rowset`,
      body,
      signal: options.signal,
    });
  }

  /** Paged read of every row (keys and values merged) as an AsyncIterable; pages up to 2,500. */
  async function* read(key: string, options: ReadOptions = {}): AsyncIterable<Record<string, string>> {
    const pageSize = Math.min(options.pageSize ?? 2500, 2500);
    const query = {
      $pageSize: pageSize,
      $filter: options.filter,
      $orderBy: options.orderBy,
      $fields: options.fields?.join(','),
    };
    let token: string | undefined;
    let seen = 0;
    for (let page = 1; ; page += 1) {
      // After page 1 SFMC hands out a request token that pins the snapshot being paged.
      const path = token
        ? `/data/v1/customobjectdata/token/${encodeURIComponent(token)}/rowset`
        : `/data/v1/customobjectdata/key/${encodeURIComponent(key)}/rowset`;
      const body = await rest.request<RowsetPage>({
        method: 'GET',
        path,
        query: { ...query, $page: page },
        signal: options.signal,
      });
      token = body?.requestToken ?? token;
      const items = body?.items ?? [];
      for (const item of items) {
        const row: Record<string, string> = {};
        for (const [k, v] of Object.entries({ ...item.keys, ...item.values }))
          row[k] = v === null ? '' : String(v);
        yield row;
      }
      seen += items.length;
      // A server may cap the page below what was asked; its own pageSize says what a full page is.
      const fullPage = Math.min(pageSize, body?.pageSize ?? pageSize);
      if (
        items.length === 0 ||
        items.length < fullPage ||
        (typeof body?.count === 'number' && seen >= body.count)
      )
        return;
    }
  }

  async function count(key: string, options: { signal?: AbortSignal } = {}): Promise<number> {
    const body = await rest.request<RowsetPage>({
      method: 'GET',
      path: `/data/v1/customobjectdata/key/${encodeURIComponent(key)}/rowset`,
      query: { $page: 1, $pageSize: 1 },
      signal: options.signal,
    });
    return Number(body?.count ?? 0);
  }

  return {
    upsert: (key: string, rows: Row[] | RowBatch, options?: AsyncWriteOptions) =>
      writeAsync('PUT', key, rows, options),
    insert: (key: string, rows: Row[] | RowBatch, options?: AsyncWriteOptions) =>
      writeAsync('POST', key, rows, options),
    upsertSync,
    read,
    count,
    /** Deletes rows by primary key; each row holds its key fields. → `{ deleted, errors }`. */
    delete: createRowsDelete(soap),
  };
}

export type RowsResource = ReturnType<typeof createRows>;
