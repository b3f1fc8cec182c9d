import type { EmuHandler } from '../http/types.ts';
import type { DataExtension } from '../state/index.ts';
import { json, notFound, restDate, type SfmcContext } from './context.ts';

/** GET /data/v1/customobjectdata/key/{key}/rowset and …/token/{requestToken}/rowset (next pages). */
export function createRowsetReadHandler(ctx: SfmcContext): EmuHandler {
  const { state } = ctx;
  const tokens = new Map<string, { deKey: string; filter: string | null; pageSize: number }>();
  return (req) => {
    if (req.method !== 'GET') return undefined;
    const m = /^\/data\/v1\/customobjectdata\/(key|token|)\/?([^/]+)\/rowset\/?$/.exec(req.path);
    if (!m) return undefined;
    let de: DataExtension | undefined;
    let token: string;
    let filter = req.query.get('$filter');
    let pageSize = Math.min(2500, Math.max(1, Number(req.query.get('$pageSize') ?? 2500) || 2500));
    if (m[1] === 'token') {
      const t = tokens.get(m[2]);
      if (!t) return notFound();
      token = m[2];
      de = state.dataExtensions.get(t.deKey);
      filter = t.filter;
      pageSize = req.query.has('$pageSize') ? pageSize : t.pageSize;
    } else {
      de =
        m[1] === 'key'
          ? state.dataExtensions.get(decodeURIComponent(m[2]))
          : state.dataExtensions.getById(m[2]);
      token = crypto.randomUUID();
      if (de) tokens.set(token, { deKey: de.customerKey, filter, pageSize });
    }
    if (!de) return notFound();
    const pageNo = Math.max(1, Number(req.query.get('$page') ?? 1) || 1);
    let rows = state.readRows(de.customerKey);
    if (filter) {
      const f = /^\s*"?(\w+)"?\s+(eq|ne|gt|lt|like)\s+'?((?:[^']|'')*)'?\s*$/i.exec(filter);
      if (f) {
        const field = de.fields.find((x) => x.name.toLowerCase() === f[1].toLowerCase());
        const v = f[3].toLowerCase();
        rows = rows.filter((r) => {
          const cell = String(field ? (r[field.name] ?? '') : '').toLowerCase();
          const op = f[2].toLowerCase();
          if (op === 'eq') return cell === v;
          if (op === 'ne') return cell !== v;
          if (op === 'like') return cell.includes(v.replace(/%/g, ''));
          return op === 'gt' ? Number(cell) > Number(v) : Number(cell) < Number(v);
        });
      }
    }
    const slice = rows.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    const pk = new Set(de.fields.filter((f) => f.isPrimaryKey).map((f) => f.name));
    const links: Record<string, string> = {
      self: `/v1/customobjectdata/token/${token}/rowset?$page=${pageNo}`,
    };
    if (pageNo * pageSize < rows.length)
      links.next = `/v1/customobjectdata/token/${token}/rowset?$page=${pageNo + 1}`;
    const body: Record<string, unknown> = {
      links,
      requestToken: token,
      tokenExpireDateUtc: restDate(new Date(state.now().getTime() + 20 * 60_000)),
      customObjectId: de.objectId,
      customObjectKey: de.customerKey,
      pageSize,
      page: pageNo,
      count: rows.length,
      top: 0,
    };
    // Real rowsets lower-case field names and send every value as a string.
    if (slice.length) {
      body.items = slice.map((r) => {
        const keys: Record<string, string> = {};
        const values: Record<string, string> = {};
        for (const f of de.fields) {
          const v = r[f.name];
          const s =
            v === null || v === undefined
              ? ''
              : f.fieldType === 'Boolean'
                ? v
                  ? 'True'
                  : 'False'
                : String(v);
          (pk.has(f.name) ? keys : values)[f.name.toLowerCase()] = s;
        }
        return { keys, values };
      });
    }
    return json(200, body);
  };
}
