/**
 * The whole product in one run: target (emulator or business unit) → synthetic data (emulator) → deploy the
 * definitions → marketing rows → CRM syncs through jsforce → every segment in dependency order → sizes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Connection } from 'jsforce';
import type { SfmcClient } from '../client/index.ts';
import { type CompiledSegment, compileProject } from '../compiler/index.ts';
import type { SalesforceConfig } from '../config/index.ts';
import { dataExtensionKey, findDataExtension, type Project } from '../definitions/index.ts';
import { applyPlan, planDeployment } from '../deploy/index.ts';
import { type DeploySession, openSession } from '../deploy/session.ts';
import { refreshAutomations } from '../deploy/refresh-lookup.ts';
import type { RunningEmulator } from '../emulator/index.ts';
import {
  type Dataset,
  generateDataset,
  loadIntoSalesforce,
  loadIntoSfmc,
} from '../emulator/synthetic/index.ts';
import { KitError, redact } from '../errors/index.ts';
import { reportFromClient, renderReport } from '../report/index.ts';
import {
  connectSalesforce,
  createMemoryCheckpointStore,
  createSfmcSink,
  runSync,
  type SyncSpec,
} from '../sync/index.ts';
import { MARKETING_TABLES } from './marketing-rows.ts';
import type { DemoOptions, DemoSummary, DemoSyncResult } from './types.ts';

export const DEFAULT_DEMO_CONTACTS = 2000;
const CHUNK = 5000;
const SF_API_VERSION = '62.0';

export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  let calls = 0;
  const onRequest = options.target.kind === 'business-unit' ? () => void calls++ : undefined;
  let emu: RunningEmulator | undefined;
  try {
    let sfmc = options.target.kind === 'business-unit' ? options.target.sfmc : undefined;
    let salesforce = options.target.kind === 'business-unit' ? options.target.salesforce : undefined;
    let where = options.target.kind === 'business-unit' ? options.target.description : '';
    if (options.target.kind === 'emulator') {
      const { startEmulator } = await import('../emulator/index.ts');
      emu = await startEmulator({
        port: 0,
        asyncDelayMs: 0,
        scheduleTickMs: 0,
        // Counts every call the emulator serves (SFMC and Salesforce); never answers itself.
        extraHandlers: [async () => void calls++],
      });
      const sf = emu.credentials.salesforce;
      if (!sf || !emu.urls.salesforce) throw new Error('the emulator has no Salesforce org');
      sfmc = { authBaseUrl: emu.urls.auth, ...emu.credentials };
      salesforce = {
        loginUrl: emu.urls.salesforce,
        auth: 'password',
        apiVersion: SF_API_VERSION,
        ...sf,
      };
      where = `a fresh in-process emulator (${emu.urls.base})`;
    }
    if (!sfmc) throw new KitError('CONFIG_INVALID', 'no SFMC connection for the demo');
    log(`▸ target: ${where}`);

    const session = await openSession({ dir: options.dir, env: options.env, sfmc, onRequest });
    const compiled = compileProject(session.project);
    const summary: DemoSummary = {
      target: options.target.kind,
      where,
      env: session.env,
      deploy: { changes: 0, applied: 0 },
      syncs: [],
      segments: [],
      calls: 0,
      seconds: 0,
      completed: false,
    };

    const ds = emu ? loadSynthetic(emu, options, log) : undefined;
    if (ds) summary.dataset = ds.info;
    await settle();

    const { plan } = await planDeployment(session.port, session.desired, session.env);
    summary.deploy.changes = plan.changes.length;
    if (options.target.kind === 'business-unit') {
      const question = `Deploy ${plan.changes.length} change(s) to ${where}, run ${session.project.syncs.length} sync(s) and ${compiled.segments.length} segment(s)?`;
      if (!(await options.confirm?.(question))) {
        log('Cancelled; nothing was changed.');
        return finish(summary);
      }
    }
    log(`▸ deploying ${plan.changes.length} change(s) from ${options.dir} (environment ${session.env})`);
    const applied = await applyPlan(plan, session.port, { concurrency: 5 });
    if (applied.failed.length) {
      const first = applied.failed[0];
      throw new KitError(
        'API_ERROR',
        `deploy failed at ${first.change.resource} ${first.change.key}: ${redact(String((first.error as Error)?.message ?? first.error))}`,
        { hint: 'run `sfmc-kit plan` to see what differs, then `sfmc-kit deploy`' },
      );
    }
    summary.deploy.applied = applied.done.length;
    log(`  ${applied.done.length} change(s) applied`);

    if (emu && ds) {
      Object.assign(ds.info.rows, loadMarketingRows(emu, ds.dataset, session.project, log));
      await settle();
    }

    summary.syncs = await runSyncs(session, salesforce, log);

    log(`▸ running ${compiled.segments.length} segment(s) in dependency order`);
    const wait = emu ? (emu.core.idle as () => Promise<void>) : undefined;
    // One automation per schedule refreshes its segments in dependency order: each runs once.
    const refresh = await refreshAutomations(session.client, compiled.segments);
    const automations = new Map([...refresh].map(([name, a]) => [name, a.id]));
    const ran = new Set<string>();
    for (const seg of compiled.segments) await runSegment(session, seg, automations, ran, wait);

    for (const seg of compiled.segments) {
      const def = session.project.segments.find((s) => s.name === seg.name);
      summary.segments.push({
        name: seg.name,
        membership: def?.membership ?? 'dynamic',
        form: seg.form,
        targetKey: seg.targetKey,
        size: await session.client.rows.count(seg.targetKey),
      });
    }
    if (options.reportFile) {
      const data = await reportFromClient(session.project, session.client);
      await mkdir(path.dirname(path.resolve(options.reportFile)), { recursive: true });
      await writeFile(options.reportFile, renderReport(data));
      summary.report = options.reportFile;
      log(`▸ wrote the report of this run to ${options.reportFile}`);
    }
    summary.completed = true;
    return finish(summary);
  } finally {
    await emu?.close();
  }

  function finish(summary: DemoSummary): DemoSummary {
    summary.calls = calls;
    summary.seconds = Math.round((performance.now() - started) / 100) / 10;
    return summary;
  }
}

/**
 * Lets the event loop catch up after a long synchronous load into the in-process emulator. Its HTTP server
 * closes a connection idle for 5 s (keep-alive timeout); after a load that blocked longer, that close is
 * due, and a request sent before it runs reuses the closing socket and fails with "socket hang up" (seen
 * on the Salesforce login right after the marketing rows). A short timer runs after the due closes and the
 * clients have dropped those sockets.
 */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

