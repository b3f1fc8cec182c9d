import type { QueryValue, RestClient } from './rest-client.ts';

export interface PageBody<T> {
  count?: number;
  page?: number;
  pageSize?: number;
  items?: T[];
}

export interface PaginateOptions {
  query?: Record<string, QueryValue>;
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * `$page`/`$pageSize` paging as an AsyncIterable of items. Stops on a short page or once `count`
 * items were seen, so a server that ignores `$pageSize` cannot loop forever.
 */
export async function* paginate<T>(
  rest: RestClient,
  path: string,
  options: PaginateOptions = {},
): AsyncIterable<T> {
  const pageSize = options.pageSize ?? 50;
  let seen = 0;
  for (let page = 1; ; page += 1) {
    const body = await rest.request<PageBody<T>>({
      method: 'GET',
      path,
      query: { ...options.query, $page: page, $pageSize: pageSize },
      signal: options.signal,
    });
    const items = body?.items ?? [];
    for (const item of items) yield item;
    seen += items.length;
    const effectiveSize = Math.min(pageSize, body?.pageSize ?? pageSize);
    if (items.length === 0 || items.length < effectiveSize) return;
    if (typeof body?.count === 'number' && seen >= body.count) return;
  }
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
