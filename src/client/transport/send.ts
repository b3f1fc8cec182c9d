import nodeHttp from 'node:http';
import nodeHttps from 'node:https';
import type { Readable } from 'node:stream';
import axios, { type AxiosInstance } from 'axios';
import type { LimitFunction } from 'p-limit';
import pRetry, { AbortError } from 'p-retry';
import { ApiError, redact } from '../../errors/index.ts';
import type { ClientDeps } from '../types.ts';
import type { HttpRequest, HttpResponse, Send } from './http-types.ts';
import { isRetryableNetworkError, parseRetryAfter, type RetryPolicy, retryDelay } from './retry-policy.ts';
import { combineSignals, sleep as defaultSleep } from './sleep.ts';

/** Error bodies are read up to this size, the rest dropped: a 120 MB error page is never buffered. */
export const ERROR_BODY_CAP = 64 * 1024;
/** A successful answer larger than this is refused (SFMC pages are a few MB at most). */
export const BODY_CAP = 256 * 1024 * 1024;

export interface SendOptions {
  policy: RetryPolicy;
  /**
   * Total deadline of one attempt: connect, headers and the whole body (not an idle timeout, so a
   * server that drips bytes is cut off). An attempt never outlives the request's `maxRetryTimeMs`.
   */
  timeoutMs: number;
  limit: LimitFunction;
  deps: ClientDeps;
  /** Known secret values (client secret, tokens) masked in every error message. */
  secrets: () => Iterable<string>;
  axiosInstance?: AxiosInstance;
}

/** A failure worth another attempt; carries the last response (429/5xx) or the network error. */
class TransientFailure extends Error {
  readonly response?: HttpResponse;
  readonly apiError?: ApiError;
  constructor(response?: HttpResponse, apiError?: ApiError) {
    super(apiError?.message ?? `HTTP ${response?.status}`);
    this.response = response;
    this.apiError = apiError;
  }
}

/**
 * One HTTP pipeline: concurrency limit per attempt (a waiting retry holds no slot), p-retry with
 * our own delay (Retry-After or jittered backoff, via the injected sleep), request log, abort.
 * Non-retryable statuses are returned, not thrown: callers map bodies to typed errors.
 */
