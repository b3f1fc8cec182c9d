import type { DeRow } from './types.ts';

/** Groups rows into batches bounded by row count and by JSON size (the async rows API caps both). */
export function createBatcher(maxRows: number, maxBytes: number) {
  let rows: DeRow[] = [];
  let bytes = 0;
  return {
    /** Adds a row; returns a full batch when this row would overflow the current one. */
    add(row: DeRow): DeRow[] | undefined {
      const size = Buffer.byteLength(JSON.stringify(row)) + 1;
      let full: DeRow[] | undefined;
      if (rows.length > 0 && (rows.length >= maxRows || bytes + size > maxBytes)) {
        full = rows;
        rows = [];
        bytes = 0;
      }
      rows.push(row);
      bytes += size;
      return full;
    },
    flush(): DeRow[] | undefined {
      if (rows.length === 0) return undefined;
      const out = rows;
      rows = [];
      bytes = 0;
      return out;
    },
  };
}
