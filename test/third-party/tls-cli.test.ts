import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_URL, repoRoot, run } from './harness.ts';

const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGTERM');
});

/** Starts `sfmc-kit emulator --tls` and resolves with its printed output once it is listening. */
function startCli(args: string[], cwd: string): Promise<string> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/sfmc-kit.js'), 'emulator', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Press Ctrl+C to stop.')) resolve(out);
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => reject(new Error(`emulator exited ${code}: ${err}${out}`)));
  });
}

describe('sfmc-kit emulator --tls', () => {
  it('serves HTTPS for SFMC host names; the printed NODE_EXTRA_CA_CERTS and preload let sfmc-sdk in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-tls-cli-'));
    const out = await startCli(['--tls', '--port', '0', '--tls-dir', join(dir, 'tls')], dir);
    const line = (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(out)?.[1];
    const ca = line('NODE_EXTRA_CA_CERTS');
    const options = line('NODE_OPTIONS');
    expect(ca).toBe(join(dir, 'tls', 'emulator-cert.pem'));
    expect(readFileSync(ca!, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(options).toBe(`--require=${join(dir, 'tls', 'sfmc-hosts-preload.cjs')}`);
    expect(existsSync(join(dir, 'tls', 'sfmc-hosts-preload.cjs'))).toBe(true);
    expect(out).toMatch(/^SFMC emulator listening on https:\/\/127\.0\.0\.1:\d+/m);
    expect(out).toContain('auth_url https://mcemulator000000000000000000.auth.marketingcloudapis.com/');

    const id = line('SFMC_CLIENT_ID')!;
    const secret = line('SFMC_CLIENT_SECRET')!;
    const mid = line('SFMC_ACCOUNT_ID')!;
    const env = { PATH: process.env.PATH ?? '', HOME: dir, NODE_EXTRA_CA_CERTS: ca!, NODE_OPTIONS: options! };
    const r = await run(
      process.execPath,
      [join(import.meta.dirname, 'sdk-script.mjs'), AUTH_URL, id, secret, mid],
      {
        cwd: dir,
        env,
      },
    );
    expect(r.stderr).toBe('');
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(res.auth.rest).toBe('https://mcemulatortest00000000000000.rest.marketingcloudapis.com/');
    expect(res.create.OverallStatus).toBe('OK');
    expect(res.retrieve.Results[0].CustomerKey).toBe('sdk_de');

    // Without the certificate a client refuses the connection: the TLS is real, not switched off.
    const untrusted = await run(
      process.execPath,
      [join(import.meta.dirname, 'sdk-script.mjs'), AUTH_URL, id, secret, mid],
      {
        cwd: dir,
        env: { ...env, NODE_EXTRA_CA_CERTS: '' },
      },
    );
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr + untrusted.stdout).toMatch(/self[- ]signed|certificate/i);
  }, 90_000);
});
