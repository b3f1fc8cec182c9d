import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createEmulatorHandler,
  type EmuHandler,
  type EmuRequest,
  type FaultRule,
  parseFaultSpec,
  startEmulator,
} from '../../src/emulator/index.ts';
import { type Session, session } from './helpers.ts';

let s: Session | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await s?.emu.close();
  s = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A GET for `core.dispatch`, with no network in between. */
const get = (path: string): EmuRequest => ({
  method: 'GET',
  path,
  query: new URLSearchParams(),
  headers: {},
  body: '',
});

/** A handler under /probe/ that stays busy `ms` and records the most requests it ever held at once. */
function inFlightProbe(ms: number): { handler: EmuHandler; most: () => number } {
  let now = 0;
  let most = 0;
  return {
    most: () => most,
    handler: async (req) => {
      if (!req.path.startsWith('/probe/')) return undefined;
      now++;
      most = Math.max(most, now);
      await new Promise((r) => setTimeout(r, ms));
      now--;
      return { status: 200, body: { path: req.path } };
    },
  };
}

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

  it('serves at most max matching requests at once, the latency counted inside the slot', async () => {
    // The probe stays busy a while, so without the limit all 8 requests would overlap in it.
    const probe = inFlightProbe(20);
    s = await session({
      faults: [
        { kind: 'concurrency', max: 2, route: '/probe/*' },
        { kind: 'latency', ms: 50, route: '/probe/*' },
      ],
      extraHandlers: [probe.handler],
    });
    const t0 = performance.now();
    const all = Array.from({ length: 8 }, (_, i) => fetch(`${s!.emu.urls.base}/probe/${i}`));
    // A route outside the limit is not queued behind the probes.
    const other = await s.rest('GET', '/automation/v1/queries');
    const otherMs = performance.now() - t0;
    const statuses = (await Promise.all(all)).map((r) => r.status);
    const elapsed = performance.now() - t0;
    expect(other.status).toBe(200);
    expect(statuses).toEqual(Array(8).fill(200));
    expect(probe.most()).toBe(2);
    // 4 rounds of 50 ms latency + 20 ms work; latency run outside the slot would make it ~130 ms.
    expect(elapsed).toBeGreaterThanOrEqual(270);
    expect(otherMs).toBeLessThan(elapsed - 100);
  });

  it("counts the handler's work inside an inclusive latency, and on top of a plain one", async () => {
    const busy: EmuHandler = async (req) => {
      if (!req.path.startsWith('/busy')) return undefined;
      const until = performance.now() + 60;
      while (performance.now() < until); // CPU work, as a row write would be
      return { status: 200, body: {} };
    };
    const timed = async (rule: FaultRule) => {
      const core = createEmulatorHandler({ scheduleTickMs: 0, extraHandlers: [busy], faults: [rule] });
      const t0 = performance.now();
      const out = await core.dispatch(get('/busy'));
      core.close();
      expect(out.kind).toBe('response');
      return performance.now() - t0;
    };
    const inclusive = await timed({ kind: 'latency', ms: 150, inclusive: true });
    const added = await timed({ kind: 'latency', ms: 150 });
    expect(inclusive).toBeGreaterThanOrEqual(149);
    expect(inclusive).toBeLessThan(205);
    expect(added).toBeGreaterThanOrEqual(209);
    // Work longer than the latency is not cut short.
    expect(await timed({ kind: 'latency', ms: 20, inclusive: true })).toBeGreaterThanOrEqual(59);
    expect(parseFaultSpec('latency,ms=50,inclusive')).toEqual({ kind: 'latency', ms: 50, inclusive: true });
  });

  it('queues first come, first served and frees the slot after faults and handler errors', async () => {
    const order: string[] = [];
    const probe: EmuHandler = async (req) => {
      if (!req.path.startsWith('/probe/')) return undefined;
      const name = req.path.slice('/probe/'.length);
      order.push(`>${name}`);
      try {
        if (name === 'boom') throw new Error('boom');
        // Later requests finish faster, so without the queue the ends would come out reversed.
        await new Promise((r) => setTimeout(r, name === 'a' ? 30 : name === 'b' ? 15 : 1));
        return { status: 200, body: {} };
      } finally {
        order.push(`<${name}`);
      }
    };
    const core = createEmulatorHandler({
      scheduleTickMs: 0,
      extraHandlers: [probe],
      faults: [
        { kind: 'concurrency', max: 1, route: '/probe/*' },
        { kind: 'status', status: 503, route: '/probe/503' },
        { kind: 'reset', route: '/probe/reset' },
      ],
    });
    try {
      const paths = ['/probe/a', '/probe/503', '/probe/b', '/probe/reset', '/probe/boom', '/probe/c'];
      const outcomes = paths.map((p) => core.dispatch(get(p)).catch((e: Error) => e.message));
      const settled = await Promise.all(outcomes);
      expect(order).toEqual(['>a', '<a', '>b', '<b', '>boom', '<boom', '>c', '<c']);
      expect(
        settled.map((o) => (typeof o === 'string' ? o : o.kind === 'reset' ? 'reset' : o.response.status)),
      ).toEqual([200, 503, 200, 'reset', 'boom', 200]);
    } finally {
      core.close();
    }
  });

  it('keeps a concurrency limit and its held slots when another rule is added mid-run', async () => {
    const probe = inFlightProbe(30);
    const core = createEmulatorHandler({
      scheduleTickMs: 0,
      extraHandlers: [probe.handler],
      faults: [{ kind: 'concurrency', max: 1, route: '/probe/*' }],
    });
    try {
      const first = core.dispatch(get('/probe/1'));
      core.faults.add({ kind: 'latency', ms: 1, route: '/other/*' });
      const second = core.dispatch(get('/probe/2'));
      await Promise.all([first, second]);
      expect(probe.most()).toBe(1);
    } finally {
      core.close();
    }
  });

  it('sets concurrency limits at runtime and refuses a limit without a positive max', async () => {
    s = await session();
    s.emu.faults.add({ kind: 'concurrency', max: 3, route: '/data/*' });
    expect(s.emu.faults.list()).toEqual([{ kind: 'concurrency', max: 3, route: '/data/*' }]);
    expect((await s.rest('GET', '/data/v1/customobjectdata/key/x/rowset')).status).toBe(404);
    expect(() => s!.emu.faults.set([{ kind: 'concurrency', max: 0 }])).toThrow(/max/);
    expect(() => s!.emu.faults.add({ kind: 'concurrency' })).toThrow(/max/);
    // A refused rule leaves the rules as they were.
    expect(s.emu.faults.list()).toHaveLength(1);
  });

  it('parses CLI fault specs', () => {
    expect(parseFaultSpec('429,route=/data/*,rate=0.2,retryAfter=2')).toEqual({
      kind: 'status',
      status: 429,
      route: '/data/*',
      rate: 0.2,
      retryAfter: 2,
    });
    expect(parseFaultSpec('concurrency,max=4,route=/data/*')).toEqual({
      kind: 'concurrency',
      max: 4,
      route: '/data/*',
    });
    expect(() => parseFaultSpec('concurrency,route=/data/*')).toThrow(/max/);
    expect(() => parseFaultSpec('concurrency,max=1.5')).toThrow(/max/);
    expect(() => parseFaultSpec('boom')).toThrow(/Unknown fault/);
    expect(() => parseFaultSpec('boom')).toThrow(/slow-async or concurrency/);
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
