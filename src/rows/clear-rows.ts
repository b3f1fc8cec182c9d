import { str } from '../client/soap/parse.ts';
import { KitError } from '../errors/index.ts';
import type { DataExtension, RowProgress, RowsClient } from './port.ts';

/**
 * Deletes every row of the DE with SOAP `Perform` Action `ClearData` on the DataExtension (SFMC SOAP
 * docs, "Clear Data from a Data Extension": the DE named by CustomerKey; the DE itself stays), then
 * counts the rows left: a clear SFMC reports done but that leaves rows is an error, not a success.
 */
export async function clearRows(
  client: RowsClient,
  de: DataExtension,
  options: { onProgress?: (p: RowProgress) => void; signal?: AbortSignal } = {},
): Promise<{ deleted: number }> {
  const before = await client.rows.count(de.key, { signal: options.signal });
  const reply = await client.soap.call('Perform', {
    Action: 'ClearData',
    Definitions: { Definition: { '@xsi:type': 'DataExtension', CustomerKey: de.key } },
  });
  const result = (reply.results[0]?.Result as Record<string, unknown>[] | undefined)?.[0];
  if (!result || str(result, 'StatusCode') !== 'OK') {
    throw new KitError(
      'API_ERROR',
      `SFMC did not clear "${de.key}": ${result ? (str(result, 'StatusMessage') ?? 'no message') : 'no result'}`,
    );
  }
  const left = await client.rows.count(de.key, { signal: options.signal });
  if (left > 0) throw new KitError('API_ERROR', `"${de.key}" still holds ${left} rows after ClearData`);
  options.onProgress?.({ read: before, done: before, rejected: 0, total: before });
  return { deleted: before };
}
