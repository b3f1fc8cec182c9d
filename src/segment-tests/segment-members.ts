import type { CompiledSegment } from '../compiler/index.ts';
import type { EmulatorState } from '../emulator/state/index.ts';

/** The segment's audience keys: its target's primary key (the key the audience travels by). */
export function membersOf(state: EmulatorState, seg: CompiledSegment): string[] {
  const key = (seg.target.fields.find((f) => f.primaryKey) ?? seg.target.fields[0]).name;
  return state
    .readRows(seg.targetKey)
    .map((r) => String(r[key]))
    .sort();
}

/** Every segment `seg` reads, directly or not, in compile (dependency) order, then `seg` itself. */
export function refreshOrder(
  seg: CompiledSegment,
  bySegment: Map<string, CompiledSegment>,
  order: CompiledSegment[],
): CompiledSegment[] | undefined {
  const needed = new Set<string>();
  const visit = (name: string): boolean => {
    if (needed.has(name)) return true;
    const s = bySegment.get(name);
    if (!s) return false;
    needed.add(name);
    return s.dependsOn.every(visit);
  };
  if (!visit(seg.name)) return undefined;
  return order.filter((s) => needed.has(s.name));
}
