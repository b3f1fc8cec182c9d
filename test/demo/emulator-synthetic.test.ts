/**
 * `sfmc-kit emulator --synthetic`: the demo's data in a standalone emulator, so plan, deploy, status and report
 * against it show something. Checked on a project of the user's own shape (init's starter), not the examples.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileProject } from '../../src/compiler/index.ts';
import { createSyntheticSeeding } from '../../src/demo/seed-emulator.ts';
import { applyPlan, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { scaffoldProject } from '../../src/init/index.ts';
import { runSegmentsOnce } from '../../src/report/run-segments.ts';
import { repoRoot } from '../support/run-cli.ts';

let dir: string | undefined;
let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('emulator --synthetic', () => {
  it('holds the CRM and email data at once, and fills a deployed Contacts with the columns it has', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kit-emu-synthetic-'));
    await scaffoldProject(dir);
    const seeding = createSyntheticSeeding({ contacts: 60 });
    emu = await startEmulator({
      port: 0,
      asyncDelayMs: 0,
      scheduleTickMs: 0,
      extraHandlers: [seeding.handler],
    });
    const loaded = seeding.load(emu);
    expect(loaded.Contact).toBe(60);
    expect(loaded.Lead).toBe(60);
    expect(loaded._Sent).toBeGreaterThan(0);
    expect(emu.salesforce?.store.count('Contact')).toBe(60);

    const session = await openSession({
      dir: path.join(dir, 'definitions'),
      sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials },
    });
    const { plan } = await planDeployment(session.port, session.desired, session.env);
    expect((await applyPlan(plan, session.port)).failed).toEqual([]);
    // The starter's Contacts has 7 of the synthetic profile's columns: each person's row, with those.
    const contactsKey = session.desired.dataExtensions.find((d) => d.name === 'Contacts')?.key as string;
    expect(await session.client.rows.count(contactsKey)).toBe(120);
    expect(seeding.filled.get('Contacts')).toBe(120);
    expect(seeding.skipped.size).toBe(0);

    const [segment] = compileProject(session.project).segments;
    await runSegmentsOnce(session.client, [segment], { pollIntervalMs: 10 });
    const members = await session.client.rows.count(segment.targetKey);
    const expected = [...seeding.dataset.people()].filter(
      (p) => p.city[2] === 'United States' && p.unsubscribeJob < 0,
    ).length;
    expect(expected).toBeGreaterThan(0);
    expect(members).toBe(expected);
  }, 60_000);

  it('the CLI says what it seeded, and refuses a bad --contacts', async () => {
    const bin = path.join(repoRoot, 'bin/sfmc-kit.js');
    const child = spawn(
      process.execPath,
      [bin, 'emulator', '--synthetic', '--contacts', '25', '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH ?? '', HOME: tmpdir() },
      },
    );
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('Press Ctrl+C')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    child.kill('SIGTERM');
    expect(out).toMatch(/synthetic data \(seed 1\): User \d+, Account \d+, Contact 25, Lead 25,/);
    expect(out).toContain('_Sent');

    const bad = spawn(process.execPath, [bin, 'emulator', '--synthetic', '--contacts', 'many'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    bad.stderr.on('data', (d) => {
      err += d;
    });
    const code = await new Promise((r) => bad.on('exit', r));
    expect(code).toBe(64);
    expect(err).toContain('--contacts must be a whole number');
  }, 60_000);
});
