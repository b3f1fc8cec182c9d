import type { EmuRequest } from '../http/types.ts';

/** `$page` (1-based) and `$pageSize` with a per-route cap, as SFMC's REST lists do. */
export function page<T>(req: EmuRequest, items: T[], defaultSize: number, cap: number) {
  const pageNo = Math.max(1, Number(req.query.get('$page') ?? 1) || 1);
  const pageSize = Math.min(
    cap,
    Math.max(1, Number(req.query.get('$pageSize') ?? defaultSize) || defaultSize),
  );
  return {
    count: items.length,
    page: pageNo,
    pageSize,
    items: items.slice((pageNo - 1) * pageSize, pageNo * pageSize),
  };
}

/** `$filter=Name eq 'x'` (also `like`, `ne`) on one property; enough for the name and key lookups clients do. */
export function odataFilter<T extends Record<string, unknown>>(req: EmuRequest, items: T[]): T[] {
  const f = req.query.get('$filter');
  if (!f) return items;
  const m = /^\s*(\w+)\s+(eq|ne|like)\s+'((?:[^']|'')*)'\s*$/i.exec(f);
  if (!m) return items;
  const [, prop, op, rawValue] = m;
  const value = rawValue.replace(/''/g, "'").toLowerCase();
  return items.filter((item) => {
    const key = Object.keys(item).find((k) => k.toLowerCase() === prop.toLowerCase());
    const v = String(key ? item[key] : '').toLowerCase();
    if (op.toLowerCase() === 'eq') return v === value;
    if (op.toLowerCase() === 'ne') return v !== value;
    return v.includes(value.replace(/%/g, ''));
  });
}
