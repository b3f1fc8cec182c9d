import type { SfmcClient } from '../client/index.ts';
import { type Change, type DeployPort, type Model, planDeployment } from '../deploy/index.ts';
import { KitError } from '../errors/index.ts';

/** What the single-object operations need: plan's session (desired model, port, client). */
export interface OpsSession {
  desired: Model;
  port: DeployPort;
  client: SfmcClient;
  env: string;
}

interface Located {
  segment: string;
  kind: 'query' | 'filterActivity';
  key: string;
  targetKey: string;
  live: Model;
  /** Planned changes that touch this segment's objects (the guard refuses when there are any). */
  pending: Change[];
}

/**
 * Finds a segment's deployed activity the way plan sees it: reads the business unit, diffs it with the
 * definitions, and returns the changes that touch the segment's target, activity or automation.
 */
export async function locateSegment(s: OpsSession, name: string): Promise<Located> {
  const query = s.desired.queries.find((q) => q.name === name);
  const filter = s.desired.filterActivities.find((f) => f.name === name);
  if (!query && !filter) {
    throw new KitError('USAGE', `no segment "${name}" in the definitions`, {
      hint: `segments: ${[...s.desired.queries, ...s.desired.filterActivities].map((q) => q.name).join(', ') || 'none'}`,
    });
  }
  const kind = query ? 'query' : 'filterActivity';
  const key = (query ?? filter)!.key;
  const targetKey = query ? query.targetKey : filter!.destinationKey;
  const { plan, live } = await planDeployment(s.port, s.desired, s.env);
  const mine = new Set([key, targetKey].map((k) => k.toLowerCase()));
  const holding = holdingAutomation(live, kind, key);
  if (holding) mine.add(holding.key.toLowerCase());
  const pending = [...plan.changes, ...plan.conflicts, ...plan.refused].filter(
    (c) => mine.has(c.key.toLowerCase()) && !onlyPaused(c),
  );
  return { segment: name, kind, key, targetKey, live, pending };
}

/** A paused schedule is what pause makes: that difference alone does not block run, pause or resume. */
const onlyPaused = (c: Change) =>
  c.resource === 'automation' &&
  'reasons' in c &&
  c.reasons.length > 0 &&
  c.reasons.every((r) => /^schedule is \w+: activate/.test(r));

function holdingAutomation(live: Model, kind: 'query' | 'filterActivity', key: string) {
  const ref = `${kind}:${key}`.toLowerCase();
  return live.automations.find((a) => a.steps.some((step) => step.some((r) => r.toLowerCase() === ref)));
}

function refuseDrift(l: Located, verb: string): void {
  if (!l.pending.length) return;
  const what = l.pending.map((c) => `${c.kind} ${c.resource} ${c.key}`).join('; ');
  throw new KitError(
    'CONFLICT',
    `cannot ${verb} segment "${l.segment}": the business unit differs from the definitions (${what})`,
    {
      hint: 'run sfmc-kit plan to see the differences and sfmc-kit deploy to apply them first',
    },
  );
}

export interface RunResult {
  segment: string;
  activity: string;
  targetKey: string;
  rows: number;
  seconds: number;
}

/** Refreshes one segment now through its deployed activity, waits for it, and counts its members. */
export async function runSegment(
  s: OpsSession,
  name: string,
  options: { pollIntervalMs?: number; timeoutMs?: number; now?: () => number } = {},
): Promise<RunResult> {
  const now = options.now ?? Date.now;
  const l = await locateSegment(s, name);
  refuseDrift(l, 'run');
  const t0 = now();
  if (l.kind === 'query') {
    const id = l.live.queries.find((q) => q.key.toLowerCase() === l.key.toLowerCase())?.id;
    if (!id) throw new KitError('NOT_FOUND', `query activity "${l.key}" has no id in the business unit`);
    await s.client.queries.start(id);
    await s.client.queries.waitUntilDone(id, {
      pollIntervalMs: options.pollIntervalMs ?? 2000,
      timeoutMs: options.timeoutMs,
    });
  } else {
    // SOAP Perform start of a FilterActivity; the API offers no run status for filter activities, so
    // the count is read once Perform has answered.
    await s.port.run('filterActivity', l.key);
  }
  const rows = await s.client.rows.count(l.targetKey);
  return {
    segment: name,
    activity: `${l.kind}:${l.key}`,
    targetKey: l.targetKey,
    rows,
    seconds: (now() - t0) / 1000,
  };
}

export interface ScheduleResult {
  automation: string;
  /** Segments whose activities the automation runs. */
  segments: string[];
  action: 'paused' | 'resumed';
  before: string;
}

/**
 * Pauses or resumes the schedule of the automation holding a segment (or the automation named, by key or
 * name). Only automations sfmc-kit manages; refused while the definitions and the BU differ for it.
 */
export async function setSchedule(
  s: OpsSession,
  name: string,
  action: 'pause' | 'resume',
): Promise<ScheduleResult> {
  const isSegment = [...s.desired.queries, ...s.desired.filterActivities].some((q) => q.name === name);
  let live: Model;
  let automation;
  if (isSegment) {
    const l = await locateSegment(s, name);
    refuseDrift(l, action);
    live = l.live;
    automation = holdingAutomation(live, l.kind, l.key);
    if (!automation)
      throw new KitError('USAGE', `segment "${name}" has no automation: it is static (ran once at deploy)`);
  } else {
    const planned = await planDeployment(s.port, s.desired, s.env);
    live = planned.live;
    const lower = name.toLowerCase();
    automation = live.automations.find(
      (a) => a.key.toLowerCase() === lower || a.name.toLowerCase() === lower,
    );
    if (!automation)
      throw new KitError('USAGE', `"${name}" is neither a segment nor an automation in the business unit`);
    const pending = [...planned.plan.changes, ...planned.plan.conflicts].filter(
      (c) => c.key.toLowerCase() === automation!.key.toLowerCase() && !onlyPaused(c),
    );
    if (pending.length)
      throw new KitError(
        'CONFLICT',
        `cannot ${action} automation "${automation.key}": it differs from the definitions`,
        {
          hint: 'run sfmc-kit plan / deploy first',
        },
      );
  }
  if (!automation.managed) {
    throw new KitError(
      'CONFLICT',
      `automation "${automation.key}" is not managed by sfmc-kit; it is left alone`,
    );
  }
  if (!automation.id) throw new KitError('NOT_FOUND', `automation "${automation.key}" has no id`);
  // No legacyId at hand here (a GET never has it): the client finds it by key.
  if (action === 'pause') await s.client.automations.pause({ key: automation.key });
  else await s.client.automations.activate({ key: automation.key });
  const refs = new Set(automation.steps.flat().map((r) => r.toLowerCase()));
  const segments = [
    ...s.desired.queries.filter((q) => refs.has(`query:${q.key}`.toLowerCase())),
    ...s.desired.filterActivities.filter((f) => refs.has(`filteractivity:${f.key}`.toLowerCase())),
  ].map((q) => q.name);
  return {
    automation: automation.key,
    segments,
    action: action === 'pause' ? 'paused' : 'resumed',
    before: automation.status,
  };
}
