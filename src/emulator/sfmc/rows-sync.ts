import type { EmuHandler } from '../http/types.ts';
import { json, parseJson, restError, type SfmcContext } from './context.ts';

/** POST/PUT /hub/v1/dataevents/key:{key}/rowset — synchronous upsert; all rows or none. */
export function createSyncRowsHandler(ctx: SfmcContext): EmuHandler {
  const { state } = ctx;
  return (req) => {
    const m = /^\/hub\/v1\/dataevents\/(key:)?([^/]+)\/(rowset|rows\/(.+))\/?$/.exec(req.path);
    if (!m || (req.method !== 'POST' && req.method !== 'PUT')) return undefined;
    const id = decodeURIComponent(m[2]);
    const de = m[1] ? state.dataExtensions.get(id) : state.dataExtensions.getById(id);
    if (!de)
      return restError(404, 10000, `Unable to find a data extension with ${m[1] ? 'key' : 'ID'} ${id}.`);
    const parsed = parseJson(req);
    if (!parsed.ok) return parsed.response;
    let items: Array<{ keys?: Record<string, unknown>; values?: Record<string, unknown> }>;
    if (m[4]) {
      // Single row: the key is in the path as Field:value.
      const [field, ...rest] = decodeURIComponent(m[4]).split(':');
      items = [
        {
          keys: { [field]: rest.join(':') },
          values: (parsed.value as { values?: Record<string, unknown> }).values,
        },
      ];
    } else {
      if (!Array.isArray(parsed.value))
        return restError(400, 10001, 'The request body must be an array of rows.');
      items = parsed.value as typeof items;
    }
    const rows = items.map((it) => ({ ...(it.values ?? {}), ...(it.keys ?? {}) }));
    const pk = de.fields.filter((f) => f.isPrimaryKey);
    const results = pk.length
      ? state.writeRows(de.customerKey, rows, 'upsert', true)
      : state.writeRows(de.customerKey, rows, 'insert', true);
    const bad = results.filter((r) => !r.ok);
    if (bad.length) {
      return restError(400, 10006, `Unable to save rows for data extension ID ${de.objectId}`, {
        documentation: '',
        additionalErrors: bad.flatMap((r) =>
          (r.message ?? '')
            .split(/(?<=\.)\s(?=\S+: )/)
            .map((message) => ({ message, errorcode: 10000, documentation: '' })),
        ),
      });
    }
    return json(200, m[4] ? items[0] : items);
  };
}