/** Generates the dataset and writes the CRM records and SFMC data views straight into the emulator. */
function loadSynthetic(
  emu: RunningEmulator,
  options: DemoOptions,
  log: (line: string) => void,
): { info: NonNullable<DemoSummary['dataset']>; dataset: Dataset } {
  const contacts = options.contacts ?? DEFAULT_DEMO_CONTACTS;
  const seed = options.seed ?? 1;
  const ds = generateDataset({ seed, contacts, now: (options.now ?? (() => new Date()))() });
  log(`▸ generating synthetic data: ${contacts} contacts and ${ds.options.leads} leads (seed ${seed})`);
  if (!emu.salesforce) throw new Error('the emulator has no Salesforce org');
  const crm = loadIntoSalesforce(emu.salesforce.store, ds);
  log(`  Salesforce: ${describeCounts(crm)}`);
  const views = loadIntoSfmc(emu.state, ds);
  log(`  SFMC data views: ${describeCounts(views)}`);
  return { info: { seed, contacts, leads: ds.options.leads, rows: { ...crm, ...views } }, dataset: ds };
}

/** Contacts, web events, score history and open archive: what the definitions read besides the CRM. */
function loadMarketingRows(
  emu: RunningEmulator,
  ds: Dataset,
  project: Project,
  log: (line: string) => void,
): Record<string, number> {
  const loaded: Record<string, number> = {};
  for (const [name, rows] of MARKETING_TABLES) {
    const de = findDataExtension(project, name);
    if (!de) continue;
    const key = dataExtensionKey(project, de);
    let n = 0;
    let buf: Record<string, unknown>[] = [];
    for (const row of rows(ds)) {
      buf.push(row);
      if (buf.length >= CHUNK) {
        n += emu.state.insertRows(key, buf);
        buf = [];
      }
    }
    if (buf.length) n += emu.state.insertRows(key, buf);
    loaded[name] = n;
  }
  log(`▸ loaded marketing data: ${describeCounts(loaded)}`);
  return loaded;
}

