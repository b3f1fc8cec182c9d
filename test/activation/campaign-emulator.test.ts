import path from 'node:path';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsforceCampaignPort, renderCampaignPlan, runActivation } from '../../src/activation/index.ts';
import type { CampaignPort } from '../../src/activation/salesforce-port.ts';
import { compileProject } from '../../src/compiler/index.ts';
import { applyPlan, planDeployment } from '../../src/deploy/index.ts';
import { type DeploySession, openSession } from '../../src/deploy/session.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import { reportFromClient } from '../../src/report/build-report.ts';
import { renderReport } from '../../src/report/index.ts';
import { runSegmentsOnce } from '../../src/report/run-segments.ts';

const dir = path.join(import.meta.dirname, 'fixtures/definitions');
let emu: RunningEmulator;
let session: DeploySession;
let port: CampaignPort;
let leads: string[];
/** The emulator's clock: each refresh happens a day after the previous one. */
let clock = new Date('2026-03-01T06:00:00Z');

type Lead = { Status: string; Country: string };

/** Replaces the synced CRM_Lead rows in SFMC (what a CRM sync would leave there). */
function setLeads(rows: Lead[]) {
  emu.state.clearRows('act_CRM_Lead');
  emu.state.insertRows(
    'act_CRM_Lead',
    rows.map((r, i) => ({ Id: leads[i], Email: `l${i}@example.com`, ...r })),
  );
}

async function refresh() {
  clock = new Date(clock.getTime() + 86_400_000);
  await runSegmentsOnce(session.client, compileProject(session.project).segments, { pollIntervalMs: 10 });
}

async function activate(dryRun = false) {
  return runActivation({
    project: session.project,
    segments: compileProject(session.project).segments,
    client: session.client,
    campaigns: port,
    dryRun,
  });
}

/** CampaignMembers of the named campaign, straight from the emulated org: LeadId → Status. */
function campaignMembers(name: string): Record<string, string> {
  const db = emu.salesforce!.store.db;
  const rows = db
    .prepare(
      `SELECT m."LeadId" AS lead, m."Status" AS status FROM "sf_CampaignMember" m JOIN "sf_Campaign" c ON c."Id" = m."CampaignId"
       WHERE c."Name" = ? AND m."IsDeleted" = 0 ORDER BY m."LeadId"`,
    )
    .all(name) as Array<{ lead: string; status: string }>;
  return Object.fromEntries(rows.map((r) => [r.lead, r.status]));
}

function segmentMembers(key: string): string[] {
  return (
    emu.state.db.prepare(`SELECT "Id" FROM ${tableOf(key)} ORDER BY "Id"`).all() as Array<{ Id: string }>
  ).map((r) => r.Id);
}
/** History rows of one segment, oldest first: [size, entered, exited]. */
function history(segment: string): number[][] {
  const rows = emu.state.db
    .prepare(
      `SELECT "Size", "Entered", "Exited" FROM ${tableOf('act_Segment_History')} WHERE "Segment" = ? ORDER BY "RunTime"`,
    )
    .all(segment) as Array<{ Size: number; Entered: number; Exited: number }>;
  return rows.map((r) => [Number(r.Size), Number(r.Entered), Number(r.Exited)]);
}

function memberLog(key: string): string[] {
  return (
    emu.state.db
      .prepare(`SELECT "MemberKey", "Event" FROM ${tableOf(key)} ORDER BY "EventTime", "Event", "MemberKey"`)
      .all() as Array<{
      MemberKey: string;
      Event: string;
    }>
  ).map((r) => `${r.Event} ${leads.indexOf(r.MemberKey)}`);
}

const tableOf = (key: string) => `"${emu.state.dataExtensions.get(key)!.tableName}"`;
const ids = (...i: number[]) => i.map((n) => leads[n]).sort();

