import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDemoTarget } from '../../src/demo/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DEFINITIONS = join(ROOT, 'definitions');
const SEGMENTS = readdirSync(join(DEFINITIONS, 'segments')).filter((f) => f.endsWith('.yaml')).length;

/** Runs the CLI in an empty directory (no .env), stdin not a terminal, with only the given variables. */
function runCli(args: string[], env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'sfmc-kit-demo-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin/sfmc-kit.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.on('close', (code) => done({ code, stdout, stderr })),
  );
}

describe('sfmc-kit demo', () => {
  it('with SFMC credentials, no terminal and no --yes: refuses and calls nothing', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const r = await runCli(['demo', '--dir', DEFINITIONS, '--contacts', '50'], {
        SFMC_CLIENT_ID: 'fake-client-id',
        SFMC_CLIENT_SECRET: 'fake-client-secret-value',
        SFMC_AUTH_URL: base,
        SF_LOGIN_URL: base,
        SF_USERNAME: 'someone@example.com',
        SF_PASSWORD: 'fake-password-value',
      });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/real business unit/);
      expect(r.stderr).toMatch(/--yes/);
      expect(r.stderr).toMatch(/--emulator/);
      expect(r.stdout).not.toMatch(/segment/);
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/fake-client-secret-value|fake-password-value/);
      expect(hits).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('without credentials: runs in the emulator and prints the summary as JSON', async () => {
    const r = await runCli(['demo', '--dir', DEFINITIONS, '--contacts', '40', '--seed', '3', '--json'], {});
    expect(r.stderr).toMatch(/▸ target: a fresh in-process emulator/);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      target: 'emulator',
      completed: true,
      dataset: { seed: 3, contacts: 40 },
    });
    expect(summary.segments).toHaveLength(SEGMENTS);
    expect(summary.syncs.map((s: { name: string }) => s.name).sort()).toEqual([
      'accounts',
      'contacts',
      'leads',
      'opportunities',
      'users',
    ]);
    expect(summary.segments.find((s: { name: string }) => s.name === 'lifecycle').size).toBe(80);
  }, 60_000);

  it('--emulator wins over credentials; --yes or a terminal selects the business unit', () => {
    const env = {
      SFMC_CLIENT_ID: 'id',
      SFMC_CLIENT_SECRET: 'secret',
      SFMC_SUBDOMAIN: 'mc123',
      SFMC_ACCOUNT_ID: '42',
    };
    expect(chooseDemoTarget({ env: {}, interactive: false }).target).toEqual({ kind: 'emulator' });
    expect(chooseDemoTarget({ env, emulator: true, interactive: false }).target).toEqual({
      kind: 'emulator',
    });
    const yes = chooseDemoTarget({ env, yes: true, interactive: false });
    expect(yes.mustConfirm).toBe(false);
    expect(yes.target).toMatchObject({
      kind: 'business-unit',
      description: expect.stringContaining('MID 42'),
    });
    expect(chooseDemoTarget({ env, interactive: true }).mustConfirm).toBe(true);
    expect(() => chooseDemoTarget({ env, interactive: false })).toThrow(/refusing without a confirmation/);
  });
});
