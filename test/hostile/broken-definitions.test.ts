import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { GOOD_RULE, kit, segmentYaml, smallProject } from './kit.ts';

// Dangerous #1 (issue 13): a segment that fails validation was left out of plan/deploy in silence, and
// its deployed automation, query and data extension were proposed for deletion (and deleted with
// --allow-destructive).
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, scheduleTickMs: 0 });
});
afterAll(() => emu.close());

describe('a definition error stops plan and deploy before they read the BU', () => {
  it(
    'a deployed segment made invalid: plan and deploy --allow-destructive exit 1 and delete nothing',
    { timeout: 240_000 },
    async () => {
      const { cwd, dir } = smallProject();
      const env = {
        SFMC_AUTH_URL: emu.urls.auth,
        SFMC_CLIENT_ID: emu.credentials.clientId,
        SFMC_CLIENT_SECRET: emu.credentials.clientSecret,
        SFMC_ACCOUNT_ID: emu.credentials.accountId,
      };
      const first = await kit(['deploy', '--yes', '--json'], { cwd, env });
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const deployed = JSON.parse(first.stdout) as { done: string[] };
      expect(deployed.done).toEqual(expect.arrayContaining([expect.stringMatching(/^create automation /)]));

      // A Date field compared to text: validate refuses it.
      const segment = path.join(dir, 'segments/women.yaml');
      writeFileSync(segment, segmentYaml("attribute: { field: BirthDate, equals: 'not a date' }"));
      const validate = await kit(['validate'], { cwd });
      expect(validate.code).toBe(1);

      const plan = await kit(['plan', '--json'], { cwd, env });
      expect(plan.code).toBe(1);
      expect(plan.stdout).toBe('');
      expect(plan.stderr).toContain('definitions/segments/women.yaml');
      expect(plan.stderr).not.toMatch(/delete/i);

      const deploy = await kit(['deploy', '--yes', '--allow-destructive', '--json'], { cwd, env });
      expect(deploy.code).toBe(1);
      expect(deploy.stdout).toBe('');
      expect(deploy.stderr).toContain('definitions/segments/women.yaml');

      // Nothing was deleted: with the segment fixed, the BU already matches the definitions.
      writeFileSync(segment, segmentYaml(GOOD_RULE));
      const after = await kit(['plan', '--json'], { cwd, env });
      expect(after.stderr).toBe('');
      expect(JSON.parse(after.stdout).changes).toEqual([]);
      expect(after.code).toBe(0);
    },
  );
});