export function createSend(options: SendOptions): Send {
  const { policy, limit, deps } = options;
  const now = deps.now ?? Date.now;
  const wait = deps.sleep ?? defaultSleep;
  const http =
    options.axiosInstance ??
    axios.create({
      // nock intercepts node's http module; the fetch adapter would bypass it.
      adapter: 'http',
      // Idle timeout; the total deadline is the per-attempt AbortSignal below.
      timeout: options.timeoutMs,
      validateStatus: () => true,
      // Our own agents: the process's global ones may carry another deadline (deadline-agent.ts).
      httpAgent: new nodeHttp.Agent({ keepAlive: true }),
      httpsAgent: new nodeHttps.Agent({ keepAlive: true }),
      // The body is read here, with caps (see readBody).
      responseType: 'stream',
      maxRedirects: 0,
      maxBodyLength: Number.POSITIVE_INFINITY,
      maxContentLength: Number.POSITIVE_INFINITY,
    });

  return async function send(request: HttpRequest): Promise<HttpResponse> {
    const signal = combineSignals(deps.signal, request.signal);
    const started = now();
    // Deadlines run on the real clock: an injected `now` (tests) must not cut real requests short.
    const realStart = Date.now();
    let attempt = 0;

    const once = async (): Promise<HttpResponse> => {
      attempt += 1;
      if (signal?.aborted) throw new AbortError(aborted(request));
      const t0 = now();
      let response: HttpResponse;
      // Each attempt ends by its deadline, and never later than the request's whole budget.
      const budget = policy.maxRetryTimeMs - (Date.now() - realStart);
      const deadlineMs = Math.max(1000, Math.min(options.timeoutMs, budget));
      const deadline = new AbortController();
      let timedOut = false;
      try {
        response = await limit(() => {
          const timer = setTimeout(() => {
            timedOut = true;
            deadline.abort();
          }, deadlineMs);
          return perform(http, request, combineSignals(signal, deadline.signal)!).finally(() =>
            clearTimeout(timer),
          );
        });
      } catch (error) {
        log(request, 0, attempt, now() - t0);
        if (signal?.aborted) throw new AbortError(aborted(request));
        if (timedOut) {
          const failure = new ApiError(
            'TIMEOUT',
            `no complete answer within ${seconds(deadlineMs)} (the deadline of one attempt; a server that answers slowly or drips bytes is cut off)`,
            { method: request.method, path: request.path },
          );
          if (budget - deadlineMs > 0) throw new TransientFailure(undefined, failure);
          throw new AbortError(failure);
        }
        if (error instanceof ApiError) throw new AbortError(error);
        const failure = networkError(request, error, options.secrets());
        if (isRetryableNetworkError(policy, error as { code?: string; message?: string })) {
          throw new TransientFailure(undefined, failure);
        }
        throw new AbortError(failure);
      }
      log(request, response.status, attempt, now() - t0);
      if (policy.retryStatuses(response.status) && (request.isRetryable?.(response) ?? true)) {
        throw new TransientFailure(response);
      }
      return response;
    };

    try {
      return await pRetry(once, {
        retries: policy.retries,
        // p-retry's own timer is disabled: the delay is ours so tests can inject sleep.
        minTimeout: 0,
        maxTimeout: 0,
        factor: 1,
        randomize: false,
        shouldRetry: async ({ error, attemptNumber }) => {
          if (!(error instanceof TransientFailure)) return false;
          const retryAfter = parseRetryAfter(error.response?.headers['retry-after'], now());
          const delay = retryDelay(policy, attemptNumber, retryAfter, deps.random);
          if (now() - started + delay > policy.maxRetryTimeMs) return false;
          try {
            await wait(delay, signal);
          } catch {
            throw aborted(request);
          }
          return true;
        },
      });
    } catch (error) {
      if (error instanceof TransientFailure) {
        if (error.response) return error.response;
        throw error.apiError;
      }
      if (signal?.aborted && !(error instanceof ApiError)) throw aborted(request);
      throw error;
    }
  };

  function log(request: HttpRequest, status: number, attempt: number, ms: number) {
    deps.onRequest?.({
      method: request.method,
      path: request.path,
      url: request.baseUrl + request.path,
      status,
      attempt,
      ms,
      ...(request.soapAction ? { soapAction: request.soapAction } : {}),
    });
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

async function perform(
  http: AxiosInstance,
  request: HttpRequest,
  signal: AbortSignal,
): Promise<HttpResponse> {
  // Strings and buffers go out as they are (a row batch arrives serialized); anything else as JSON.
  const isText = typeof request.body === 'string' || Buffer.isBuffer(request.body);
  const res = await http.request<Readable | string>({
    method: request.method,
    url: request.baseUrl + request.path,
    headers: {
      ...(request.body !== undefined && !isText ? { 'Content-Type': 'application/json' } : {}),
      Accept: 'application/json, text/xml, */*',
      ...request.headers,
    },
    data: request.body === undefined ? undefined : isText ? request.body : JSON.stringify(request.body),
    signal,
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
  }
  const text = await readBody(res.data, res.status, request, signal);
  return { status: res.status, headers, data: parseBody(text, headers['content-type']), text };
}

/**
 * Reads the body as UTF-8 text. An error answer (status >= 400) is read up to ERROR_BODY_CAP and the rest
 * dropped unread; a successful one larger than BODY_CAP is refused.
 */
async function readBody(
  data: Readable | string | undefined,
  status: number,
  request: HttpRequest,
  signal: AbortSignal,
): Promise<string> {
  if (data === undefined || data === null) return '';
  if (typeof data === 'string') return data;
  if (typeof (data as Readable).on !== 'function') return String(data);
  const stream = data as Readable;
  const cap = status >= 400 ? ERROR_BODY_CAP : BODY_CAP;
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      stream.destroy();
      reject(signal.reason ?? new Error('aborted'));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (error?: unknown) => {
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    stream.on('data', (chunk: Buffer) => {
      if (truncated) return;
      const room = cap - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        size = cap;
        truncated = true;
        stream.destroy();
        done();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    let ended = false;
    stream.once('end', () => {
      ended = true;
      done();
    });
    stream.once('error', (error) => (truncated ? undefined : done(error)));
    stream.once('close', () => {
      // Closed before its end: the answer is incomplete (a cut connection), never used as it is.
      if (!ended && !truncated)
        done(
          Object.assign(new Error('the connection closed before the whole answer arrived'), {
            code: 'ECONNRESET',
          }),
        );
    });
  });
  if (truncated && status < 400) {
    throw new ApiError('API_ERROR', `the answer is larger than ${cap / 1024 / 1024} MB; refused`, {
      method: request.method,
      path: request.path,
      status,
    });
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return truncated ? `${text}… [error body cut at ${cap / 1024} KB]` : text;
}

function parseBody(text: string, contentType = ''): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (contentType.includes('json') || /^[[{"]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

function networkError(request: HttpRequest, error: unknown, secrets: Iterable<string>): ApiError {
  const e = error as { code?: string; message?: string };
  const message = redact(`${e.code ? `${e.code}: ` : ''}${e.message ?? 'network error'}`, secrets);
  // No `cause`: an axios error holds the request config, headers included.
  return new ApiError('NETWORK_ERROR', message, { method: request.method, path: request.path });
}

function aborted(request: HttpRequest): ApiError {
  return new ApiError('ABORTED', 'request aborted', { method: request.method, path: request.path });
}
