import { KitError } from '../errors/index.ts';
import type { DataExtension, RowProgress, RowsClient } from './port.ts';

/**
 * Deletes every row of the DE: reads a page of primary keys (always page 1: what was deleted is gone)
 * and deletes those rows with SOAP `Delete` of `DataExtensionObject`, until none is left. SOAP deletes
 * by primary key, so a DE without one is refused rather than half cleared.
 */
export async function clearRows(
  client: RowsClient,
  de: DataExtension,
  options: { onProgress?: (p: RowProgress) => void; signal?: AbortSignal } = {},
): Promise<{ deleted: number }> {
  const keys = de.fields.filter((f) => f.isPrimaryKey).map((f) => f.name);
  if (!keys.length) {
    throw new KitError(
      'USAGE',
      `data extension "${de.key}" has no primary key: its rows cannot be deleted one by one`,
      {
        hint: 'clear it in Contact Builder (Clear Data), or add a primary key',
      },
    );
  }
  const total = await client.rows.count(de.key, { signal: options.signal });
  let deleted = 0;
  let left = total;
  for (;;) {
    const page: Array<Record<string, string>> = [];
    for await (const row of client.rows.read(de.key, { fields: keys, signal: options.signal })) {
      // The rowset API answers field names in lower case.
      const lower = new Map(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
      const picked: Record<string, string> = {};
      for (const k of keys) picked[k] = row[k] ?? lower.get(k.toLowerCase()) ?? '';
      page.push(picked);
      if (page.length >= 2500) break;
    }
    if (!page.length) return { deleted };
    const result = await client.rows.delete(de.key, page, { batchSize: 500, signal: options.signal });
    deleted += result.deleted;
    options.onProgress?.({ read: deleted, done: deleted, rejected: 0, total });
    if (result.errors.length) {
      throw new KitError(
        'API_ERROR',
        `clearing "${de.key}" stopped after ${deleted} rows: SFMC refused ${result.errors.length} deletes (${result.errors[0].message})`,
      );
    }
    // A page that deletes nothing (keys not matched) would be read again forever.
    const now = await client.rows.count(de.key, { signal: options.signal });
    if (result.deleted === 0 || now >= left) {
      throw new KitError('API_ERROR', `clearing "${de.key}" made no progress after ${deleted} rows`);
    }
    left = now;
  }
}
