/**
 * Iterates `source` one item ahead: while the caller works on an item, the next one is already being
 * fetched (for extraction, the next results page downloads while this page is converted and upserted).
 * At most two items are held at once, so memory stays bounded by the page size.
 */
export async function* prefetchOne<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  // A read-ahead that fails while the caller is still busy is reported when the caller asks for it;
  // until then it must not count as unhandled (Node would end the process).
  const ahead = () => {
    const p = it.next();
    p.catch(() => {});
    return p;
  };
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
