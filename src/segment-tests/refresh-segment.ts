import { randomUUID } from 'node:crypto';
import { type CompiledSegment, resolveFilterXml } from '../compiler/index.ts';
import { type FilterDefinitionData, runFilterActivity } from '../emulator/run/filter-run.ts';
import { runQueryDefinition, UPDATE_TYPES } from '../emulator/run/query-run.ts';
import type { EmulatorState } from '../emulator/state/index.ts';

/**
 * Refreshes one segment the way its deployed activity would run in the emulator: a query activity
 * with the segment's update type, or a filter activity (field IDs resolved as deploy resolves them).
 */
export function refreshSegment(state: EmulatorState, seg: CompiledSegment): number {
  if (seg.form === 'filter' && seg.filter) return runFilter(state, seg, seg.filter.sourceKey, seg.filter.xml);
  const stamp = state.nowText();
  return runQueryDefinition(state, {
    queryText: seg.sql,
    targetKey: seg.targetKey,
    targetUpdateTypeId: UPDATE_TYPES.indexOf(seg.updateType),
    description: seg.summary,
    categoryId: 0,
    createdDate: stamp,
    modifiedDate: stamp,
  });
}

function runFilter(state: EmulatorState, seg: CompiledSegment, sourceKey: string, xml: string): number {
  const source = state.dataExtensions.get(sourceKey);
  const dest = state.dataExtensions.get(seg.targetKey);
  if (!source || !dest)
    throw new Error(`filter segment ${seg.name}: source or target data extension missing`);
  const stamp = state.nowText();
  const definition = {
    objectId: randomUUID(),
    customerKey: seg.targetKey,
    name: seg.name,
    data: {
      description: seg.summary,
      categoryId: 0,
      derivedFromType: 2,
      derivedFromObjectId: source.objectId,
      filterDefinitionXml: resolveFilterXml(
        xml,
        Object.fromEntries(source.fields.map((f) => [f.name, f.objectId])),
        source.objectId,
      ),
      createdDate: stamp,
      lastUpdated: stamp,
    } satisfies FilterDefinitionData,
  };
  state.objects.put('filterDefinition', definition);
  return runFilterActivity(state, {
    description: seg.summary,
    categoryId: 0,
    filterDefinitionId: definition.objectId,
    sourceObjectId: source.objectId,
    destinationObjectId: dest.objectId,
    createdDate: stamp,
    modifiedDate: stamp,
  });
}