async function runSyncs(
  session: DeploySession,
  salesforce: SalesforceConfig | undefined,
  log: (line: string) => void,
): Promise<DemoSyncResult[]> {
  const defs = session.project.syncs;
  if (!defs.length) return [];
  if (!salesforce) {
    log(`▸ skipping ${defs.length} sync(s): no Salesforce connection (set the SF_ variables in .env)`);
    return [];
  }
  log(`▸ syncing ${defs.length} Salesforce object(s) through jsforce`);
  const conn: Connection = await connectSalesforce(salesforce);
  const sink = createSfmcSink(session.client);
  const checkpoint = createMemoryCheckpointStore();
  const out: DemoSyncResult[] = [];
  for (const def of defs) {
    const de = findDataExtension(session.project, def.target);
    const spec: SyncSpec = {
      name: def.name,
      object: def.object,
      fields: def.fields,
      where: def.where,
      targetKey: de ? dataExtensionKey(session.project, de) : def.target,
      mode: def.mode,
      deletes: def.deletes,
      bulkThreshold: def.bulkThreshold,
    };
    const s = await runSync({ sync: spec, conn, target: sink, checkpoint, options: { concurrency: 4 } });
    log(
      `  ${s.sync}: ${s.object} → ${s.targetKey}: ${s.upserted} upserted, ${s.rejected} rejected (${s.method})`,
    );
    out.push({
      name: s.sync,
      object: s.object,
      targetKey: s.targetKey,
      upserted: s.upserted,
      rejected: s.rejected,
    });
  }
  return out;
}

/**
 * Scheduled segments run through their automation (what the schedule will do); static ones through their
 * activity. `wait` settles the emulator's background work; on a business unit we poll the automation.
 */
async function runSegment(
  session: DeploySession,
  seg: CompiledSegment,
  automations: Map<string, string>,
  ran: Set<string>,
  wait: (() => Promise<void>) | undefined,
): Promise<void> {
  if (!seg.schedule) {
    await session.port.run(seg.form === 'filter' ? 'filterActivity' : 'query', seg.targetKey);
    await wait?.();
    return;
  }
  const id = automations.get(seg.name);
  if (!id) throw new KitError('NOT_FOUND', `no automation refreshes segment ${seg.name} after deploy`);
  if (ran.has(id)) return;
  ran.add(id);
  await session.client.automations.runOnce(id);
  if (wait) await wait();
  else await pollUntilIdle(session.client, id);
}

/** A business unit runs automations in the background: wait until it is no longer Running. */
async function pollUntilIdle(client: SfmcClient, id: string, timeoutMs = 15 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let polls = 0; Date.now() < deadline; polls++) {
    await new Promise((r) => setTimeout(r, polls === 0 ? 2000 : 5000));
    const { status } = await client.automations.status(id);
    if (status !== 'Running' && (polls > 0 || status !== 'Ready')) return;
  }
  throw new KitError('API_ERROR', `automation ${id} still running after ${timeoutMs / 60_000} minutes`);
}

const describeCounts = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
    .join(', ');
