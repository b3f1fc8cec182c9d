import type { TokenManager } from '../auth/token-manager.ts';
import type { Send } from '../transport/http-types.ts';
import { restError } from './errors.ts';

export type QueryValue = string | number | boolean | undefined;

export interface RestRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the REST instance URL, e.g. `/automation/v1/queries/`. */
  path: string;
  /** Query parameters; keys are sent literally (`$page`), values encoded. */
  query?: Record<string, QueryValue>;
  /** A string or Buffer is sent as is (say which type with `headers`); anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface RestResponse<T> {
  status: number;
  data: T;
}

export interface RestClient {
  /** Sends an authenticated request; non-2xx becomes an ApiError. Returns the parsed body. */
  request<T = unknown>(request: RestRequest): Promise<T>;
  requestWithStatus<T = unknown>(request: RestRequest): Promise<RestResponse<T>>;
}

export function buildPath(path: string, query?: Record<string, QueryValue>): string {
  const parts = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  if (parts.length === 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${parts.join('&')}`;
}

export function createRestClient(deps: {
  send: Send;
  tokens: TokenManager;
  secrets: () => Iterable<string>;
}): RestClient {
  async function requestWithStatus<T>(request: RestRequest): Promise<RestResponse<T>> {
    const path = buildPath(request.path.startsWith('/') ? request.path : `/${request.path}`, request.query);
    const attempt = async (accessToken: string, baseUrl: string) =>
      deps.send({
        method: request.method,
        baseUrl,
        path,
        headers: { ...request.headers, Authorization: `Bearer ${accessToken}` },
        body: request.body,
        signal: request.signal,
      });
    let token = await deps.tokens.get();
    let response = await attempt(token.accessToken, token.restBaseUrl);
    if (response.status === 401) {
      // The token may be revoked or expired early: one forced refresh, one retry.
      token = await deps.tokens.refresh(token.accessToken);
      response = await attempt(token.accessToken, token.restBaseUrl);
    }
    if (response.status >= 400) throw restError(request.method, path, response, deps.secrets());
    return { status: response.status, data: response.data as T };
  }
  return {
    requestWithStatus,
    async request<T>(request: RestRequest) {
      return (await requestWithStatus<T>(request)).data;
    },
  };
}
