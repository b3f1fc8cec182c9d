import type { Connection } from 'jsforce';
import { KitError } from '../errors/index.ts';
import { withSalesforceRetry } from './salesforce-retry.ts';

/**
 * The org's daily API requests, as the sync spends them. Salesforce counts every REST call against a
 * rolling 24-hour allowance (`/limits` → `DailyApiRequests { Max, Remaining }`, REST API Developer
 * Guide "Limits"; every response also carries `Sforce-Limit-Info: api-usage=used/max`, which jsforce
 * reads into `conn.limitInfo`). Past the allowance the org refuses calls — its other integrations'
 * too — so the sync stops while `reserve` requests are still left, with the checkpoint saved.
 */
export interface ApiBudget {
  /** One Salesforce call (retried when transient); every attempt is counted. */
  call<T>(what: string, fn: () => PromiseLike<T>): Promise<T>;
  /** Counts a call made outside jsforce (Bulk results pages) and checks the allowance. */
  spend(what: string): void;
  /** Reads `/limits`; afterwards calls are refused once only `reserve` would be left. */
  readLimits(): Promise<void>;
  /** Stops before a phase that needs about `calls` requests when they would cut into the reserve. */
  ensure(calls: number, what: string): void;
  readonly used: number;
  /** Requests left today as last seen (undefined when the org did not say). */
  remaining(): number | undefined;
}

export function createApiBudget(conn: Connection, opts: { sync: string; reserve?: number }): ApiBudget {
  let used = 0;
  let max: number | undefined;
  let remainingAtStart: number | undefined;
  let usedAtStart = 0;
  let reserve = opts.reserve;

  const seen = () =>
    (conn as { limitInfo?: { apiUsage?: { used: number; limit: number } } }).limitInfo?.apiUsage;
  const remaining = (): number | undefined => {
    const header = seen();
    if (header) return Math.max(0, header.limit - header.used);
    return remainingAtStart === undefined ? undefined : remainingAtStart - (used - usedAtStart);
  };
  // Default reserve: 5 % of the allowance, for the org's other integrations and its users.
  const reserveOf = (): number | undefined => {
    const limit = max ?? seen()?.limit;
    return reserve ?? (limit === undefined ? undefined : Math.ceil(limit * 0.05));
  };
  const stop = (what: string, needed: number, left: number, kept: number): never => {
    throw new KitError(
      'SYNC_FAILED',
      `sync ${opts.sync} stopped before ${what}: it needs about ${needed} more Salesforce API request(s) and the org has ${left} of ${max ?? seen()?.limit} left today, ${kept} of them kept in reserve`,
      {
        hint: 'committed work is checkpointed; run the sync again when the daily allowance has recovered (it is a rolling 24 hours), or lower the reserve (apiReserve)',
      },
    );
  };
  const check = (what: string, needed: number): void => {
    const left = remaining();
    const kept = reserveOf();
    if (left === undefined || kept === undefined) return;
    if (left - needed < kept) stop(what, needed, left, kept);
  };

  return {
    get used() {
      return used;
    },
    remaining,
    async call(what, fn) {
      return withSalesforceRetry(() => {
        check(what, 1);
        used += 1;
        return fn();
      });
    },
    spend(what) {
      check(what, 1);
      used += 1;
    },
    async readLimits() {
      let limits: { DailyApiRequests?: { Max?: number; Remaining?: number } };
      try {
        limits = await withSalesforceRetry(() => {
          used += 1;
          return conn.limits() as PromiseLike<typeof limits>;
        });
      } catch {
        // An org or user without access to /limits (it needs "View Setup and Configuration"): the
        // `Sforce-Limit-Info` header still tells the usage once the first call answers.
        return;
      }
      const daily = limits.DailyApiRequests;
      if (typeof daily?.Max !== 'number' || typeof daily.Remaining !== 'number') return;
      max = daily.Max;
      remainingAtStart = daily.Remaining;
      usedAtStart = used;
    },
    ensure(calls, what) {
      check(what, calls);
    },
  };
}
