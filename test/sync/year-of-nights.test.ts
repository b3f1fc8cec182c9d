import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import { createSalesforceEmulator, type SalesforceEmulator } from '../../src/emulator/salesforce/index.ts';
import {
  createMemoryCheckpointStore,
  createSfmcSink,
  runSync,
  type SyncSpec,
  type SyncSummary,
} from '../../src/sync/index.ts';
import { creds } from './fixture.ts';

/**
 * A year of nightly incremental syncs against the emulated org and SFMC: every night records change
 * (through jsforce's REST writes, as a user's org changes), leads are converted, users deactivated and
 * reactivated, records deleted — some while the sync is away for longer than the recycle bin keeps
 * them — and long text arrives. At the end, and at checkpoints along the way, every data extension is
 * read back from SFMC and compared with the org, row by row and field by field.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Deterministic pseudo-random numbers (mulberry32), so a failure replays. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYNCS: SyncSpec[] = [
  {
    name: 'leads',
    object: 'Lead',
    fields: ['LastName', 'Email', 'Status', 'Description', 'pi__score__c', 'IsConverted', 'CreatedDate'],
    where: 'IsConverted = false',
    targetKey: 'CRM_Lead',
    mode: 'incremental',
    deletes: 'flag',
  },
  {
    name: 'contacts',
    object: 'Contact',
    fields: ['LastName', 'Email', 'AccountId', 'Description', 'Birthdate', 'LastActivityDate'],
    targetKey: 'CRM_Contact',
    mode: 'incremental',
    deletes: 'remove',
    // An incremental window above one record goes through Bulk 2.0: most nights, the first run and the
    // reconciliation after the weeks away among them.
    bulkThreshold: 1,
  },
  {
    name: 'users',
    object: 'User',
    fields: ['Username', 'LastName', 'Email', 'IsActive'],
    where: 'IsActive = true',
    targetKey: 'CRM_User',
    mode: 'full',
    deletes: 'remove',
  },
];

/** A Salesforce value as an admin reads it in the DE: date-times in SFMC's CST wall clock. */
function expected(type: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return type === 'boolean' ? 'false' : null;
  if (type === 'boolean') return v === 1 || v === true ? 'true' : 'false';
  if (type === 'datetime') {
    return new Date(Date.parse(String(v)) - 6 * HOUR).toISOString().slice(0, 19).replace('T', ' ');
  }
  if (type === 'textarea') return String(v).slice(0, 4000);
  if (type === 'double' || type === 'currency' || type === 'int') return String(Number(v));
  return String(v);
}

/** A DE value in the same canonical text. */
function held(type: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return type === 'boolean' ? 'false' : null;
  if (type === 'boolean') return v === true || v === 1 || v === 'true' || v === 'True' ? 'true' : 'false';
  if (type === 'datetime') return String(v).replace('T', ' ').slice(0, 19);
  if (type === 'date') return String(v).slice(0, 10);
  if (type === 'double' || type === 'currency' || type === 'int') return String(Number(v));
  return String(v);
}

