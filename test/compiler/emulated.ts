/**
 * Runs compiled segments on node:sqlite through the emulator's T-SQL translator: tables for every data
 * extension, data view and segment target; dependencies refresh first and land in their targets.
 */
import { DatabaseSync } from 'node:sqlite';
import { type CompiledSegment, compileProject } from '../../src/compiler/index.ts';
import { DATA_VIEWS } from '../../src/definitions/data-views.ts';
import type { Project } from '../../src/definitions/project.ts';
import { registerTsqlFunctions, translateQuery } from '../../src/emulator/sql/index.ts';

type Row = Record<string, string | number | null>;

export interface Emulated {
  insert(table: string, rows: Row[]): void;
  /** Refreshes the segment (after its dependencies) and returns its audience keys, sorted. */
  members(name: string): string[];
  rows(table: string): Row[];
  clear(table: string): void;
  compiled: Map<string, CompiledSegment>;
}

export function emulate(project: Project, now: Date): Emulated {
  const db = new DatabaseSync(':memory:');
  registerTsqlFunctions(db, { now: () => now });
  const { segments, diagnostics } = compileProject(project);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`project does not compile: ${JSON.stringify(errors)}`);
  const compiled = new Map(segments.map((s) => [s.name, s]));
  const tables = new Map<string, { table: string; columns: string[] }>();
  const create = (name: string, columns: string[]) => {
    const table = `t${tables.size}`;
    db.exec(`CREATE TABLE "${table}" (${columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ')})`);
    tables.set(name.toLowerCase(), { table, columns });
  };
  for (const v of DATA_VIEWS)
    create(
      v.name,
      v.columns.map((c) => c.name),
    );
  for (const de of project.dataExtensions)
    create(
      de.name,
      de.fields.map((f) => f.name),
    );
  for (const s of segments) {
    if (!tables.has(s.target.name.toLowerCase()))
      create(
        s.target.name,
        s.target.fields.map((f) => f.name),
      );
  }
  const resolve = (name: string) => tables.get(name.toLowerCase());
  const insert = (name: string, rows: Row[]) => {
    const t = resolve(name);
    if (!t) throw new Error(`no table ${name}`);
    for (const row of rows) {
      const cols = Object.keys(row);
      db.prepare(
        `INSERT INTO "${t.table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      ).run(...cols.map((c) => row[c]));
    }
  };
  const done = new Set<string>();
  const refresh = (name: string): Row[] => {
    const seg = compiled.get(name)!;
    for (const d of seg.dependsOn) if (!done.has(d)) refresh(d);
    const { sql } = translateQuery(seg.sql, resolve);
    const result = db
      .prepare(sql)
      .all()
      .map((r) => ({ ...r }) as Row);
    const target = resolve(seg.target.name)!;
    const key = seg.target.fields.find((f) => f.primaryKey)!.name;
    if (seg.updateType === 'Overwrite') db.exec(`DELETE FROM "${target.table}"`);
    else {
      for (const r of result) db.prepare(`DELETE FROM "${target.table}" WHERE "${key}" = ?`).run(r[key]);
    }
    insert(seg.target.name, result);
    done.add(name);
    return result;
  };
  return {
    compiled,
    insert,
    members(name) {
      done.clear();
      const seg = compiled.get(name)!;
      const key = seg.target.fields.find((f) => f.primaryKey)!.name;
      return refresh(name)
        .map((r) => String(r[key]))
        .sort();
    },
    clear(table) {
      db.exec(`DELETE FROM "${resolve(table)!.table}"`);
    },
    rows(table) {
      return db
        .prepare(`SELECT * FROM "${resolve(table)!.table}"`)
        .all()
        .map((r) => ({ ...r }) as Row);
    },
  };
}
