import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelay } from '../../src/client/index.ts';

describe('retry policy', () => {
  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('Mon, 23 Nov 2026 10:00:00 GMT');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:12 GMT', now)).toBe(12_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter inside [ceiling/2, ceiling]', () => {
    const p = { ...DEFAULT_RETRY_POLICY, minDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelay(p, 1, undefined, () => 0)).toBe(50);
    expect(retryDelay(p, 1, undefined, () => 1)).toBe(100);
    expect(retryDelay(p, 3, undefined, () => 1)).toBe(400);
    expect(retryDelay(p, 10, undefined, () => 1)).toBe(1000);
  });

  it('uses Retry-After when given, capped by the max delay', () => {
    const p = { ...DEFAULT_RETRY_POLICY, maxDelayMs: 5000 };
    expect(retryDelay(p, 1, 3000, () => 0)).toBe(3000);
    expect(retryDelay(p, 1, 60_000, () => 0)).toBe(5000);
  });

  it('retries 429 and 5xx only', () => {
    const r = DEFAULT_RETRY_POLICY.retryStatuses;
    expect([429, 500, 502, 503, 504].every(r)).toBe(true);
    expect([400, 401, 403, 404, 409, 422].some(r)).toBe(false);
  });
});
