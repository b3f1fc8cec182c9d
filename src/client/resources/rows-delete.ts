import { KitError } from '../../errors/index.ts';
import { str } from '../soap/parse.ts';
import { assertOk, type SoapClient } from '../soap/soap-client.ts';
import type { XmlObject } from '../soap/xml.ts';

export interface RowDeleteError {
  /** The row's key values as sent (all strings). */
  keys: Record<string, string>;
  errorCode?: string;
  message: string;
}

export interface RowDeleteResult {
  deleted: number;
  /** Rows SFMC refused; empty when every object came back OK. */
  errors: RowDeleteError[];
}

export interface RowDeleteOptions {
  /** DataExtensionObjects per SOAP Delete call (default 200, at most 2,000). */
  batchSize?: number;
  signal?: AbortSignal;
}

const asText = (v: unknown): string =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);

/**
 * Deletes data extension rows by primary key with SOAP `Delete` of `DataExtensionObject`
 * (`CustomerKey` of the DE, `Keys/Key{Name,Value}` per row), in bounded batches so one call stays
 * small. Each row passes its primary-key fields; per-object errors come back, whole-call errors throw.
 */
export function createRowsDelete(soap: SoapClient) {
  return async function deleteRows(
    key: string,
    rows: Array<Record<string, unknown>>,
    options: RowDeleteOptions = {},
  ): Promise<RowDeleteResult> {
    const size = Math.max(1, Math.min(options.batchSize ?? 200, 2000));
    const keyed = rows.map((row) => {
      const keys: Record<string, string> = {};
      for (const [name, value] of Object.entries(row)) keys[name] = asText(value);
      if (Object.keys(keys).length === 0)
        throw new KitError('USAGE', `row delete on "${key}" got a row without key fields`);
      return keys;
    });
    const result: RowDeleteResult = { deleted: 0, errors: [] };
    for (let start = 0; start < keyed.length; start += size) {
      const batch = keyed.slice(start, start + size);
      const objects: XmlObject[] = batch.map((keys) => ({
        '@xsi:type': 'DataExtensionObject',
        CustomerKey: key,
        Keys: { Key: Object.entries(keys).map(([Name, Value]) => ({ Name, Value })) },
      }));
      const reply = await soap.call(
        'Delete',
        { Objects: objects },
        { allowErrors: true, signal: options.signal },
      );
      // No per-object results means the whole call failed (e.g. `Error: …`): nothing to attribute to rows.
      if (reply.results.length === 0) {
        assertOk(reply, { method: 'POST', path: '/Service.asmx Delete' });
        continue;
      }
      reply.results.forEach((r, i) => {
        if (str(r, 'StatusCode') !== 'Error') {
          result.deleted += 1;
          return;
        }
        const ordinal = Number(str(r, 'OrdinalID'));
        const keys = batch[Number.isInteger(ordinal) && batch[ordinal] ? ordinal : i] ?? {};
        result.errors.push({
          keys,
          errorCode: str(r, 'ErrorCode'),
          message: str(r, 'StatusMessage') ?? 'row delete failed',
        });
      });
    }
    return result;
  };
}
