import type { SQLInputValue } from 'node:sqlite';
import type { EmuHandler, EmuRequest } from '../http/types.ts';
import type { DataExtension } from '../state/index.ts';
import { json, notFound, restDate, type SfmcContext } from './context.ts';

interface RowsetToken {
  deKey: string;
  where: string;
  params: SQLInputValue[];
  pageSize: number;
  /** Counted once, when the token is made; later pages reuse it instead of counting the table again. */
  count: number;
  /** The rowid each page starts after, learnt as pages are read, so reading page after page is linear. */
  pageStarts: Map<number, number>;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Query parameter by name, any case: SFMC's own clients send `$pagesize` as well as `$pageSize`. */
function param(req: EmuRequest, name: string): string | null {
  const want = name.toLowerCase();
  for (const [k, v] of req.query) if (k.toLowerCase() === want) return v;
  return null;
}

/**
 * `$filter` on one field (eq, ne, gt, lt, like) as a SQL condition. Text compares ignore case, as SFMC's
 * default collation does; booleans compare as true/false.
 */
function filterSql(de: DataExtension, filter: string | null): { where: string; params: SQLInputValue[] } {
  if (!filter) return { where: '', params: [] };
  const f = /^\s*"?(\w+)"?\s+(eq|ne|gt|lt|like)\s+'?((?:[^']|'')*)'?\s*$/i.exec(filter);
  if (!f) return { where: '', params: [] };
  const field = de.fields.find((x) => x.name.toLowerCase() === f[1].toLowerCase());
  const op = f[2].toLowerCase();
  const raw = f[3].replace(/''/g, "'");
  if (!field) return op === 'ne' ? { where: '', params: [] } : { where: '0', params: [] };
  const col = q(field.name);
  if (field.fieldType === 'Boolean' && (op === 'eq' || op === 'ne')) {
    const v = raw.toLowerCase() === 'true' ? 1 : 0;
    return op === 'eq'
      ? { where: `${col} = ?`, params: [v] }
      : { where: `(${col} IS NULL OR ${col} <> ?)`, params: [v] };
  }
  if (op === 'eq') return { where: `CAST(COALESCE(${col}, '') AS TEXT) = ? COLLATE NOCASE`, params: [raw] };
  if (op === 'ne') return { where: `CAST(COALESCE(${col}, '') AS TEXT) <> ? COLLATE NOCASE`, params: [raw] };
  if (op === 'like')
    return { where: `CAST(COALESCE(${col}, '') AS TEXT) LIKE ?`, params: [`%${raw.replace(/%/g, '')}%`] };
  return { where: `CAST(${col} AS REAL) ${op === 'gt' ? '>' : '<'} ?`, params: [Number(raw)] };
}

/** GET /data/v1/customobjectdata/key/{key}/rowset and …/token/{requestToken}/rowset (next pages). */
export function createRowsetReadHandler(ctx: SfmcContext): EmuHandler {
  const { state } = ctx;
  const tokens = new Map<string, RowsetToken>();
  const and = (a: string, b: string) => [a, b].filter(Boolean).join(' AND ');

  /** One page: keyset (rowid after the previous page's last) when known, else an offset. */
  const readPage = (de: DataExtension, t: RowsetToken, pageNo: number, pageSize: number) => {
    const table = q(state.deTarget(de).tableName);
    const sameSize = pageSize === t.pageSize;
    const after = sameSize ? t.pageStarts.get(pageNo) : undefined;
    const where = and(t.where, after === undefined ? '' : 'rowid > ?');
    const params = after === undefined ? [...t.params] : [...t.params, after];
    const offset = after === undefined ? (pageNo - 1) * pageSize : 0;
    const rows = state.db
      .prepare(
        `SELECT rowid AS "__emu_rowid", * FROM ${table}${where ? ` WHERE ${where}` : ''} ORDER BY rowid LIMIT ? OFFSET ?`,
      )
      .all(...params, pageSize, offset) as Record<string, unknown>[];
    if (sameSize && rows.length) t.pageStarts.set(pageNo + 1, Number(rows[rows.length - 1].__emu_rowid));
    return rows;
  };

  return (req) => {
    if (req.method !== 'GET') return undefined;
    const m = /^\/data\/v1\/customobjectdata\/(key|token|)\/?([^/]+)\/rowset\/?$/.exec(req.path);
    if (!m) return undefined;
    const askedSize = param(req, '$pageSize');
    let pageSize = Math.min(2500, Math.max(1, Number(askedSize ?? 2500) || 2500));
    let de: DataExtension | undefined;
    let token: string;
    let t: RowsetToken | undefined;
    if (m[1] === 'token') {
      t = tokens.get(m[2]);
      if (!t) return notFound();
      token = m[2];
      de = state.dataExtensions.get(t.deKey);
      if (askedSize === null) pageSize = t.pageSize;
    } else {
      de =
        m[1] === 'key'
          ? state.dataExtensions.get(decodeURIComponent(m[2]))
          : state.dataExtensions.getById(m[2]);
      token = crypto.randomUUID();
      if (de) {
        const { where, params } = filterSql(de, param(req, '$filter'));
        const table = q(state.deTarget(de).tableName);
        const count = Number(
          (
            state.db
              .prepare(`SELECT COUNT(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`)
              .get(...params) as { n: number }
          ).n,
        );
        t = { deKey: de.customerKey, where, params, pageSize, count, pageStarts: new Map([[1, 0]]) };
        tokens.set(token, t);
      }
    }
    if (!de || !t) return notFound();
    const pageNo = Math.max(1, Number(param(req, '$page') ?? 1) || 1);
    const slice = readPage(de, t, pageNo, pageSize);
    const pk = new Set(de.fields.filter((f) => f.isPrimaryKey).map((f) => f.name));
    const links: Record<string, string> = {
      self: `/v1/customobjectdata/token/${token}/rowset?$page=${pageNo}`,
    };
    if (pageNo * pageSize < t.count)
      links.next = `/v1/customobjectdata/token/${token}/rowset?$page=${pageNo + 1}`;
    const body: Record<string, unknown> = {
      links,
      requestToken: token,
      tokenExpireDateUtc: restDate(new Date(state.now().getTime() + 20 * 60_000)),
      customObjectId: de.objectId,
      customObjectKey: de.customerKey,
      pageSize,
      page: pageNo,
      count: t.count,
      top: 0,
    };
    // Real rowsets lower-case field names and send every value as a string; an empty page has no items
    // (recorded data/v1/customobjectdata/key/…/rowset/get-response.json).
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
                ? v === 1 || v === true
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
