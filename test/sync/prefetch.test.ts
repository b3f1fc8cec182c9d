import { describe, expect, it } from 'vitest';
import { prefetchOne } from '../../src/sync/prefetch.ts';

describe('prefetchOne', () => {
  it('starts fetching the next item while the caller still works on the current one', async () => {
    const events: string[] = [];
    async function* pages() {
      for (const n of [1, 2, 3]) {
        events.push(`fetch ${n}`);
        await new Promise((r) => setTimeout(r, 5));
        yield n;
      }
    }
    for await (const n of prefetchOne(pages())) {
      events.push(`work ${n} start`);
      await new Promise((r) => setTimeout(r, 20));
      events.push(`work ${n} end`);
    }
    // Page n+1 is requested before the work on page n begins, never more than one page ahead.
    expect(events).toEqual([
      'fetch 1',
      'fetch 2',
      'work 1 start',
      'work 1 end',
      'fetch 3',
      'work 2 start',
      'work 2 end',
      'work 3 start',
      'work 3 end',
    ]);
  });

  it('closes the source when the caller stops early, and a fetch failing meanwhile goes unreported', async () => {
    let closed = false;
    async function* pages() {
      try {
        yield 1;
        throw new Error('page 2 failed');
      } finally {
        closed = true;
      }
    }
    for await (const n of prefetchOne(pages())) {
      expect(n).toBe(1);
      break;
    }
    expect(closed).toBe(true);
  });

  it('passes a failure of the source on to the caller', async () => {
    async function* pages() {
      yield 1;
      throw new Error('page 2 failed');
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of prefetchOne(pages())) seen.push(n);
      })(),
    ).rejects.toThrow('page 2 failed');
    expect(seen).toEqual([1]);
  });

  it('holds a read-ahead that fails while the caller is busy until the caller asks for it', async () => {
    async function* pages() {
      yield 1;
      throw new Error('page 2 failed');
    }
    const seen: number[] = [];
    const run = (async () => {
      for await (const n of prefetchOne(pages())) {
        seen.push(n);
        // Busy long enough for the failed read-ahead to count as unhandled if nothing held it.
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await expect(run).rejects.toThrow('page 2 failed');
    expect(seen).toEqual([1]);
  });
});
