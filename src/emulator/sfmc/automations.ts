import type { EmuHandler } from '../http/types.ts';
import type { AutomationData } from '../run/runner.ts';
import type { StoredObject } from '../state/index.ts';
import { json, notFound, parseJson, restDate, restError, type SfmcContext } from './context.ts';
import { page } from './paging.ts';

const STATUS: Record<number, string> = {
  [-1]: 'Error',
  0: 'BuildingError',
  1: 'Building',
  2: 'Ready',
  3: 'Running',
  4: 'PausedSchedule',
  5: 'Stopped',
  6: 'Scheduled',
  7: 'AwaitingTrigger',
  8: 'InactiveTrigger',
};

type Body = Record<string, unknown>;

/** /automation/v1/automations plus the legacy schedule/pause endpoint. Schedules start paused, as in SFMC. */
export function createAutomationsHandler(ctx: SfmcContext): EmuHandler {
  const { state } = ctx;
  const view = (a: StoredObject<AutomationData>) => {
    const d = a.data;
    const running = ctx.isRunning(`automation:${a.objectId}`);
    const statusId = running ? 3 : d.schedule?.scheduleStatus === 'scheduled' ? 6 : d.statusId;
    const sched = d.startSource?.schedule as Body | undefined;
    return {
      id: a.objectId,
      legacyId: d.legacyId,
      name: a.name,
      description: d.description,
      key: a.customerKey,
      typeId: d.startSource?.typeId ?? 0,
      type:
        d.startSource?.typeId === 1 ? 'scheduled' : d.startSource?.typeId === 2 ? 'triggered' : 'unspecified',
      statusId,
      status: STATUS[statusId],
      categoryId: d.categoryId,
      lastSavedDate: d.lastSavedDate,
      createdDate: d.createdDate,
      ...(d.schedule && sched
        ? {
            schedule: {
              id: d.schedule.id,
              typeId: sched.scheduleTypeId,
              startDate: sched.startDate,
              endDate: sched.endDate,
              icalRecur: sched.icalRecur,
              timezoneId: sched.timezoneId,
              scheduleStatus: d.schedule.scheduleStatus,
            },
          }
        : {}),
      ...(d.lastRun ? { lastRunTime: d.lastRun.at, lastRunInstanceStatus: d.lastRun.status } : {}),
      steps: d.steps.map((s) => ({
        id: s.id,
        name: s.name,
        step: s.stepNumber + 1,
        activities: s.activities,
      })),
    };
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
  const scheduleOf = (body: Body, prev?: AutomationData['schedule']) => {
    const sched = (body.startSource as Body | undefined)?.schedule as Body | undefined;
    if (!sched) return prev;
    const start = String(sched.startDate ?? restDate(state.now())).replace(/([+-]\d{2}:\d{2}|Z)$/, '');
    return {
      id: prev?.id ?? crypto.randomUUID(),
      scheduleStatus: 'paused' as const,
      icalRecur: String(sched.icalRecur ?? ''),
      startDate: start,
    };
  };

  return (req) => {
    const legacy = /^\/legacy\/v1\/beta\/bulk\/automations\/automation\/definition\/?([^/]*)$/.exec(req.path);
    if (legacy) {
      const all = state.objects.list<AutomationData>('automation');
      if (req.method === 'GET' && legacy[1]) {
        const a = all.find((x) => x.data.legacyId === legacy[1]);
        if (!a) return notFound();
        return json(200, {
          id: a.data.legacyId,
          name: a.name,
          key: a.customerKey,
          scheduleObject: a.data.schedule ? { id: a.data.schedule.id } : null,
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
        schedule.nextRunAt = firstRunAt(schedule.startDate, state.now());
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
      const bad = checkActivities(steps);
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
      return json(200, view(a));
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
      const bad = checkActivities(steps);
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
      return json(200, view(next));
    }
    return notFound();
  };
}

function firstRunAt(startDate: string | undefined, now: Date): string {
  const start = startDate ? Date.parse(`${startDate}Z`) : now.getTime();
  return new Date(Number.isNaN(start) ? now.getTime() : start).toISOString().replace('Z', '');
}
