import type { DeField, DeRow, RejectedRow, RowSink } from './types.ts';

/** A RowSink over Maps, for tests and dry runs. `reject` lets a test refuse rows with a reason. */
export function createMemorySink(opts: { reject?: (row: DeRow) => string | undefined } = {}): RowSink & {
  tables: Map<string, Map<string, DeRow>>;
  schemas: Map<string, DeField[]>;
  calls: string[];
} {
  const tables = new Map<string, Map<string, DeRow>>();
  const schemas = new Map<string, DeField[]>();
  const calls: string[] = [];
  const table = (key: string): Map<string, DeRow> => {
    let t = tables.get(key);
    if (!t) {
      t = new Map();
      tables.set(key, t);
    }
    return t;
  };
  return {
    tables,
    schemas,
    calls,
    async ensureSchema(key, fields) {
      calls.push(`ensureSchema ${key}`);
      const existing = schemas.get(key) ?? [];
      schemas.set(key, [...existing, ...fields.filter((f) => !existing.some((e) => e.name === f.name))]);
    },
    async upsert(key, { rows }) {
      calls.push(`upsert ${key} ${rows.length}`);
      const rejected: RejectedRow[] = [];
      const t = table(key);
      for (const row of rows) {
        const reason = opts.reject?.(row);
        if (reason) rejected.push({ row, reason });
        else t.set(String(row.Id), { ...(t.get(String(row.Id)) ?? {}), ...row });
      }
      return { rejected };
    },
    async *readKeys(key, fields) {
      calls.push(`readKeys ${key}`);
      for (const row of table(key).values()) yield Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));
    },
    async remove(key, ids) {
      calls.push(`remove ${key} ${ids.length}`);
      const t = table(key);
      for (const id of ids) t.delete(id);
    },
  };
}
