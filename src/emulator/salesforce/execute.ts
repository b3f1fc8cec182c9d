import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CompiledQuery } from './compile.ts';
import { quoteIdent } from './store.ts';
import type { SqlValue } from './values.ts';

/** Where a paged read stands: rows delivered so far and, for unordered queries, the last rowid seen. */
export interface PagePosition {
  delivered: number;
  afterRowid?: number;
}

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
 * One page of rows, each an array of values in `q.fields` order. Unordered queries page by rowid
 * (keyset), so reading a million rows stays linear; ordered ones use OFFSET. Arrays, not objects:
 * results pages carry 50,000 rows and building a keyed object per row was most of their cost.
 */
export function fetchPage(
  db: DatabaseSync,
  q: CompiledQuery,
  position: PagePosition,
  size: number,
  total: number,
): { rows: SqlValue[][]; next: PagePosition; done: boolean } {
  const want = Math.min(size, total - position.delivered);
  if (want <= 0) return { rows: [], next: position, done: true };
  // rowid goes last so each row's field values keep the indexes of q.fields.
  const names = [...q.fields.map((f) => f.name), '__rowid'];
  const cols = [...q.fields.map((f) => quoteIdent(f.name)), 'rowid AS "__rowid"'].join(', ');
  let rows: SqlValue[][];
  if (q.orderBy) {
    rows = allArrays(
      db.prepare(
        `SELECT ${cols} FROM ${q.from} WHERE ${q.where} ORDER BY ${q.orderBy}, rowid LIMIT ? OFFSET ?`,
      ),
      [...q.params, want, (q.offset ?? 0) + position.delivered],
      names,
    );
  } else if (position.afterRowid === undefined) {
    rows = allArrays(
      db.prepare(`SELECT ${cols} FROM ${q.from} WHERE ${q.where} ORDER BY rowid LIMIT ? OFFSET ?`),
      [...q.params, want, q.offset ?? 0],
      names,
    );
  } else {
    rows = allArrays(
      db.prepare(`SELECT ${cols} FROM ${q.from} WHERE (${q.where}) AND rowid > ? ORDER BY rowid LIMIT ?`),
      [...q.params, position.afterRowid, want],
      names,
    );
  }
  const delivered = position.delivered + rows.length;
  const last = rows.at(-1);
  const next: PagePosition = {
    delivered,
    afterRowid: last ? (last[names.length - 1] as number) : position.afterRowid,
  };
  for (const r of rows) r.pop();
  return { rows, next, done: delivered >= total || rows.length < want };
}

/**
 * All result rows as arrays. `setReturnArrays` is Node 24+; on older Node (package engines allow 22)
 * the row objects are read back by column name instead.
 */
function allArrays(st: StatementSync, params: SqlValue[], names: string[]): SqlValue[][] {
  if (typeof st.setReturnArrays === 'function') {
    st.setReturnArrays(true);
    return st.all(...params) as unknown as SqlValue[][];
  }
  return (st.all(...params) as Record<string, SqlValue>[]).map((o) => names.map((n) => o[n]));
}
