import type { DataExtension, RowProgress, RowsClient } from './port.ts';
import type { RowWriter } from './row-files.ts';

export interface ExportSummary {
  rows: number;
}

/** Every row of the DE, page by page (2,500 a page), into the writer: one page in memory at a time. */
export async function exportRows(
  client: RowsClient,
  de: DataExtension,
  writer: RowWriter,
  options: { onProgress?: (p: RowProgress) => void; signal?: AbortSignal } = {},
): Promise<ExportSummary> {
  const total = options.onProgress ? await client.rows.count(de.key, { signal: options.signal }) : undefined;
  let rows = 0;
  let last = 0;
  for await (const row of client.rows.read(de.key, { signal: options.signal })) {
    await writer.write(row);
    rows += 1;
    if (options.onProgress && (rows % 2500 === 0 || Date.now() - last > 200)) {
      last = Date.now();
      options.onProgress({ read: rows, done: rows, rejected: 0, total });
    }
  }
  await writer.close();
  options.onProgress?.({
    read: rows,
    done: rows,
    rejected: 0,
    total: total === undefined ? undefined : rows,
  });
  return { rows };
}

/** The DE's rows as records for `writeRows` (rows copy between business units). */
export async function* rowsAsRecords(client: RowsClient, de: DataExtension, signal?: AbortSignal) {
  let record = 0;
  for await (const values of client.rows.read(de.key, { signal })) {
    record += 1;
    yield { record, values };
  }
}
