import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/sfmc-kit.js');

export interface KitRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the process had to be killed because it outlived `timeoutMs`. */
  timedOut: boolean;
  ms: number;
}

/**
 * The real CLI as a child process, with only PATH, HOME and the given variables, killed after
 * `timeoutMs` (so a CLI that never exits fails the test instead of hanging it).
 */
export function kit(
  args: string[],
  options: {
    cwd: string;
    env?: Record<string, string>;
    timeoutMs?: number;
    stdin?: string;
    /** `full`: standard output is /dev/full (every write fails with ENOSPC); `closed`: a pipe closed at once. */
    stdout?: 'full' | 'closed';
  } = { cwd: ROOT },
): Promise<KitRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env },
    stdio: ['pipe', options.stdout === 'full' ? openSync('/dev/full', 'w') : 'pipe', 'pipe'],
  });
  child.stdin!.end(options.stdin ?? '');
  if (options.stdout === 'closed') child.stdout?.destroy();
  const run: KitRun = { code: null, signal: null, stdout: '', stderr: '', timedOut: false, ms: 0 };
  if (options.stdout === undefined)
    child.stdout?.on('data', (d: Buffer) => {
      run.stdout += d;
    });
  child.stderr!.on('data', (d: Buffer) => {
    run.stderr += d;
  });
  const timer = setTimeout(() => {
    run.timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 60_000);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      run.code = code;
      run.signal = signal;
      run.ms = Date.now() - started;
      resolve(run);
    }),
  );
}

export const CONFIG = `name: Hostile
keyPrefix: h_
defaultEnvironment: dev
environments:
  dev:
    mid: 100000001
  prod:
    mid: 100000002
`;

export const CONTACTS = `name: Contacts
fields:
  - { name: SubscriberKey, type: Text, length: 18, primaryKey: true }
  - { name: EmailAddress, type: EmailAddress, length: 254, required: true }
  - { name: Gender, type: Text, length: 20 }
  - { name: BirthDate, type: Date }
`;

export const segmentYaml = (rule: string) => `name: women
membership: dynamic
schedule: { frequency: daily, time: "06:00" }
audience: Contacts
select: [EmailAddress]
rules:
  all:
    - ${rule}
`;

export const GOOD_RULE = 'attribute: { field: Gender, equals: female }';

/** A small project in a fresh temp directory: `<cwd>/definitions/…`. */
export function smallProject(files: Record<string, string> = {}): { cwd: string; dir: string } {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kit-hostile-'));
  const dir = path.join(cwd, 'definitions');
  const all: Record<string, string> = {
    'sfmc-kit.yaml': CONFIG,
    'data-extensions/Contacts.yaml': CONTACTS,
    'segments/women.yaml': segmentYaml(GOOD_RULE),
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { cwd, dir };
}

export function copyExamples(): { cwd: string; dir: string } {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kit-hostile-'));
  const dir = path.join(cwd, 'definitions');
  cpSync(path.join(ROOT, 'definitions'), dir, { recursive: true });
  return { cwd, dir };
}