beforeAll(async () => {
  // No scheduler: each refresh is a run started here (the clock jumps a day, which would fire the schedule too).
  emu = await startEmulator({ now: () => clock, scheduleTickMs: 0 });
  leads = emu.salesforce!.store.insert(
    'Lead',
    Array.from({ length: 6 }, (_, i) => ({
      LastName: `L${i}`,
      Company: 'Acme',
      Status: 'Open - Not Contacted',
    })),
  );
  session = await openSession({ dir, sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials } });
  const { plan } = await planDeployment(session.port, session.desired, session.env);
  expect((await applyPlan(plan, session.port)).failed).toEqual([]);
  const sf = emu.credentials.salesforce!;
  const conn = new jsforce.Connection({ loginUrl: emu.urls.salesforce, version: '62.0' });
  await conn.login(sf.username, sf.password);
  port = jsforceCampaignPort(conn, { pollIntervalMs: 10 });
}, 120_000);
afterAll(() => emu?.close());

// Each refresh runs three automations over HTTP; on a loaded machine that takes longer than the default 20 s.
describe(
  'Salesforce Campaign activation on the emulator, over three refreshes with changing data',
  { timeout: 120_000 },
  () => {
    it('refresh 1: creates the campaigns and adds exactly the members', async () => {
      setLeads([
        { Status: 'Working', Country: 'US' },
        { Status: 'Working', Country: 'FR' },
        { Status: 'New', Country: 'US' },
        { Status: 'New', Country: 'US' },
        { Status: 'New', Country: 'DE' },
        { Status: 'Working', Country: 'DE' },
      ]);
      await refresh();
      const preview = await activate(true);
      expect(preview.campaigns).toEqual([]);
      const text = renderCampaignPlan(preview.plan);
      expect(text).toContain('working-leads → Salesforce Campaign Working Leads Nurture (created): +3 added');
      expect(text).toContain(
        'us-leads → Salesforce Campaign US Leads (created): +3 added, -0 removed, 0 status changes, 0 unchanged via Bulk API 2.0',
      );
      expect(campaignMembers('Working Leads Nurture')).toEqual({});

      const run = await activate();
      expect(run.rejects).toEqual([]);
      expect(segmentMembers('act_working-leads')).toEqual(ids(0, 1, 5));
      expect(Object.keys(campaignMembers('Working Leads Nurture'))).toEqual(
        segmentMembers('act_working-leads'),
      );
      expect(campaignMembers('US Leads')).toEqual(Object.fromEntries(ids(0, 2, 3).map((id) => [id, 'Sent'])));
      expect(Object.keys(campaignMembers('Ever Worked'))).toEqual(ids(0, 1, 5));
      const method = Object.fromEntries(
        run.campaigns.map((c) => [c.segment, [c.method, c.created, c.added]]),
      );
      expect(method).toEqual({
        'us-leads': ['bulk', true, 3],
        'working-leads': ['collections', true, 3],
        'ever-working': ['collections', true, 3],
      });
    });

    it('refresh 2: adds who entered and removes who left (dynamic), sets the exit status (onExit), keeps everyone (additive)', async () => {
      setLeads([
        { Status: 'New', Country: 'US' },
        { Status: 'Working', Country: 'FR' },
        { Status: 'Working', Country: 'US' },
        { Status: 'New', Country: 'FR' },
        { Status: 'New', Country: 'DE' },
        { Status: 'Working', Country: 'DE' },
      ]);
      await refresh();
      const run = await activate();
      expect(run.rejects).toEqual([]);
      expect(segmentMembers('act_working-leads')).toEqual(ids(1, 2, 5));
      expect(Object.keys(campaignMembers('Working Leads Nurture'))).toEqual(ids(1, 2, 5));
      expect(campaignMembers('US Leads')).toEqual({
        [leads[0]]: 'Sent',
        [leads[2]]: 'Sent',
        [leads[3]]: 'Left',
      });
      expect(Object.keys(campaignMembers('Ever Worked'))).toEqual(ids(0, 1, 2, 5));
      const by = Object.fromEntries(
        run.campaigns.map((c) => [c.segment, [c.added, c.removed, c.restatused]]),
      );
      expect(by).toEqual({ 'us-leads': [0, 0, 1], 'working-leads': [1, 1, 0], 'ever-working': [1, 0, 0] });
    });

    it('refresh 3: a member who comes back gets the member status again; the campaign matches the segment', async () => {
      setLeads([
        { Status: 'Working', Country: 'US' },
        { Status: 'New', Country: 'FR' },
        { Status: 'Working', Country: 'US' },
        { Status: 'Working', Country: 'US' },
        { Status: 'Working', Country: 'DE' },
        { Status: 'New', Country: 'DE' },
      ]);
      await refresh();
      await activate();
      expect(segmentMembers('act_working-leads')).toEqual(ids(0, 2, 3, 4));
      expect(Object.keys(campaignMembers('Working Leads Nurture'))).toEqual(ids(0, 2, 3, 4));
      expect(campaignMembers('US Leads')).toEqual(Object.fromEntries(ids(0, 2, 3).map((id) => [id, 'Sent'])));
      expect(Object.keys(campaignMembers('Ever Worked'))).toEqual(ids(0, 1, 2, 3, 4, 5));
    });

    it('an unchanged refresh writes nothing to Salesforce', async () => {
      await refresh();
      const before = { ...port.calls };
      const usage = emu.salesforce!.apiUsage();
      const run = await activate();
      expect(run.campaigns.map((c) => c.method)).toEqual(['none', 'none', 'none']);
      expect(port.calls.collections).toBe(before.collections);
      expect(port.calls.bulkJobs).toBe(before.bulkJobs);
      // Only reads: one Campaign lookup and one member query per segment.
      expect(emu.salesforce!.apiUsage() - usage).toBe(6);
      expect(renderCampaignPlan(run.plan)).toContain(
        '= working-leads → Salesforce Campaign Working Leads Nurture',
      );
    });
  },
);

