import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDeployment } from '../../src/deploy/index.ts';
import {
  assertPlanTarget,
  type PlanArtifact,
  readPlanArtifact,
  serializeArtifact,
  toArtifact,
} from '../../src/deploy/plan-artifact.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { kit, smallProject } from './kit.ts';

// Dangerous #3 (issue 13): saved plans were applied unchecked (version 99, hand-edited SQL, a plan for
// dev applied to prod, null, {}, unknown change kinds or resources).
let emu: RunningEmulator;
let artifact: PlanArtifact;
const project = smallProject();
const BU = { host: 'emulator', mid: '100000001' };
beforeAll(async () => {
  emu = await startEmulator({ port: 0, scheduleTickMs: 0 });
  const s = await openSession({ dir: project.dir, sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials } });
  artifact = toArtifact((await planDeployment(s.port, s.desired, s.env)).plan, BU);
});
afterAll(() => emu.close());

const file = (name: string, text: string) => {
  const f = path.join(project.cwd, name);
  writeFileSync(f, text);
  return f;
};
const edited = (edit: (p: Record<string, any>) => unknown) => () => {
  const copy = JSON.parse(serializeArtifact(artifact));
  const out = edit(copy);
  return JSON.stringify(out === undefined ? copy : out);
};

describe('readPlanArtifact refuses anything but an intact plan of this version', () => {
  it('an intact plan reads back', () => {
    expect(readPlanArtifact(file('ok.json', serializeArtifact(artifact))).changes).toHaveLength(10);
  });

  it.each([
    ['version 99', edited((p) => void (p.version = 99)), /plan version 99 is not supported/],
    [
      'hand-edited SQL',
      edited((p) => {
        const q = p.changes.find((c: { resource: string }) => c.resource === 'query');
        q.desired.sql = 'SELECT 1 AS x';
      }),
      /do not match its integrity hash/,
    ],
    ['null', () => 'null', /expected a plan object, got null/],
    ['{}', () => '{}', /not an sfmc-kit plan/],
    ['an array', () => '[]', /expected a plan object, got an array/],
    ['truncated JSON', () => serializeArtifact(artifact).slice(0, 200), /not valid JSON/],
    [
      'an unknown change kind',
      edited((p) => void (p.changes[0].kind = 'drop')),
      /changes\.0\.kind: unknown change kind/,
    ],
    ['an unknown resource', edited((p) => void (p.changes[0].resource = 'journey')), /changes\.0\.resource/],
    ['a change without its key', edited((p) => void delete p.changes[0].key), /changes\.0\.key/],
    [
      'a delete marked not destructive',
      edited(
        (p) =>
          void (p.changes[0] = {
            ...p.changes[0],
            kind: 'delete',
            live: {},
            destructive: false,
            desired: undefined,
          }),
      ),
      /changes\.0/,
    ],
    ['no integrity hash', edited((p) => void delete p.integrity), /integrity/],
  ])('%s', (_name, text, reason) => {
    const f = file('bad.json', text());
    expect(() => readPlanArtifact(f)).toThrow(reason);
    expect(() => readPlanArtifact(f)).toThrow(f);
  });

  it('a missing file is named', () => {
    expect(() => readPlanArtifact(path.join(project.cwd, 'nope.json'))).toThrow(
      /nope\.json: cannot be read \(ENOENT\)/,
    );
  });

  it('a plan made for another environment or business unit is refused', () => {
    expect(() => assertPlanTarget('p.json', artifact, 'prod', BU)).toThrow(
      /p\.json: it was made for environment "dev", not "prod"/,
    );
    expect(() => assertPlanTarget('p.json', artifact, 'dev', { host: 'emulator', mid: '7' })).toThrow(
      /made for emulator MID 100000001, not emulator MID 7/,
    );
    expect(() => assertPlanTarget('p.json', artifact, 'dev', BU)).not.toThrow();
  });
});

describe('deploy --plan refuses a bad plan before the first write', () => {
  it(
    'other env, version 99 and edited SQL exit 1 naming the file; nothing is written; the intact plan applies',
    { timeout: 300_000 },
    async () => {
      const { cwd } = project;
      const env = {
        SFMC_AUTH_URL: emu.urls.auth,
        SFMC_CLIENT_ID: emu.credentials.clientId,
        SFMC_CLIENT_SECRET: emu.credentials.clientSecret,
        SFMC_ACCOUNT_ID: emu.credentials.accountId,
      };
      const made = await kit(['plan', '--env', 'dev', '--out', 'plan.json'], { cwd, env });
      expect(made.code).toBe(2);
      const saved = JSON.parse(readFileSync(path.join(cwd, 'plan.json'), 'utf8'));
      expect(saved).toMatchObject({
        format: 'sfmc-kit-plan',
        version: 1,
        env: 'dev',
        businessUnit: { mid: '100000001' },
      });

      const prod = await kit(['deploy', '--env', 'prod', '--plan', 'plan.json', '--yes'], { cwd, env });
      expect(prod.stderr).toMatch(/plan file plan\.json: it was made for environment "dev", not "prod"/);
      expect(prod.code).toBe(1);

      saved.version = 99;
      writeFileSync(path.join(cwd, 'v99.json'), JSON.stringify(saved));
      const v99 = await kit(['deploy', '--plan', 'v99.json', '--yes'], { cwd, env });
      expect(v99.stderr).toMatch(/plan file v99\.json: version: plan version 99 is not supported/);
      expect(v99.code).toBe(1);

      saved.version = 1;
      saved.changes.find((c: { resource: string }) => c.resource === 'query').desired.sql = 'SELECT 1 AS x';
      writeFileSync(path.join(cwd, 'sql.json'), JSON.stringify(saved));
      const sql = await kit(['deploy', '--plan', 'sql.json', '--yes'], { cwd, env });
      expect(sql.stderr).toMatch(/plan file sql\.json: its changes do not match its integrity hash/);
      expect(sql.code).toBe(1);

      // Nothing was written: the original plan is still fresh and applies.
      const ok = await kit(['deploy', '--plan', 'plan.json', '--yes', '--json'], { cwd, env });
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout).done).toHaveLength(10);
    },
  );
});
