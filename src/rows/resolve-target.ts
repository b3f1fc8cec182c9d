import { KitError } from '../errors/index.ts';
import type { DataExtension, RowsClient } from './port.ts';

/**
 * The data extension a command names: a key of the business unit, or the name of a DE declared in the
 * project (`keyOf` maps a declared name to its key). Reads its fields, which every row tool needs.
 */
export async function resolveDataExtension(
  client: RowsClient,
  name: string,
  keyOf?: (name: string) => string | undefined,
): Promise<DataExtension> {
  const declared = keyOf?.(name);
  const de =
    (declared ? await client.dataExtensions.get(declared) : undefined) ??
    (await client.dataExtensions.get(name));
  if (!de) {
    throw new KitError(
      'NOT_FOUND',
      `no data extension "${name}"${declared && declared !== name ? ` (key ${declared})` : ''} in the business unit`,
      {
        hint: 'name it by external key, or by the name of a data extension in definitions/',
      },
    );
  }
  return de;
}
