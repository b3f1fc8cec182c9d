export interface SfmcClientConfig {
  /** e.g. https://mcXXXX.auth.marketingcloudapis.com — `/v2/token` is appended. */
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Business unit MID. */
  accountId?: string;
  scope?: string;
  /** Parallel HTTP requests per client (default 5). */
  maxConcurrency?: number;
  /** Retries after the first attempt on 429 / 5xx / network errors (default 5). */
  retries?: number;
  /** Upper bound on the time spent retrying one request (default 120 s). */
  maxRetryTimeMs?: number;
  /** Per-attempt timeout (default 120 s). */
  timeoutMs?: number;
  /** Renew the token this many seconds before it expires (default 60). */
  tokenMarginSec?: number;
  /** Override the instance URLs the token response names (tests, proxies). */
  restBaseUrl?: string;
  soapBaseUrl?: string;
}

export interface RequestLogEntry {
  method: string;
  /** Path relative to the service base, with query string; never a token. */
  path: string;
  url: string;
  /** HTTP status, or 0 when the request failed before a response. */
  status: number;
  /** 1 for the first attempt. */
  attempt: number;
  ms: number;
  /** SOAP action, for SOAP calls. */
  soapAction?: string;
}

export interface ClientDeps {
  onRequest?: (entry: RequestLogEntry) => void;
  /** Waits between retries; injected so tests do not wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  signal?: AbortSignal;
}

export interface CallOptions {
  signal?: AbortSignal;
}
