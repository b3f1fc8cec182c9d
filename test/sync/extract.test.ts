import { afterEach, describe, expect, it } from 'vitest';
import { extractBulk } from '../../src/sync/index.ts';
import { leads, startOrg } from './fixture.ts';

let org: Awaited<ReturnType<typeof startOrg>> | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

describe('extractBulk', () => {
  it('pages results by locator and retries a 503, a reset connection and an expired session', async () => {
    org = await startOrg();
    org.emu.store.insert('Lead', leads(25));
    const log: string[] = [];
    let call = 0;
    const flaky: typeof fetch = async (input, init) => {
      call += 1;
      const url = String(input);
      log.push(`${call} ${new URL(url).search.includes('locator') ? 'next' : 'first'}`);
      if (call === 1) return new Response('busy', { status: 503 });
      if (call === 2) throw new TypeError('fetch failed: ECONNRESET');
      if (call === 4) org!.emu.expireTokens();
      return fetch(input, init);
    };
    const pages: number[] = [];
    const ids = new Set<string>();
    for await (const page of extractBulk(org.conn, 'SELECT Id, LastName FROM Lead', {
      pageSize: 10,
      pollIntervalMs: 5,
      fetch: flaky,
    })) {
      pages.push(page.length);
      for (const r of page) ids.add(String(r.Id));
    }
    expect(pages).toEqual([10, 10, 5]);
    expect(ids.size).toBe(25);
    // 503, reset, page 1, page 2 (token expired just before: 401), page 2 again after refresh, page 3.
    expect(log).toEqual(['1 first', '2 first', '3 first', '4 next', '5 next', '6 next']);
  });

  it('reports a page requested ahead that fails while the caller is busy, as a sync error, when reached', async () => {
    org = await startOrg();
    org.emu.store.insert('Lead', leads(25));
    const failing: typeof fetch = async (input, init) =>
      new URL(String(input)).search.includes('locator')
        ? new Response('{"errorCode":"INVALIDLOCATOR"}', { status: 400 })
        : fetch(input, init);
    const seen: number[] = [];
    const run = (async () => {
      for await (const page of extractBulk(org!.conn, 'SELECT Id FROM Lead', {
        pageSize: 10,
        pollIntervalMs: 5,
        fetch: failing,
      })) {
        seen.push(page.length);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await expect(run).rejects.toMatchObject({
      code: 'SYNC_FAILED',
      message: expect.stringContaining('→ 400'),
    });
    expect(seen).toEqual([10]);
  });
});
