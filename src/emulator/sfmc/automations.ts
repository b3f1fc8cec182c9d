import type { EmuHandler } from '../http/types.ts';
import { type AutomationData, nextRun } from '../run/runner.ts';
import type { StoredObject } from '../state/index.ts';
import { json, notFound, parseJson, restDate, restError, type SfmcContext } from './context.ts';
import { page } from './paging.ts';
import { SFMC_TIMEZONES, wallClockToUtc } from '../run/timezones.ts';
import { AUTOMATION_STATUS } from './automation-status.ts';

type Body = Record<string, unknown>;

/** /automation/v1/automations plus the legacy schedule/pause endpoint. Schedules start paused, as in SFMC. */
export function createAutomationsHandler(ctx: SfmcContext): EmuHandler {
  const { state } = ctx;
  /**
   * GET /automation/v1/automations/{id}: no `legacyId` (no recorded get-response.json has one; only the
   * POST and PATCH answers do). A running schedule answers scheduleStatus "active" with statusId 6
   * (recorded 8f82c2a7-…/get-response.json); a paused one "paused" with statusId 4.
   */
  const view = (a: StoredObject<AutomationData>) => {
    const d = a.data;
    const running = ctx.isRunning(`automation:${a.objectId}`);
    const statusId = running ? 3 : d.schedule?.scheduleStatus === 'scheduled' ? 6 : d.statusId;
    const sched = d.startSource?.schedule as Body | undefined;
    const tz = SFMC_TIMEZONES[Number(sched?.timezoneId)];
    return {
      id: a.objectId,
      name: a.name,
      description: d.description,
      key: a.customerKey,
      typeId: d.startSource?.typeId ?? 0,
      type:
        d.startSource?.typeId === 1 ? 'scheduled' : d.startSource?.typeId === 2 ? 'triggered' : 'unspecified',
      statusId,
      status: AUTOMATION_STATUS[statusId],
      categoryId: d.categoryId,
      ...(d.lastRun ? { lastRunTime: d.lastRun.at } : {}),
      ...(d.schedule && sched
        ? {
            schedule: {
              id: d.schedule.id,
              typeId: sched.scheduleTypeId,
              startDate: d.schedule.startDate,
              endDate: String(sched.endDate ?? '2079-06-06T00:00:00').replace(/([+-]\d{2}:\d{2}|Z)$/, ''),
              icalRecur: d.schedule.icalRecur,
              timezoneName: tz?.[0],
              scheduleStatus: d.schedule.scheduleStatus === 'scheduled' ? 'active' : 'paused',
              timezoneId: sched.timezoneId,
            },
          }
        : { schedule: { scheduleStatus: 'none' } }),
      steps: d.steps.map((s) => ({
        id: s.id,
        name: s.name,
        step: s.stepNumber + 1,
        activities: s.activities,
      })),
    };
  };
  /** The upsert answers carry `legacyId` and the steps in the upsert shape (recorded post-/patch-response.json). */
  const upsertSteps = (d: AutomationData) =>
    d.steps.map((s) => ({ activities: s.activities, annotation: s.name, stepNumber: s.stepNumber }));
  const postView = (a: StoredObject<AutomationData>) => ({
    id: a.objectId,
    legacyId: a.data.legacyId,
    name: a.name,
    description: a.data.description,
    key: a.customerKey,
    categoryId: a.data.categoryId,
    statusId: a.data.statusId,
    lastSavedDate: a.data.lastSavedDate,
    createdDate: a.data.createdDate,
    updateInProgress: false,
    ...(a.data.startSource ? { startSource: a.data.startSource } : {}),
    steps: upsertSteps(a.data),
  });
  const patchView = (a: StoredObject<AutomationData>) => {
    const { id, ...rest } = view(a);
    return { legacyId: a.data.legacyId, ...rest, steps: upsertSteps(a.data), id };
  };
  const normaliseSteps = (steps: unknown) =>
    (Array.isArray(steps) ? (steps as Body[]) : []).map((s, i) => ({
      id: String(s.id ?? crypto.randomUUID()),
      name: String(s.annotation ?? s.name ?? ''),
      stepNumber: Number(s.stepNumber ?? (s.step !== undefined ? Number(s.step) - 1 : i)),
      activities: (Array.isArray(s.activities) ? (s.activities as Body[]) : []).map((a, j) => ({
        id: String(a.id ?? crypto.randomUUID()),
        name: String(a.name ?? ''),
        objectTypeId: Number(a.objectTypeId),
        activityObjectId: String(a.activityObjectId ?? ''),
        displayOrder: Number(a.displayOrder ?? j + 1),
      })),
    }));
  const checkActivities = (steps: AutomationData['steps']) => {
    for (const s of steps) {
      for (const a of s.activities) {
        const type = a.objectTypeId === 300 ? 'query' : a.objectTypeId === 303 ? 'filterActivity' : undefined;
        if (type && !state.objects.get(type, a.activityObjectId)) {
          return restError(
            400,
            10000,
            `Activity ${a.name || a.activityObjectId} (objectTypeId ${a.objectTypeId}) was not found.`,
          );
        }
      }
    }
    return undefined;
  };
  /**
   * SFMC refuses a schedule it cannot run: a timezoneId outside its list (names fail too: ../shared/reference/
   * SFMC-API.md "timezoneId is a numeric enum; names fail") or a scheduleTypeId that does not follow the FREQ
   * (sfmc-devtools Automation.definition.js scheduleTypeMapping). The message wording is the emulator's own.
   */
  const badSchedule = (body: Body) => {
    const sched = (body.startSource as Body | undefined)?.schedule as Body | undefined;
    if (!sched) return undefined;
    const tz = sched.timezoneId;
    if (typeof tz !== 'number' || !SFMC_TIMEZONES[tz])
      return restError(400, 10005, `timezoneId ${JSON.stringify(tz)} is not a valid time zone.`);
    const freq = /(?:^|;)FREQ=([A-Z]+)/i.exec(String(sched.icalRecur ?? ''))?.[1]?.toUpperCase();
    const expected = { MINUTELY: 1, HOURLY: 2, DAILY: 3, WEEKLY: 4, MONTHLY: 5 }[freq ?? ''];
    if (!expected) return restError(400, 10005, `icalRecur ${JSON.stringify(sched.icalRecur)} is not valid.`);
    if (sched.scheduleTypeId !== undefined && Number(sched.scheduleTypeId) !== expected)
      return restError(400, 10005, `scheduleTypeId ${sched.scheduleTypeId} does not match ${freq}.`);
    return undefined;
  };
  /** What SFMC keeps of the schedule: start without offset, UNTIL added from the end date (recorded answers). */
  const scheduleOf = (body: Body, prev?: AutomationData['schedule']) => {
    const sched = (body.startSource as Body | undefined)?.schedule as Body | undefined;
    if (!sched) return prev;
    const start = String(sched.startDate ?? restDate(state.now())).replace(/([+-]\d{2}:\d{2}|Z)$/, '');
    const end = String(sched.endDate ?? '2079-06-06T00:00:00').replace(/([+-]\d{2}:\d{2}|Z)$/, '');
    const until = `UNTIL=${end.replace(/[-:]/g, '').slice(0, 15)}`;
    const recur = String(sched.icalRecur ?? '')
      .split(';')
      .filter((p) => p && !/^UNTIL=/i.test(p));
    if (!recur.some((p) => /^COUNT=/i.test(p))) recur.splice(1, 0, until);
    return {
      id: prev?.id ?? crypto.randomUUID(),
      scheduleStatus: 'paused' as const,
      icalRecur: recur.join(';'),
      startDate: start,
      timezoneId: Number(sched.timezoneId),
    };
  };

  return (req) => {
    const legacy = /^\/legacy\/v1\/beta\/bulk\/automations\/automation\/definition\/?([^/]*)$/.exec(req.path);
    if (legacy) {
      const all = state.objects.list<AutomationData>('automation');
      if (req.method === 'GET' && legacy[1]) {
        const a = all.find((x) => x.data.legacyId === legacy[1]);
        if (!a) return notFound();
        // Shape: sfmc-devtools test/resources/…/automation/definition/NewRkpOcE9…/get-response.json.
        const s = a.data.schedule;
        return json(200, {
          guidId: a.objectId,
          id: a.data.legacyId,
          name: a.name,
          description: a.data.description,
          key: a.customerKey,
          lastSavedDate: a.data.lastSavedDate,
          createdDate: a.data.createdDate,
          updateInProgress: false,
          automationType: a.data.startSource?.typeId === 1 ? 'scheduled' : 'unspecified',
          ...(s
            ? {
                scheduleObject: {
                  id: s.id,
                  startDate: s.startDate,
                  iCalRecur: s.icalRecur,
                  timeZone: SFMC_TIMEZONES[s.timezoneId ?? -1]?.[0],
                  timeZoneId: s.timezoneId,
                  scheduleStatus: s.scheduleStatus,
                },
              }
            : {}),
        });
      }
      if (req.method !== 'POST') return notFound();
      const action = req.query.get('action');
      const parsed = parseJson(req);
      if (!parsed.ok) return parsed.response;
      const id = String((parsed.value as Body).id ?? '');
      const a = all.find((x) => x.data.legacyId === id);
      if (!a) return restError(400, 10000, `Automation ${id} was not found.`);
      if (!a.data.schedule) return restError(400, 10000, 'The automation has no schedule.');
      if (action !== 'schedule' && action !== 'pauseSchedule')
        return restError(400, 10005, `Unknown action ${action}.`);
      const schedule = { ...a.data.schedule };
      if (action === 'schedule') {
        schedule.scheduleStatus = 'scheduled';
        schedule.nextRunAt = firstRunAt(
          schedule.startDate,
          schedule.timezoneId,
          schedule.icalRecur,
          state.now(),
        );
      } else {
        schedule.scheduleStatus = 'paused';
        schedule.nextRunAt = undefined;
      }
      state.objects.put('automation', {
        ...a,
        data: { ...a.data, schedule, statusId: action === 'schedule' ? 6 : 4 },
      });
      return json(200, { id: a.data.legacyId });
    }
    const m = /^\/automation\/v1\/automations(?:\/([^/]+))?\/?$/.exec(req.path);
    if (!m) return undefined;
    if (!m[1]) {
      if (req.method === 'GET')
        return json(200, page(req, state.objects.list<AutomationData>('automation').map(view), 50, 500));
      if (req.method !== 'POST') return notFound();
      const parsed = parseJson(req);
      if (!parsed.ok) return parsed.response;
      const b = parsed.value as Body;
      if (!b.name) return restError(400, 10002, 'name is required.');
      const key = String(b.key || crypto.randomUUID());
      if (state.objects.getByKey('automation', key))
        return restError(400, 10000, `An automation with the key ${key} already exists.`);
      if (state.objects.getByName('automation', String(b.name)))
        return restError(400, 10000, `An automation with the name ${String(b.name)} already exists.`);
      const steps = normaliseSteps(b.steps);
      const bad = badSchedule(b) ?? checkActivities(steps);
      if (bad) return bad;
      const now = restDate(state.now());
      const a: StoredObject<AutomationData> = {
        objectId: crypto.randomUUID(),
        customerKey: key,
        name: String(b.name),
        data: {
          description: String(b.description ?? ''),
          categoryId: Number(b.categoryId ?? state.folders.rootOf('automations')!.id),
          legacyId: Buffer.from(crypto.randomUUID()).toString('base64url').slice(0, 40),
          statusId: b.startSource ? 4 : 2,
          createdDate: now,
          lastSavedDate: now,
          startSource: b.startSource as AutomationData['startSource'],
          schedule: scheduleOf(b),
          steps,
        },
      };
      state.objects.put('automation', a);
      return json(200, postView(a));
    }
    const a = state.objects.get<AutomationData>('automation', m[1]);
    if (!a) return notFound();
    if (req.method === 'GET') return json(200, view(a));
    if (req.method === 'DELETE') {
      state.objects.delete('automation', a.objectId);
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '"OK"' };
    }
    if (req.method === 'PATCH') {
      if (ctx.isRunning(`automation:${a.objectId}`))
        return restError(403, 20000, 'The automation cannot be updated while it is running.');
      const parsed = parseJson(req);
      if (!parsed.ok) return parsed.response;
      const b = parsed.value as Body;
      const steps = b.steps ? normaliseSteps(b.steps) : a.data.steps;
      const bad = badSchedule(b) ?? checkActivities(steps);
      if (bad) return bad;
      const next: StoredObject<AutomationData> = {
        ...a,
        name: String(b.name ?? a.name),
        data: {
          ...a.data,
          description: String(b.description ?? a.data.description),
          categoryId: Number(b.categoryId ?? a.data.categoryId),
          startSource: (b.startSource as AutomationData['startSource']) ?? a.data.startSource,
          schedule: scheduleOf(b, a.data.schedule),
          steps,
          lastSavedDate: restDate(state.now()),
        },
      };
      state.objects.put('automation', next);
      return json(200, patchView(next));
    }
    return notFound();
  };
}

/**
 * The first run at or after now: the schedule's start is a wall-clock time in its SFMC time zone (recorded
 * answers give startDate without offset next to timezoneId/timezoneName), moved on by the recurrence.
 */
function firstRunAt(
  startDate: string | undefined,
  timezoneId: number | undefined,
  icalRecur: string | undefined,
  now: Date,
): string {
  const wall = startDate ? Date.parse(`${startDate}Z`) : Number.NaN;
  if (Number.isNaN(wall)) return now.toISOString().replace('Z', '');
  let at = timezoneId === undefined ? wall : wallClockToUtc(wall, timezoneId);
  if (at < now.getTime()) at = nextRun(icalRecur, at, now.getTime() - 1, timezoneId) ?? at;
  return new Date(at).toISOString().replace('Z', '');
}
