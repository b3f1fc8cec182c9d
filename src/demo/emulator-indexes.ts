import type { EmulatorState } from '../emulator/index.ts';

const JOIN_COLUMNS = ['SubscriberKey', 'AccountId', 'OwnerId'];
const DATA_VIEWS = ['_Sent', '_Open', '_Click', '_Bounce', '_Unsubscribe', '_Complaint', '_Subscribers'];

/**
 * The emulator indexes only primary keys, so the segments' correlated subqueries (per-contact lookups in
 * event tables, the score-history self-join) scan whole tables per contact. Indexing the join columns
 * keeps the demo's runs fast at thousands of contacts; results are unchanged.
 */
export function indexJoinColumns(state: EmulatorState, dataExtensionKeys: string[]): number {
  let created = 0;
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  for (const key of [...DATA_VIEWS, ...dataExtensionKeys]) {
    const { tableName, fields } = state.target(key);
    const names = new Set(fields.map((f) => f.name));
    const sets = JOIN_COLUMNS.filter((c) => names.has(c)).map((c) =>
      // Time-series tables are read per key and date (latest snapshot, first one in a window).
      c === 'SubscriberKey' && names.has('SnapshotDate') ? [c, 'SnapshotDate'] : [c],
    );
    for (const cols of sets) {
      state.db.exec(
        `CREATE INDEX IF NOT EXISTS ${q(`demo_${tableName}_${cols.join('_')}`)} ON ${q(tableName)} (${cols.map(q).join(', ')})`,
      );
      created += 1;
    }
  }
  return created;
}
