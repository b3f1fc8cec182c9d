/** Retry policy as plain data; `retryDelay` is pure so it is tested without a network. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** Total time budget for one request including waits. */
  maxRetryTimeMs: number;
  /** Statuses worth another attempt: 429 and every 5xx. Other 4xx never are. */
  retryStatuses: (status: number) => boolean;
  /** Node / axios error codes of transient network failures. */
  networkCodes: readonly string[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 5,
  minDelayMs: 500,
  maxDelayMs: 30_000,
  factor: 2,
  maxRetryTimeMs: 120_000,
  retryStatuses: (status) => status === 429 || (status >= 500 && status <= 599),
  networkCodes: [
    'ECONNRESET',
    'ETIMEDOUT',
    'ECONNABORTED',
    'EPIPE',
    'EAI_AGAIN',
    'ECONNREFUSED',
    'ENETUNREACH',
  ],
};

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(header: string | undefined | null, nowMs: number): number | undefined {
  if (header === undefined || header === null || header === '') return undefined;
  const text = String(header).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Delay before retry number `retry` (1-based). Retry-After wins when given (capped by the
 * policy's max delay); otherwise exponential backoff with full jitter.
 */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** (retry - 1));
  // Full jitter spreads clients that were throttled together; never below half the ceiling.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function isRetryableNetworkError(
  policy: RetryPolicy,
  error: { code?: string; message?: string },
): boolean {
  if (error.code && policy.networkCodes.includes(error.code)) return true;
  return /socket hang up/i.test(error.message ?? '');
}
