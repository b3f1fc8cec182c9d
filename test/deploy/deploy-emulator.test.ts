import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../src/client/index.ts';
import { applyPlan, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';

let emu: RunningEmulator;
let dir: string;
const log: RequestLogEntry[] = [];
const isWrite = (e: RequestLogEntry) =>
  e.soapAction
    ? !['Retrieve', 'Describe'].includes(e.soapAction)
    : e.method !== 'GET' && !e.path.includes('/v2/token');

const session = () =>
  openSession({
    dir,
    env: 'dev',
    sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials },
    onRequest: (e) => log.push(e),
  });

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'kit-deploy-'));
  cpSync(join(import.meta.dirname, '../../definitions'), dir, { recursive: true });
});
afterAll(() => emu?.close());

describe('deploy over the emulator', () => {
  it('deploys the example from empty, then plans nothing and writes nothing', async () => {
    const s = await session();
    const { plan } = await planDeployment(s.port, s.desired, s.env);
    expect(plan.summary.create).toBeGreaterThan(10);
    expect(plan.conflicts).toEqual([]);
    const result = await applyPlan(plan, s.port, { concurrency: 4 });
    expect(result.failed.map((f) => String(f.error))).toEqual([]);
    expect(result.done.length).toBe(plan.changes.length);

    const again = await session();
    log.length = 0;
    const second = await planDeployment(again.port, again.desired, again.env);
    expect(
      second.plan.changes.map(
        (c) => `${c.kind} ${c.resource} ${c.key} ${'reasons' in c ? c.reasons.join('; ') : ''}`,
      ),
    ).toEqual([]);
    expect(log.filter(isWrite)).toEqual([]);
  });
});
