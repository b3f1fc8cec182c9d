import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileProject } from '../../src/compiler/index.ts';
import { loadProject } from '../../src/definitions/load-project.ts';
import { applyPlan, desiredFromProject, hasChanges, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { derivedKey } from '../../src/measurement/names.ts';

const dir = path.join(import.meta.dirname, '../activation/fixtures/definitions');
let emu: RunningEmulator | undefined;
afterAll(() => emu?.close());

describe('measurement in the desired deploy model', () => {
  it('adds the history DE, snapshot and log DEs, their queries, and two steps after the segment step', async () => {
    const project = await loadProject(dir);
    const model = desiredFromProject(project, compileProject(project));
    // One automation per schedule (issue #12): the three daily segments share it, so measurement
    // appends its two steps after the segments' own step, once for all of them.
    expect(model.automations.map((a) => a.key)).toEqual(['act_refresh_daily_0600_UTC']);
    const auto = model.automations[0]!;
    expect(auto.steps).toEqual([
      ['query:act_ever-working', 'query:act_us-leads', 'query:act_working-leads'],
      [
        'query:act_ever-working_hist',
        'query:act_ever-working_eng',
        'query:act_us-leads_hist',
        'query:act_us-leads_log',
        'query:act_us-leads_eng',
        'query:act_working-leads_hist',
        'query:act_working-leads_log',
        'query:act_working-leads_eng',
      ],
      ['query:act_ever-working_snap', 'query:act_us-leads_snap', 'query:act_working-leads_snap'],
    ]);
    const history = model.queries.find((q) => q.key === 'act_working-leads_hist')!;
    expect(history).toMatchObject({ targetKey: 'act_Segment_History', updateType: 'Append' });
    expect(history.sql).toBe(
      "SELECT 'working-leads' AS [Segment], GETDATE() AS [RunTime], z.[Size], e.[Entered], x.[Exited] " +
        'FROM (SELECT COUNT(*) AS [Size] FROM [act_working-leads]) AS z ' +
        'CROSS JOIN (SELECT COUNT(*) AS [Entered] FROM [act_working-leads] AS m WHERE NOT EXISTS (SELECT 1 FROM [act_working-leads_Snapshot] AS p WHERE p.[Id] = m.[Id])) AS e ' +
        'CROSS JOIN (SELECT COUNT(*) AS [Exited] FROM [act_working-leads_Snapshot] AS p WHERE NOT EXISTS (SELECT 1 FROM [act_working-leads] AS m WHERE m.[Id] = p.[Id])) AS x',
    );
    const snap = model.dataExtensions.find((d) => d.key === 'act_working-leads_snap')!;
    expect(snap.fields).toEqual([{ name: 'Id', type: 'Text', length: 18, primaryKey: true, required: true }]);
    expect(
      model.dataExtensions.find((d) => d.key === 'act_Segment_History')!.fields.map((f) => f.name),
    ).toEqual(['Segment', 'RunTime', 'Size', 'Entered', 'Exited']);
  });

  it('adds nothing without the project setting', async () => {
    const project = await loadProject(dir);
    const off = { ...project, config: { ...project.config, measurement: undefined } };
    const model = desiredFromProject(off, compileProject(off));
    expect(model.queries.map((q) => q.key).sort()).toEqual([
      'act_ever-working',
      'act_us-leads',
      'act_working-leads',
    ]);
    expect(model.automations.every((a) => a.steps.length === 1)).toBe(true);
  });

  it('keeps derived keys within SFMC’s 36 characters', () => {
    expect(derivedKey('short', '_snap')).toBe('short_snap');
    const long = derivedKey('a_very_long_segment_target_key_abcdef', '_snap');
    expect(long).toHaveLength(36);
    expect(long.endsWith('_snap')).toBe(true);
    expect(long).not.toBe(derivedKey('a_very_long_segment_target_key_abcdeg', '_snap'));
  });

  it('deploys to the emulator, and the plan after the deploy is empty', { timeout: 120_000 }, async () => {
    emu = await startEmulator();
    const session = await openSession({ dir, sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials } });
    const { plan } = await planDeployment(session.port, session.desired, session.env);
    expect((await applyPlan(plan, session.port)).failed).toEqual([]);
    const again = await planDeployment(session.port, session.desired, session.env);
    expect(hasChanges(again.plan)).toBe(false);
  });
});
