import { awaitedLater } from './awaited-later.ts';

/**
 * Iterates `source` one item ahead: while the caller works on an item, the next one is already being
 * fetched (for REST query pages: the next downloads while this one is converted and upserted).
 * At most two items are held at once, so memory stays bounded by the page size.
 */
export async function* prefetchOne<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  // A read-ahead that fails while the caller is busy is reported when the caller asks for it.
  const ahead = () => awaitedLater(it.next());
  let next = ahead();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = ahead();
      yield current.value;
    }
  } finally {
    await it.return?.();
  }
}
