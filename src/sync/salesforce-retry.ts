import pRetry from 'p-retry';

/**
 * Failures of a Salesforce call that another attempt can cure. jsforce retries idempotent requests on
 * 429/5xx and resets itself, but not POSTs — among them the login it makes to refresh an expired
 * session, which then fails the call that needed it as "Unable to refresh session".
 */
const TRANSIENT =
  /Unable to refresh session|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|fetch failed|UND_ERR|ERROR_HTTP_(?:429|5\d\d)|Service Unavailable|Too Many Requests/i;

export function isTransientSalesforceError(error: unknown): boolean {
  const e = error as { name?: string; errorCode?: string; code?: string; message?: string };
  return TRANSIENT.test(`${e?.name ?? ''} ${e?.errorCode ?? ''} ${e?.code ?? ''} ${e?.message ?? ''}`);
}

/**
 * Runs a Salesforce call again after a transient failure, with backoff (0.25 s doubling, 5 retries).
 * Only for calls that are safe to repeat: reads, and creating a Bulk query job (a repeat at worst
 * leaves an unused job behind).
 */
export function withSalesforceRetry<T>(call: () => PromiseLike<T>, retries = 5): Promise<T> {
  // jsforce's query is a thenable, not a Promise: await it inside.
  return pRetry(async () => await call(), {
    retries,
    minTimeout: 250,
    factor: 2,
    maxTimeout: 8000,
    shouldRetry: ({ error }) => isTransientSalesforceError(error),
  });
}
