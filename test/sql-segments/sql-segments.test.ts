import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from 'citty';
import { afterEach, describe, expect, it, vi } from 'vitest';
import validateCommand from '../../src/cli/commands/validate.ts';
import { createCatalog } from '../../src/compiler/index.ts';
import { applyPlan, planDeployment } from '../../src/deploy/index.ts';
import { openSession } from '../../src/deploy/session.ts';
import { loadProject } from '../../src/definitions/index.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { collectUses, impactOf } from '../../src/impact/index.ts';
import { runSegment } from '../../src/operate/index.ts';
import { checkSql } from '../../src/sql-segments/index.ts';
import { runCli } from '../support/run-cli.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await emu?.close();
  emu = undefined;
});

const SQL_OK = [
  'SELECT c.SubscriberKey, c.EmailAddress',
  'FROM Contacts c',
  "WHERE c.Country = 'US'",
  '  AND NOT EXISTS (SELECT 1 FROM [_Unsubscribe] u WHERE u.SubscriberKey = c.SubscriberKey)',
];

function project(sqlLines: string[], extra: Record<string, string> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'kit-sql-'));
  const dir = join(root, 'definitions');
  for (const d of ['data-extensions', 'segments', 'tests']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'sfmc-kit.yaml'), 'name: T\nkeyPrefix: t_\n');
  writeFileSync(
    join(dir, 'data-extensions', 'Contacts.yaml'),
    'name: Contacts\nfields:\n  - { name: SubscriberKey, type: Text, length: 18, primaryKey: true }\n  - { name: EmailAddress, type: EmailAddress }\n  - { name: Country, type: Text, length: 2 }\n',
  );
  writeFileSync(
    join(dir, 'data-extensions', 'US_Contacts.yaml'),
    'name: US_Contacts\nfields:\n  - { name: SubscriberKey, type: Text, length: 18, primaryKey: true }\n  - { name: EmailAddress, type: EmailAddress }\n',
  );
  writeFileSync(
    join(dir, 'segments', 'us-sql.yaml'),
    [
      'name: us-sql',
      'description: US contacts not unsubscribed',
      'membership: dynamic',
      'schedule: { frequency: daily, time: "06:00" }',
      'target: US_Contacts',
      'sql: |',
      ...sqlLines.map((l) => `  ${l}`),
      '',
    ].join('\n'),
  );
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(dir, file), text);
  return { root, dir };
}

