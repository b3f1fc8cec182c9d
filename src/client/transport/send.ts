import axios, { type AxiosInstance } from 'axios';
import type { LimitFunction } from 'p-limit';
import pRetry, { AbortError } from 'p-retry';
import { ApiError, redact } from '../../errors/index.ts';
import type { ClientDeps } from '../types.ts';
import type { HttpRequest, HttpResponse, Send } from './http-types.ts';
import { isRetryableNetworkError, parseRetryAfter, type RetryPolicy, retryDelay } from './retry-policy.ts';
import { combineSignals, sleep as defaultSleep } from './sleep.ts';

export interface SendOptions {
  policy: RetryPolicy;
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
      timeout: options.timeoutMs,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data) => data],
      maxBodyLength: Number.POSITIVE_INFINITY,
      maxContentLength: Number.POSITIVE_INFINITY,
    });

  return async function send(request: HttpRequest): Promise<HttpResponse> {
    const signal = combineSignals(deps.signal, request.signal);
    const started = now();
    let attempt = 0;

    const once = async (): Promise<HttpResponse> => {
      attempt += 1;
      if (signal?.aborted) throw new AbortError(aborted(request));
      const t0 = now();
      let response: HttpResponse;
      try {
        response = await limit(() => perform(http, request, signal));
      } catch (error) {
        log(request, 0, attempt, now() - t0);
        if (signal?.aborted) throw new AbortError(aborted(request));
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

async function perform(
  http: AxiosInstance,
  request: HttpRequest,
  signal?: AbortSignal,
): Promise<HttpResponse> {
  // Strings and buffers go out as they are (a row batch arrives serialized); anything else as JSON.
  const isText = typeof request.body === 'string' || Buffer.isBuffer(request.body);
  const res = await http.request<string>({
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
  const text = typeof res.data === 'string' ? res.data : res.data === undefined ? '' : String(res.data);
  return { status: res.status, headers, data: parseBody(text, headers['content-type']), text };
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