describe('membership history in SFMC, computed by the automations themselves (same refreshes)', () => {
  it('holds one row per segment per refresh with the size and who entered and left', () => {
    expect(history('working-leads')).toEqual([
      [3, 3, 0],
      [3, 1, 1],
      [4, 3, 2],
      [4, 0, 0],
    ]);
    expect(history('us-leads')).toEqual([
      [3, 3, 0],
      [2, 0, 1],
      [3, 1, 0],
      [3, 0, 0],
    ]);
    expect(history('ever-working')).toEqual([
      [3, 3, 0],
      [4, 1, 0],
      [6, 2, 0],
      [6, 0, 0],
    ]);
  });

  it('appends an engagement row per refresh (no email sent in this org yet: zero counts)', () => {
    const rows = emu.state.db
      .prepare(
        `SELECT "Members", "Sent", "Clicked", "WindowDays" FROM ${tableOf('act_Segment_Engagement')} WHERE "Segment" = 'working-leads' ORDER BY "RunTime"`,
      )
      .all() as Array<Record<string, number>>;
    expect(
      rows.map((r) => [Number(r.Members), Number(r.Sent), Number(r.Clicked), Number(r.WindowDays)]),
    ).toEqual([
      [3, 0, 0, 30],
      [3, 0, 0, 30],
      [4, 0, 0, 30],
      [4, 0, 0, 30],
    ]);
  });

  it('logs each member entering and leaving a dynamic segment; the additive one keeps no log', () => {
    expect(memberLog('act_working-leads_log')).toEqual([
      'entered 0',
      'entered 1',
      'entered 5',
      'entered 2',
      'exited 0',
      'entered 0',
      'entered 3',
      'entered 4',
      'exited 1',
      'exited 5',
    ]);
    expect(emu.state.dataExtensions.get('act_ever-working_log')).toBeUndefined();
  });
});

describe('the report on the same business unit', () => {
  it('shows each segment’s size history, entered/exited and engagement over the four runs', async () => {
    const data = await reportFromClient(session.project, session.client);
    const t = Object.fromEntries(data.trends!.segments.map((s) => [s.segment, s]));
    expect(t['working-leads'].history.map((p) => [p.size, p.entered, p.exited])).toEqual(
      history('working-leads'),
    );
    expect(t['working-leads'].history.map((p) => p.runTime.slice(0, 10))).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
    ]);
    expect(t['us-leads']).toMatchObject({ size: 3, previousSize: 3, change: 0 });
    expect(t['ever-working'].engagement).toHaveLength(4);
    expect(data.trends!.flags).toEqual([]);
    const html = renderReport(data);
    expect(html.match(/<svg class="chart size"/g)).toHaveLength(3);
    expect(html.match(/<svg class="chart bars"/g)).toHaveLength(3);
  });
});