describe('SQL segments', () => {
  it('a typo in a column is an offline error at its file:line:column, with a suggestion', () => {
    const typo = [...SQL_OK];
    typo[0] = 'SELECT c.SubscriberKey, c.EmailAdress AS EmailAddress';
    const { root } = project(typo);
    const r = runCli(root, ['validate']);
    expect(r.status).toBe(1);
    // Line 7 of the file is the SQL's first line; EmailAdress starts at SQL column 27, after the 2-space indent.
    expect(r.stdout).toContain(
      'definitions/segments/us-sql.yaml:7:29 error [unknown-field] Contacts has no field "EmailAdress"; did you mean EmailAddress?',
    );
  }, 90_000);

  it('checks tables, target fields, keys and SELECT * against the declared target', async () => {
    const { dir } = project(SQL_OK);
    const p = await loadProject(dir);
    const cat = createCatalog(p);
    const target = {
      name: 'US_Contacts',
      fields: [{ name: 'SubscriberKey', primaryKey: true }, { name: 'EmailAddress' }],
    };
    const codes = (sql: string) =>
      checkSql(sql, cat.table, target).findings.map((f) => `${f.code} ${f.line}:${f.column} ${f.message}`);
    expect(codes(SQL_OK.join('\n'))).toEqual([]);
    expect(codes('SELECT * FROM Contacts')).toEqual([
      'sql-star-narrower 1:8 SELECT * into the narrower target US_Contacts: it has no field "Country"; list the columns',
    ]);
    expect(codes('SELECT EmailAddress FROM Contacts')).toEqual([
      `target-key 1:1 the SELECT leaves out US_Contacts's primary key field "SubscriberKey"`,
    ]);
    expect(codes('SELECT SubscriberKey, Country FROM Contacts')).toEqual([
      'target-field 1:23 target US_Contacts has no field "Country"',
    ]);
    expect(codes('SELECT SubscriberKey, EmailAddress\nFROM Contactz')).toEqual([
      'unknown-data-extension 2:6 table "Contactz" is neither a declared data extension nor a data view',
    ]);
    expect(
      codes(
        'SELECT c.SubscriberKey, c.EmailAddress FROM Contacts c JOIN _Sent s ON s.SubscriberKey = c.SubscriberKey WHERE s.EventDat > GETDATE()',
      ),
    ).toEqual(['unknown-field 1:114 _Sent has no field "EventDat"; did you mean EventDate?']);
    expect(
      codes(
        'SELECT SubscriberKey, EmailAddress FROM Contacts c JOIN _Sent s ON s.SubscriberKey = c.SubscriberKey',
      )[0],
    ).toMatch(/^sql-ambiguous 1:8 ambiguous column name "SubscriberKey"/);
    expect(codes('SELECT SubscriberKey, EmailAddress FROM Contacts WHERE Country = @c')[0]).toMatch(
      /^sql-unsupported .*variables/,
    );
    expect(codes('DELETE FROM Contacts')[0]).toMatch(/^sql-unsupported .*DELETE is not allowed/);
    expect(codes('SELECT SubscriberKey, EmailAddress FROM Contacts WHERE')[0]).toMatch(/^sql-syntax 1:/);
    // A string holding SQL-looking text or a doubled quote is a string.
    expect(
      codes("SELECT SubscriberKey, EmailAddress FROM Contacts WHERE Country = 'it''s -- not a comment'"),
    ).toEqual([]);
  }, 90_000);

  it('deploys as a query activity into its target, runs on the emulator, and shows in impact', async () => {
    const { dir } = project(SQL_OK);
    emu = await startEmulator({ port: 0, salesforce: false, asyncDelayMs: 0, scheduleTickMs: 0 });
    const sfmc = { authBaseUrl: emu.urls.auth, ...emu.credentials };
    const s = await openSession({ dir, sfmc });
    const { plan } = await planDeployment(s.port, s.desired, s.env);
    expect(plan.changes.map((c) => `${c.kind} ${c.resource} ${c.key}`)).toEqual(
      expect.arrayContaining(['create query t_US_Contacts', 'create automation t_refresh_daily_0600_UTC']),
    );
    expect((await applyPlan(plan, s.port, { concurrency: 2 })).failed).toEqual([]);
    await s.client.rows.upsert('t_Contacts', [
      { SubscriberKey: 'a', EmailAddress: 'a@example.com', Country: 'US' },
      { SubscriberKey: 'b', EmailAddress: 'b@example.com', Country: 'FR' },
    ]);
    const again = await openSession({ dir, sfmc });
    expect((await planDeployment(again.port, again.desired, again.env)).plan.changes).toEqual([]);
    const r = await runSegment(again, 'us-sql', { pollIntervalMs: 50 });
    expect(r).toMatchObject({ rows: 1, targetKey: 't_US_Contacts' });

    const p = await loadProject(dir);
    const uses = collectUses(p);
    const country = impactOf(p, uses, 'Contacts', 'Country').entries.map(
      (e) => `${e.consumer.kind} ${e.consumer.name} ${e.line}`,
    );
    expect(country).toEqual(['sql-segment us-sql 9']);
  }, 90_000);

  it('runs in sfmc-kit test like any segment', () => {
    const { root } = project(SQL_OK, {
      'tests/us-sql.yaml': [
        'segment: us-sql',
        'cases:',
        '  - name: US and subscribed',
        '    given:',
        '      Contacts:',
        '        - { SubscriberKey: a, EmailAddress: a@example.com, Country: US }',
        '        - { SubscriberKey: b, EmailAddress: b@example.com, Country: US }',
        '        - { SubscriberKey: c, EmailAddress: c@example.com, Country: FR }',
        '      _Unsubscribe:',
        '        - { SubscriberKey: b, EventDate: "2024-01-01 00:00:00" }',
        '    expect:',
        '      members: [a]',
        '',
      ].join('\n'),
    });
    const r = runCli(root, ['test']);
    expect(r.stdout + r.stderr).toContain('us-sql');
    expect(r.status).toBe(0);
  }, 90_000);

  it('validate --remote sends the SQL to the query validate endpoint and reports its verdict at sql:', async () => {
    const { dir } = project(SQL_OK);
    emu = await startEmulator({ port: 0, salesforce: false });
    vi.stubEnv('SFMC_AUTH_URL', emu.urls.auth);
    vi.stubEnv('SFMC_CLIENT_ID', emu.credentials.clientId);
    vi.stubEnv('SFMC_CLIENT_SECRET', emu.credentials.clientSecret);
    vi.stubEnv('SFMC_ACCOUNT_ID', emu.credentials.accountId);
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    // Nothing deployed: SFMC (here the emulator) knows no table Contacts.
    await expect(runCommand(validateCommand, { rawArgs: ['--dir', dir, '--remote'] })).rejects.toThrow(
      /validation failed: 1 errors/,
    );
    expect(out.join('\n')).toMatch(/us-sql\.yaml:6:\d+ error \[sql-remote\] SFMC: /);
    out.length = 0;
    const s = await openSession({ dir, sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials } });
    expect(
      (await applyPlan((await planDeployment(s.port, s.desired, s.env)).plan, s.port, {})).failed,
    ).toEqual([]);
    const { result } = await runCommand(validateCommand, { rawArgs: ['--dir', dir, '--remote'] });
    expect(result).toBe(0);
  }, 90_000);
});
