import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFaultSpec, startEmulator } from '../../src/emulator/index.ts';
import { type Session, session } from './helpers.ts';

let s: Session | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await s?.emu.close();
  s = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('faults', () => {
  it('answers 429 with Retry-After, 503 and resets per route, set and cleared at runtime', async () => {
    s = await session();
    s.emu.faults.set([
      { kind: 'status', status: 429, retryAfter: 3, route: 'GET /automation/v1/queries*', times: 1 },
      { kind: 'status', status: 503, route: '/data/*' },
    ]);
    const limited = await s.rest('GET', '/automation/v1/queries');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await s.rest('GET', '/automation/v1/queries')).status).toBe(200);
    expect((await s.rest('GET', '/data/v1/customobjectdata/key/x/rowset')).status).toBe(503);
    s.emu.faults.set([{ kind: 'reset', route: '/automation/*' }]);
    await expect(s.rest('GET', '/automation/v1/queries')).rejects.toThrow();
    s.emu.faults.clear();
    expect((await s.rest('GET', '/automation/v1/queries')).status).toBe(200);
  });

  it('expires tokens on demand and applies a seeded rate', async () => {
    s = await session();
    s.emu.faults.set([{ kind: 'token-expired', route: '/automation/*', times: 1 }]);
    expect((await s.rest('GET', '/automation/v1/queries')).status).toBe(401);
    const first = await startEmulator({
      faultSeed: 42,
      faults: [{ kind: 'status', status: 500, rate: 0.5 }],
      scheduleTickMs: 0,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await fetch(`${first.urls.base}/nothing`)).status);
    await first.close();
    const hits = statuses.filter((x) => x === 500).length;
    expect(hits).toBeGreaterThan(3);
    expect(hits).toBeLessThan(17);
    // The same seed gives the same sequence.
    const again = await startEmulator({
      faultSeed: 42,
      faults: [{ kind: 'status', status: 500, rate: 0.5 }],
      scheduleTickMs: 0,
    });
    const replay: number[] = [];
    for (let i = 0; i < 20; i++) replay.push((await fetch(`${again.urls.base}/nothing`)).status);
    await again.close();
    expect(replay).toEqual(statuses);
  });

  it('slows async jobs', async () => {
    s = await session({ faults: [{ kind: 'slow-async', ms: 60_000 }] });
    s.emu.state.createDataExtension({ customerKey: 'k', name: 'k', fields: [{ name: 'A' }] });
    const r = await s.rest('POST', '/data/v1/async/dataextensions/key:k/rows', { items: [{ A: 'x' }] });
    const st = await s.rest('GET', `/data/v1/async/${r.body.requestId}/status`);
    expect(st.body.status.requestStatus).toBe('Pending');
  });

  it('parses CLI fault specs', () => {
    expect(parseFaultSpec('429,route=/data/*,rate=0.2,retryAfter=2')).toEqual({
      kind: 'status',
      status: 429,
      route: '/data/*',
      rate: 0.2,
      retryAfter: 2,
    });
    expect(() => parseFaultSpec('boom')).toThrow(/Unknown fault/);
  });
});

describe('persistence', () => {
  it('keeps DEs, rows and queries in the data file across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-'));
    dirs.push(dir);
    const dataFile = join(dir, 'state.db');
    const a = await startEmulator({ dataFile, scheduleTickMs: 0 });
    a.state.createDataExtension({
      customerKey: 'keep',
      name: 'Keep',
      fields: [{ name: 'Id', fieldType: 'Number', isPrimaryKey: true }],
    });
    a.state.insertRows('keep', [{ Id: 1 }, { Id: 2 }]);
    await a.close();
    const b = await startEmulator({ dataFile, scheduleTickMs: 0 });
    expect(b.state.readRows('keep')).toEqual([{ Id: 1 }, { Id: 2 }]);
    expect(b.state.folders.list().filter((f) => f.parentId === 0)).toHaveLength(7);
    await b.close();
  });
});

describe('sfmc-kit emulator command', () => {
  it('prints URLs and .env lines without echoing a user-supplied secret', async () => {
    const child = spawn(
      process.execPath,
      [
        'src/cli/main.ts',
        'emulator',
        '--port',
        '0',
        '--client-id',
        'my-id',
        '--client-secret',
        'very-secret-value-123',
      ],
      { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no output: ${out}`)), 15_000);
      child.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('Ctrl+C')) {
          clearTimeout(t);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const url = /SFMC_AUTH_URL=(\S+)/.exec(out)![1];
    expect(out).toContain('SFMC_CLIENT_ID=my-id');
    expect(out).toContain('SFMC_CLIENT_SECRET=<the value you passed>');
    expect(out).not.toContain('very-secret-value-123');
    const token = await fetch(`${url}v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 'my-id',
        client_secret: 'very-secret-value-123',
      }),
    });
    expect(token.status).toBe(200);
    child.removeAllListeners('exit');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