describe('a year of nightly incremental syncs', () => {
  let clock = new Date('2026-01-01T02:00:00Z');
  let base = '';
  let sf: SalesforceEmulator;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let conn: jsforce.Connection;

  beforeAll(async () => {
    emulator = await startEmulator({
      asyncDelayMs: 0,
      scheduleTickMs: 0,
      salesforce: false,
      now: () => clock,
      mountHandlers: (state) => {
        sf = createSalesforceEmulator(state.db, {
          ...creds,
          baseUrl: () => base,
          now: () => clock,
          recycleBinDays: 15,
          apiLimit: 5000,
          tokenTtlSeconds: 10 * 365 * 86_400,
        });
        return [sf.handler];
      },
    });
    base = emulator.urls.base;
    conn = new jsforce.Connection({
      oauth2: { clientId: creds.clientId, clientSecret: creds.clientSecret, loginUrl: base },
      loginUrl: base,
      version: '62.0',
    });
    await conn.login(creds.username, creds.password);
  });
  afterAll(async () => {
    await emulator?.close();
  });

  /** Every DE against the org: live rows equal field by field; a flag only where the record is gone. */
  function compare(night: number): void {
    for (const spec of SYNCS) {
      const obj = sf.store.object(spec.object)!;
      const types = new Map(obj.fields.map((f) => [f.name, f.type as string]));
      const fields = ['SystemModstamp', ...(spec.fields as string[])];
      const where = spec.where ? ` AND ${spec.where.replace('= false', '= 0').replace('= true', '= 1')}` : '';
      const org = sf.store.db
        .prepare(`SELECT * FROM "sf_${spec.object}" WHERE IsDeleted = 0${where}`)
        .all() as Array<Record<string, unknown>>;
      const rows = emulator.state.readRows(spec.targetKey) as Array<Record<string, unknown>>;
      const live = rows.filter((r) => !(spec.deletes === 'flag' && held('boolean', r.IsDeleted) === 'true'));
      const flagged = rows.filter((r) => spec.deletes === 'flag' && held('boolean', r.IsDeleted) === 'true');
      const byId = new Map(live.map((r) => [String(r.Id), r]));
      const orgIds = new Set(org.map((r) => String(r.Id)));
      const where_ = `night ${night}, ${spec.targetKey}`;
      expect(live.length, `${where_}: live rows`).toBe(org.length);
      for (const rec of org) {
        const row = byId.get(String(rec.Id));
        expect(row, `${where_}: row ${String(rec.Id)}`).toBeDefined();
        for (const f of fields) {
          const t = types.get(f)!;
          expect(held(t, row![f]), `${where_}: ${String(rec.Id)}.${f}`).toBe(expected(t, rec[f]));
        }
      }
      for (const r of flagged)
        expect(orgIds.has(String(r.Id)), `${where_}: flagged ${String(r.Id)}`).toBe(false);
    }
  }

  it('ends with every data extension equal to the org, row by row and field by field', async () => {
    const random = rng(20260101);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const liveIds = (object: string, extra = '') =>
      (
        sf.store.db
          .prepare(`SELECT Id FROM "sf_${object}" WHERE IsDeleted = 0${extra} ORDER BY Id`)
          .all() as Array<{ Id: string }>
      ).map((r) => r.Id);
    let n = 0;
    const lead = () => ({
      LastName: `Lead${++n}`,
      Company: `Co${n % 9}`,
      Email: `lead${n}@example.com`,
      Description: n % 17 === 0 ? 'long '.repeat(1200) : `note ${n}`,
      pi__score__c: n % 100,
    });
    sf.store.insert('Lead', Array.from({ length: 40 }, lead));
    sf.store.insert(
      'Contact',
      Array.from({ length: 40 }, (_, i) => ({
        LastName: `C${i}`,
        Email: `c${i}@example.com`,
        Birthdate: '1990-05-17',
      })),
    );
    sf.store.insert(
      'User',
      Array.from({ length: 8 }, (_, i) => ({
        Username: `u${i}@example.com`,
        LastName: `U${i}`,
        Email: `u${i}@example.com`,
        IsActive: true,
      })),
    );

    // The client keeps the emulated clock too, so its token is renewed when SFMC's clock says it expired.
    const client = createClient(
      { authBaseUrl: emulator.urls.auth, ...emulator.credentials },
      { now: () => clock.getTime() },
    );
    const target = createSfmcSink(client, { pollIntervalMs: 1 });
    const checkpoint = createMemoryCheckpointStore();
    const reasons: string[] = [];
    const totals = { reconciliations: 0, leftFilter: 0, deleted: 0, truncated: 0, bulk: 0, rejected: 0 };
    const away = new Set([
      120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139,
    ]);

    for (let night = 1; night <= 365; night++) {
      // The day's changes, at hours spread over the day.
      clock = new Date(clock.getTime() + 3 * HOUR);
      const leads = liveIds('Lead', ' AND IsConverted = 0');
      const contacts = liveIds('Contact');
      const users = liveIds('User');
      await conn.sobject('Lead').create(Array.from({ length: 1 + Math.floor(random() * 2) }, lead));
      await conn.sobject('Lead').update(
        Array.from({ length: 2 }, () => ({
          Id: pick(leads),
          Status: pick(['Working - Contacted', 'Open - Not Contacted']),
          Description:
            random() < 0.2 ? `essay ${'x'.repeat(4500 + Math.floor(random() * 500))}` : `n${night}`,
          pi__score__c: Math.floor(random() * 100),
        })),
      );
      clock = new Date(clock.getTime() + 4 * HOUR);
      if (night % 3 === 0 && leads.length > 10) sf.store.convertLead(pick(leads));
      // Deletes through jsforce's sObject Collections delete (one call, leads and contacts mixed).
      const doomed = [
        ...(night % 4 === 0 ? [pick(leads)] : []),
        ...(night % 5 === 0 && contacts.length > 5 ? [pick(contacts)] : []),
      ];
      if (doomed.length) await conn.sobject('Lead').destroy(doomed);
      // Other changes go straight into the org's tables (fewer calls: the year stays quick).
      sf.store.update('Contact', [
        { Id: pick(liveIds('Contact')), LastActivityDate: clock.toISOString().slice(0, 10) },
      ]);
      if (night % 7 === 0) {
        const u = pick(users);
        const [row] = sf.store.db.prepare('SELECT IsActive FROM sf_User WHERE Id = ?').all(u) as Array<{
          IsActive: number;
        }>;
        sf.store.update('User', [{ Id: u, IsActive: row.IsActive !== 1 }]);
      }
      // Evening changes, in CST's previous day by the time of the sync.
      clock = new Date(clock.getTime() + 16 * HOUR + Math.floor(random() * 50) * 60_000);
      if (night % 11 === 0)
        sf.store.insert('Contact', [{ LastName: `new${night}`, Description: 'd'.repeat(4100) }]);
      clock = new Date(clock.getTime() + HOUR);

      if (away.has(night)) continue;
      const summaries: SyncSummary[] = [];
      for (const spec of SYNCS) {
        summaries.push(
          await runSync({
            sync: spec,
            conn,
            target,
            checkpoint,
            options: { batchRows: 50, concurrency: 2, bulkPollIntervalMs: 1, now: () => clock },
          }),
        );
      }
      for (const s of summaries) {
        if (s.reconciliation && s.since) {
          totals.reconciliations += 1;
          reasons.push(`night ${night} ${s.sync}: ${s.reconciliation.reason}`);
        }
        totals.leftFilter += s.leftFilter;
        totals.deleted += s.deleted;
        totals.truncated += Object.values(s.truncated).reduce((a, b) => a + b, 0);
        totals.rejected += s.rejected;
        if (s.method === 'bulk') totals.bulk += 1;
      }
      // Back after twenty nights away, the delete log no longer reaches the watermark: the sync says so.
      if (night === 140) {
        expect(summaries[0].reconciliation?.reason).toMatch(/delete log for Lead starts at/);
        expect(summaries[1].reconciliation?.reason).toMatch(/delete log for Contact starts at/);
      }
      if (night % 61 === 0 || night === 140) compare(night);
    }
    compare(365);
    expect(totals.rejected).toBe(0);
    // The year exercised what it is meant to: conversions and deactivations, both delete paths, Bulk.
    expect(totals.leftFilter).toBeGreaterThan(50);
    expect(totals.deleted).toBeGreaterThan(50);
    expect(reasons).toEqual([
      expect.stringMatching(/^night 140 leads: Salesforce's delete log for Lead starts at/),
      expect.stringMatching(/^night 140 contacts: Salesforce's delete log for Contact starts at/),
    ]);
    expect(totals.truncated).toBeGreaterThan(20);
    expect(totals.bulk).toBeGreaterThan(50);
  }, 300_000);
});
