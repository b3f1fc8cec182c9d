import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyPlan, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { nodePreloadSource } from '../../src/emulator/http/node-preload.ts';
import { createTlsFiles } from '../../src/emulator/http/tls.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { listen } from '../../src/emulator/server.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');
/** Any 28 characters: sfmc-sdk checks the auth_url's form, and the emulator answers every tenant. */
export const SUBDOMAIN = 'mcemulatortest00000000000000';
export const AUTH_URL = `https://${SUBDOMAIN}.auth.marketingcloudapis.com/`;

export interface TlsEmulator {
  emu: RunningEmulator;
  dir: string;
  /** Environment for a child Node process: trusts the certificate, sends SFMC hosts to the TLS front. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A fresh emulator with the kit's example project deployed (over plain HTTP, in process), plus a TLS
 * front on a free port for third-party tools, which reach it as *.marketingcloudapis.com through the
 * `sfmc-kit emulator --tls` preload (no hosts entry, no root for port 443).
 */
export async function tlsEmulatorWithExample(): Promise<TlsEmulator> {
  const emu = await startEmulator({ port: 0, asyncDelayMs: 0, scheduleTickMs: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'kit-third-party-'));
  const project = join(dir, 'project');
  cpSync(join(repoRoot, 'definitions'), project, { recursive: true });
  const s = await openSession({
    dir: project,
    env: 'dev',
    sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials },
  });
  const { plan } = await planDeployment(s.port, s.desired, s.env);
  const result = await applyPlan(plan, s.port, { concurrency: 4 });
  if (result.failed.length)
    throw new Error(`example deploy failed: ${result.failed.map((f) => String(f.error))}`);
  const tls = await createTlsFiles(join(dir, 'tls'));
  const front: Server = await listen(emu.core, 0, '127.0.0.1', tls);
  const port = (front.address() as AddressInfo).port;
  const preload = join(dir, 'tls', 'preload.cjs');
  writeFileSync(preload, nodePreloadSource(port));
  return {
    emu,
    dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      NODE_EXTRA_CA_CERTS: tls.certPath,
      NODE_OPTIONS: `--require=${preload}`,
      // Both tools print colours and progress otherwise; the tests read plain text.
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    },
    close: async () => {
      front.closeAllConnections();
      await new Promise<void>((r) => front.close(() => r()));
      await emu.close();
    },
  };
}

/** Runs a command without blocking this process (the emulator answers from it). */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}
