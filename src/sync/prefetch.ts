/**
 * Iterates `source` one item ahead: while the caller works on an item, the next one is already being
 * fetched (for extraction, the next results page downloads while this page is converted and upserted).
 * At most two items are held at once, so memory stays bounded by the page size.
 */
export async function* prefetchOne<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = it.next();
      yield current.value;
    }
  } finally {
    // The caller stopped early (break or error): a fetch still in flight must not reject unobserved.
    next.catch(() => {});
    await it.return?.();
  }
}
