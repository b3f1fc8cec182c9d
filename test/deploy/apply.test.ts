import { describe, expect, it } from 'vitest';
import { applyPlan, assertFresh } from '../../src/deploy/apply.ts';
import { diff } from '../../src/deploy/diff.ts';
import { emptyModel, type Model, normaliseField } from '../../src/deploy/model.ts';
import { makePlan } from '../../src/deploy/plan.ts';
import type { DeployPort } from '../../src/deploy/port.ts';

function fakePort() {
  const calls: string[] = [];
  const res = (kind: string) => ({
    create: async (d: { key?: string; path?: string }) =>
      void calls.push(`create ${kind} ${d.key ?? d.path}`),
    update: async (d: { key: string }) => void calls.push(`update ${kind} ${d.key}`),
    delete: async (l: { key: string }) => void calls.push(`delete ${kind} ${l.key}`),
  });
  const port: DeployPort = {
    readModel: async () => emptyModel(),
    rowCount: async () => 0,
    run: async (kind, key) => void calls.push(`run ${kind} ${key}`),
    resources: {
      folder: res('folder'),
      dataExtension: res('dataExtension'),
      filterDefinition: res('filterDefinition'),
      query: res('query'),
      filterActivity: res('filterActivity'),
      automation: res('automation'),
    } as unknown as DeployPort['resources'],
  };
  return { port, calls };
}

const fields = [normaliseField({ name: 'Id', type: 'Text', primaryKey: true })];
const desired: Model = {
  ...emptyModel(),
  folders: [{ contentType: 'dataextension', path: 'kit' }],
  dataExtensions: [{ key: 'kit_a', name: 'kit_a', folder: 'kit', fields }],
  queries: [
    {
      key: 'kit_a',
      name: 'a',
      folder: 'kit',
      sql: 'SELECT 1',
      targetKey: 'kit_a',
      updateType: 'Overwrite',
      runOnDeploy: true,
    },
  ],
  automations: [],
};
const live: Model = {
  ...emptyModel(),
  dataExtensions: [{ key: 'kit_old', name: 'kit_old', folder: 'kit', fields, managed: true, rowCount: 2 }],
  automations: [{ key: 'kit_old', name: 'old', folder: 'kit', steps: [], status: 'paused', managed: true }],
};

describe('applyPlan', () => {
  it('refuses destructive changes without allowDestructive, before any write', async () => {
    const { port, calls } = fakePort();
    const plan = makePlan(diff(desired, live), live, 'dev');
    await expect(applyPlan(plan, port)).rejects.toMatchObject({ code: 'FORBIDDEN_CHANGE' });
    expect(calls).toEqual([]);
  });

  it('deletes dependents first, then creates by level, then runs static segments', async () => {
    const { port, calls } = fakePort();
    const plan = makePlan(diff(desired, live), live, 'dev');
    const result = await applyPlan(plan, port, { allowDestructive: true, concurrency: 1 });
    expect(calls).toEqual([
      'delete automation kit_old',
      'delete dataExtension kit_old',
      'create folder kit',
      'create dataExtension kit_a',
      'create query kit_a',
      'run query kit_a',
    ]);
    expect(result.runs).toEqual(['query:kit_a']);
  });

  it('refuses a saved plan when the live state moved', () => {
    const plan = makePlan(diff(desired, live), live, 'dev');
    expect(() => assertFresh(plan, { ...live, dataExtensions: [] })).toThrow(
      expect.objectContaining({ code: 'PLAN_STALE' }),
    );
    expect(() => assertFresh(plan, JSON.parse(JSON.stringify(live)))).not.toThrow();
    expect(JSON.stringify(plan)).not.toMatch(/secret|token/i);
  });
});
