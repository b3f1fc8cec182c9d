import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from 'citty';
import { afterEach, describe, expect, it, vi } from 'vitest';
import rowsCommand from '../../src/cli/commands/rows.ts';
import { createClient, type FieldInput } from '../../src/client/index.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';

const FIELDS: FieldInput[] = [
  { name: 'Id', type: 'Text', length: 18, isPrimaryKey: true, isRequired: true },
  { name: 'Name', type: 'Text', length: 40 },
  { name: 'Score', type: 'Number' },
  { name: 'Email', type: 'EmailAddress' },
];

let emulators: RunningEmulator[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await Promise.all(emulators.map((e) => e.close()));
  emulators = [];
});

async function emulator(prefix = '') {
  const emu = await startEmulator({ asyncDelayMs: 0, scheduleTickMs: 0, salesforce: false });
  emulators.push(emu);
  vi.stubEnv(`${prefix}SFMC_AUTH_URL`, emu.urls.auth);
  vi.stubEnv(`${prefix}SFMC_CLIENT_ID`, emu.credentials.clientId);
  vi.stubEnv(`${prefix}SFMC_CLIENT_SECRET`, emu.credentials.clientSecret);
  vi.stubEnv(`${prefix}SFMC_ACCOUNT_ID`, emu.credentials.accountId);
  const client = createClient({ authBaseUrl: emu.urls.auth, ...emu.credentials });
  return { emu, client };
}

async function rows(...rawArgs: string[]) {
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  try {
    const { result } = await runCommand(rowsCommand, { rawArgs: [...rawArgs, '--dir', '/nonexistent'] });
    return { code: result as number, out: out.join('\n') };
  } finally {
    vi.mocked(console.log).mockRestore();
  }
}

const people = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    Id: `P${String(i).padStart(5, '0')}`,
    Name: i % 3 === 0 ? `Doe, "J" ${i}\nsecond line` : `Name ${i}`,
    Score: String(i * 7),
    Email: `p${i}@example.com`,
  }));

