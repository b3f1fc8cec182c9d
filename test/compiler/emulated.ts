/**
 * Test adapter over the product's segment-test emulation (src/segment-tests): one in-memory emulator
 * state holding the data extensions a deploy creates; rows go in through the emulator's row rules;
 * segments refresh (dependencies first) through the emulator's query and filter activity code paths.
 */
import { type CompiledSegment, compileProject } from '../../src/compiler/index.ts';
import type { Project } from '../../src/definitions/project.ts';
import { desiredFromProject } from '../../src/deploy/from-project.ts';
import { createCaseState, membersOf, refreshOrder, refreshSegment } from '../../src/segment-tests/index.ts';

type Row = Record<string, string | number | boolean | null>;

export interface Emulated {
  insert(table: string, rows: Row[]): void;
  /** Refreshes the segment (after its dependencies) and returns its audience keys, sorted. */
  members(name: string): string[];
  rows(table: string): Record<string, unknown>[];
  clear(table: string): void;
  compiled: Map<string, CompiledSegment>;
}

export function emulate(project: Project, now: Date): Emulated {
  const result = compileProject(project);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`project does not compile: ${JSON.stringify(errors)}`);
  const compiled = new Map(result.segments.map((s) => [s.name, s]));
  const dataExtensions = desiredFromProject(project, result).dataExtensions;
  const state = createCaseState(dataExtensions, now);
  const keyOf = (table: string) => {
    const key =
      state.dataViewName(table) ??
      dataExtensions.find((d) => d.name.toLowerCase() === table.toLowerCase())?.key;
    if (!key) throw new Error(`no table ${table}`);
    return key;
  };
  return {
    compiled,
    insert: (table, rows) => {
      state.insertRows(keyOf(table), rows);
    },
    members(name) {
      const seg = compiled.get(name);
      if (!seg) throw new Error(`no compiled segment ${name}`);
      for (const s of refreshOrder(seg, compiled, result.segments) ?? []) refreshSegment(state, s);
      return membersOf(state, seg);
    },
    clear: (table) => state.clearRows(keyOf(table)),
    rows: (table) => state.readRows(keyOf(table)),
  };
}
