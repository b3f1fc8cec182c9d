import { DatabaseSync } from 'node:sqlite';
import { registerTsqlFunctions, translateQuery } from '../../src/emulator/sql/index.ts';

/**
 * Fixed clock: this instant is 2024-06-15 12:00:00 in SFMC's CST (UTC-6, no daylight saving), so every
 * GETDATE() in these tests reads 2024-06-15 12:00:00 and GETUTCDATE() 18:00:00.
 */
export const NOW = new Date('2024-06-15T18:00:00Z');

type Row = Record<string, string | number | null>;

interface TableSpec {
  sqlite: string;
  columns: Record<string, 'TEXT' | 'INTEGER' | 'REAL'>;
}

/** Data views and DEs laid out with the emulator's storage conventions (dates TEXT UTC, booleans 0/1). */
const TABLES: Record<string, TableSpec> = {
  _Sent: { sqlite: 'dv_sent', columns: { SubscriberKey: 'TEXT', JobID: 'INTEGER', EventDate: 'TEXT' } },
  _Open: {
    sqlite: 'dv_open',
    columns: { SubscriberKey: 'TEXT', JobID: 'INTEGER', EventDate: 'TEXT', IsUnique: 'INTEGER' },
  },
  _Click: {
    sqlite: 'dv_click',
    columns: { SubscriberKey: 'TEXT', JobID: 'INTEGER', EventDate: 'TEXT', URL: 'TEXT', IsUnique: 'INTEGER' },
  },
  _Bounce: {
    sqlite: 'dv_bounce',
    columns: {
      SubscriberKey: 'TEXT',
      JobID: 'INTEGER',
      EventDate: 'TEXT',
      BounceCategoryID: 'INTEGER',
      BounceCategory: 'TEXT',
    },
  },
  _Unsubscribe: {
    sqlite: 'dv_unsub',
    columns: { SubscriberKey: 'TEXT', JobID: 'INTEGER', EventDate: 'TEXT' },
  },
  _Subscribers: {
    sqlite: 'dv_subscribers',
    columns: { SubscriberKey: 'TEXT', EmailAddress: 'TEXT', Status: 'TEXT', DateJoined: 'TEXT' },
  },
  Contacts: {
    sqlite: 'de_1',
    columns: {
      ContactKey: 'TEXT',
      Email: 'TEXT',
      FirstName: 'TEXT',
      LastName: 'TEXT',
      Region: 'TEXT',
      Score: 'INTEGER',
      Revenue: 'REAL',
      Active: 'INTEGER',
      CreatedDate: 'TEXT',
    },
  },
  'My DE': { sqlite: 'de_2', columns: { 'Email Address': 'TEXT', Region: 'TEXT' } },
};

export interface TestDb {
  db: DatabaseSync;
  resolved: string[];
  insert(table: keyof typeof TABLES, rows: Row[]): void;
  translate(tsql: string): { sql: string; outputColumns: string[] };
  /** Translate and run; rows come back as plain objects in SQLite's order. */
  run(tsql: string): Row[];
}

export function createTestDb(): TestDb {
  const db = new DatabaseSync(':memory:');
  registerTsqlFunctions(db, { now: () => NOW });
  for (const spec of Object.values(TABLES)) {
    const cols = Object.entries(spec.columns).map(([name, type]) => `"${name}" ${type}`);
    db.exec(`CREATE TABLE "${spec.sqlite}" (${cols.join(', ')})`);
  }
  const resolved: string[] = [];
  const byLowerName = new Map(Object.entries(TABLES).map(([name, spec]) => [name.toLowerCase(), spec]));
  const resolve = (name: string) => {
    resolved.push(name);
    const spec = byLowerName.get(name.toLowerCase());
    if (!spec) return undefined;
    const kinds = Object.entries(spec.columns).map(([name, type]) =>
      type !== 'TEXT' ? ('number' as const) : /Date$/.test(name) ? ('date' as const) : ('string' as const),
    );
    return { table: spec.sqlite, columns: Object.keys(spec.columns), kinds };
  };
  const translate = (tsql: string) => translateQuery(tsql, resolve);
  return {
    db,
    resolved,
    translate,
    insert(table, rows) {
      const spec = TABLES[table];
      const names = Object.keys(spec.columns);
      const stmt = db.prepare(
        `INSERT INTO "${spec.sqlite}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      );
      for (const row of rows) stmt.run(...names.map((n) => row[n] ?? null));
    },
    run(tsql) {
      const { sql } = translate(tsql);
      return db
        .prepare(sql)
        .all()
        .map((r) => ({ ...r }) as Row);
    },
  };
}

/** Sorts rows by their JSON form so tests can compare result sets whose order SQL leaves open. */
export function sorted(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