describe('sfmc-kit rows', () => {
  it('exports a DE to CSV and JSON Lines, imports the CSV into a fresh DE, and the rows come back unchanged', async () => {
    const { client } = await emulator();
    await client.dataExtensions.create({ key: 'src', name: 'src', fields: FIELDS });
    await client.dataExtensions.create({ key: 'dst', name: 'dst', fields: FIELDS });
    await client.rows.upsert('src', people(60));
    const dir = await mkdtemp(join(tmpdir(), 'rows-cli-'));

    const csv = join(dir, 'src.csv');
    expect((await rows('export', 'src', '--out', csv)).code).toBe(0);
    const text = await readFile(csv, 'utf8');
    expect(text.split('\n')[0]).toBe('Id,Name,Score,Email');
    // A value with a comma, quotes and a newline is quoted, its quotes doubled.
    expect(text).toContain('P00000,"Doe, ""J"" 0\nsecond line",0,p0@example.com');

    const jsonl = join(dir, 'src.jsonl');
    expect((await rows('export', 'src', '--out', jsonl)).code).toBe(0);
    const lines = (await readFile(jsonl, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(60);
    expect(JSON.parse(lines[1])).toEqual({
      Id: 'P00001',
      Name: 'Name 1',
      Score: '7',
      Email: 'p1@example.com',
    });

    const imported = await rows('import', 'dst', csv, '--json', '--rejects', join(dir, 'rej.jsonl'));
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ written: 60, rejected: 0, read: 60 });

    const sorted = async (key: string) => {
      const all = [];
      for await (const r of client.rows.read(key)) all.push(r);
      return all.sort((a, b) => a.id.localeCompare(b.id));
    };
    expect(await sorted('dst')).toEqual(await sorted('src'));
    expect((await sorted('dst'))[0].name).toBe('Doe, "J" 0\nsecond line');
  });

  it('writes each row it refuses to the rejects file with its record number and reason, and exits 2', async () => {
    const { client } = await emulator();
    await client.dataExtensions.create({ key: 'dst', name: 'dst', fields: FIELDS });
    const dir = await mkdtemp(join(tmpdir(), 'rows-cli-'));
    const file = join(dir, 'in.jsonl');
    await writeFile(
      file,
      [
        '{"Id":"A1","Name":"ok","Score":"3"}',
        '{"Id":"","Name":"no key"}',
        '{"Id":"A3","Score":"many"}',
        'not json',
        '{"Id":"A5","Email":"nope"}',
        '{"Id":"A6","Colour":"red"}',
        `{"Id":"A7","Name":"${'x'.repeat(41)}"}`,
        '{"id":"A8","name":"lower-case names match"}',
      ].join('\n'),
    );
    const rej = join(dir, 'rejects.jsonl');
    const r = await rows('import', 'dst', file, '--rejects', rej);
    expect(r.code).toBe(2);
    expect(r.out).toContain('2 rows written, 6 rejected');
    const rejects = (await readFile(rej, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects.map((x) => [x.record, x.reason])).toEqual([
      [2, 'Id: primary key field is empty'],
      [3, 'Score: "many" is not a whole number'],
      [4, expect.stringMatching(/^not JSON/)],
      [5, 'Email: "nope" is not an e-mail address'],
      [6, 'column "Colour" is not a field of the data extension'],
      [7, `Name: "${'x'.repeat(41)}" is 41 characters, longer than its MaxLength 40`],
    ]);
    expect(rejects[0].row).toEqual({ Id: '', Name: 'no key' });
    expect(await client.rows.count('dst')).toBe(2);
  });

  it('reports rows SFMC itself refuses (insert of a key that exists) with their batch range', async () => {
    const { client } = await emulator();
    await client.dataExtensions.create({ key: 'dst', name: 'dst', fields: FIELDS });
    await client.rows.upsert('dst', [{ Id: 'B2', Name: 'already here' }]);
    const dir = await mkdtemp(join(tmpdir(), 'rows-cli-'));
    const file = join(dir, 'in.csv');
    await writeFile(file, 'Id,Name\nB1,one\nB2,two\nB3,three\n');
    const rej = join(dir, 'rejects.jsonl');
    const r = await rows('import', 'dst', file, '--mode', 'insert', '--rejects', rej, '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ written: 2, rejected: 1 });
    const [reject] = (await readFile(rej, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(reject).toMatchObject({ records: '1-3', requestId: expect.any(String) });
    expect(reject.reason).not.toBe('');
  });

  it('refuses to clear unattended without --yes; with --yes deletes every row', async () => {
    const { client } = await emulator();
    await client.dataExtensions.create({ key: 'dst', name: 'dst', fields: FIELDS });
    await client.rows.upsert('dst', people(1200));
    await expect(rows('clear', 'dst')).rejects.toThrow(
      /refusing to delete every row of "dst" unattended: pass --yes/,
    );
    expect(await client.rows.count('dst')).toBe(1200);
    const r = await rows('clear', 'dst', '--yes');
    expect(r.out).toContain('deleted 1200 rows of dst');
    expect(await client.rows.count('dst')).toBe(0);
    // A DE without a primary key clears too (ClearData needs no keys).
    await client.dataExtensions.create({ key: 'log', name: 'log', fields: [{ name: 'Line', type: 'Text' }] });
    await client.rows.insert('log', [{ Line: 'a' }, { Line: 'b' }]);
    expect((await rows('clear', 'log', '--yes')).out).toContain('deleted 2 rows of log');
    expect(await client.rows.count('log')).toBe(0);
  }, 60_000);

  it('import --clear-first replaces the rows; it too needs --yes when unattended', async () => {
    const { client } = await emulator();
    await client.dataExtensions.create({ key: 'dst', name: 'dst', fields: FIELDS });
    await client.rows.upsert('dst', [{ Id: 'OLD' }]);
    const dir = await mkdtemp(join(tmpdir(), 'rows-cli-'));
    const file = join(dir, 'in.csv');
    await writeFile(file, 'Id\nNEW\n');
    await expect(rows('import', 'dst', file, '--clear-first')).rejects.toThrow(/pass --yes/);
    expect((await rows('import', 'dst', file, '--clear-first', '--yes')).code).toBe(0);
    const ids = [];
    for await (const r of client.rows.read('dst')) ids.push(r.id);
    expect(ids).toEqual(['NEW']);
  });

  it('copies rows between two business units named by environment', async () => {
    const a = await emulator('QA_');
    const b = await emulator('PROD_');
    await a.client.dataExtensions.create({ key: 'de', name: 'de', fields: FIELDS });
    await b.client.dataExtensions.create({ key: 'de', name: 'de', fields: FIELDS });
    await a.client.rows.upsert('de', people(25));
    const r = await rows('copy', 'de', '--from-env', 'qa', '--to-env', 'prod', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ written: 25, rejected: 0 });
    expect(await b.client.rows.count('de')).toBe(25);
    expect(await a.client.rows.count('de')).toBe(25);
  });

  it('names a missing DE and bad flags', async () => {
    await emulator();
    await expect(rows('export', 'nope')).rejects.toThrow(/no data extension "nope" in the business unit/);
    await expect(rows('import', 'x', 'f.csv', '--mode', 'merge')).rejects.toThrow(
      /--mode must be upsert or insert/,
    );
    await expect(rows('shuffle', 'x')).rejects.toThrow(/unknown rows action "shuffle"/);
    await expect(rows('copy', 'x')).rejects.toThrow(/needs --from-env and --to-env/);
  });
});
