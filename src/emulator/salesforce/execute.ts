import type { DatabaseSync } from 'node:sqlite';
import type { CompiledQuery } from './compile.ts';
import { quoteIdent } from './store.ts';
import type { SqlValue } from './values.ts';

/** Where a paged read stands: rows delivered so far and, for unordered queries, the last rowid seen. */
export interface PagePosition {
  delivered: number;
  afterRowid?: number;
}

export type StoredRow = Record<string, SqlValue>;

/** Rows the query yields in total (after OFFSET and LIMIT). */
export function countMatches(db: DatabaseSync, q: CompiledQuery): number {
  const row = db.prepare(`SELECT COUNT(*) AS n FROM ${q.from} WHERE ${q.where}`).get(...q.params) as {
    n: number;
  };
  let n = Math.max(0, row.n - (q.offset ?? 0));
  if (q.limit !== undefined) n = Math.min(n, q.limit);
  return n;
}

/**
 * One page of rows. Unordered queries page by rowid (keyset), so reading a million rows stays linear;
 * ordered ones use OFFSET.
 */
export function fetchPage(
  db: DatabaseSync,
  q: CompiledQuery,
  position: PagePosition,
  size: number,
  total: number,
): { rows: StoredRow[]; next: PagePosition; done: boolean } {
  const want = Math.min(size, total - position.delivered);
  if (want <= 0) return { rows: [], next: position, done: true };
  const cols = ['rowid AS "__rowid"', ...q.fields.map((f) => quoteIdent(f.name))].join(', ');
  let rows: Array<StoredRow & { __rowid: number }>;
  if (q.orderBy) {
    rows = db
      .prepare(`SELECT ${cols} FROM ${q.from} WHERE ${q.where} ORDER BY ${q.orderBy}, rowid LIMIT ? OFFSET ?`)
      .all(...q.params, want, (q.offset ?? 0) + position.delivered) as typeof rows;
  } else if (position.afterRowid === undefined) {
    rows = db
      .prepare(`SELECT ${cols} FROM ${q.from} WHERE ${q.where} ORDER BY rowid LIMIT ? OFFSET ?`)
      .all(...q.params, want, q.offset ?? 0) as typeof rows;
  } else {
    rows = db
      .prepare(`SELECT ${cols} FROM ${q.from} WHERE (${q.where}) AND rowid > ? ORDER BY rowid LIMIT ?`)
      .all(...q.params, position.afterRowid, want) as typeof rows;
  }
  const delivered = position.delivered + rows.length;
  const last = rows.at(-1);
  const next: PagePosition = { delivered, afterRowid: last ? last.__rowid : position.afterRowid };
  for (const r of rows) delete (r as Partial<typeof r>).__rowid;
  return { rows, next, done: delivered >= total || rows.length < want };
}
