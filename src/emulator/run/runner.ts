import type { EmulatorState, StoredObject } from '../state/index.ts';
import {
  type FilterActivityData,
  runFilterActivity,
  selectFilterRows,
  writeFilterRows,
} from './filter-run.ts';
import { type QueryData, runQueryDefinition, selectQueryRows, writeQueryRows } from './query-run.ts';
import { utcToWallClock, wallClockToUtc } from './timezones.ts';

export interface AutomationActivity {
  id: string;
  name: string;
  objectTypeId: number;
  activityObjectId: string;
  displayOrder: number;
}

export interface AutomationData {
  description: string;
  categoryId: number;
  legacyId: string;
  statusId: number;
  createdDate: string;
  lastSavedDate: string;
  startSource?: { typeId: number; schedule?: Record<string, unknown> };
  schedule?: {
    id: string;
    scheduleStatus: 'paused' | 'scheduled';
    icalRecur?: string;
    startDate?: string;
    /** SFMC time zone of startDate's wall clock (see timezones.ts). */
    timezoneId?: number;
    nextRunAt?: string;
  };
  steps: Array<{ id: string; name: string; stepNumber: number; activities: AutomationActivity[] }>;
  lastRun?: { at: string; status: string; message?: string };
}

const FREQ_MS: Record<string, number> = {
  MINUTELY: 60_000,
  HOURLY: 3_600_000,
  DAILY: 86_400_000,
  WEEKLY: 604_800_000,
};

/** Runs query activities, filter activities and automations, and fires scheduled automations on `tick()`. */
export function createRunner(state: EmulatorState) {
  const stamp = () => state.now().toISOString().replace('Z', '');
  const runQuery = (objectId: string): number => {
    const q = state.objects.get<QueryData>('query', objectId);
    if (!q) throw new Error(`Query definition ${objectId} does not exist`);
    try {
      const rowCount = runQueryDefinition(state, q.data);
      state.objects.put('query', {
        ...q,
        data: { ...q.data, lastRun: { at: stamp(), status: 'Complete', rowCount } },
      });
      return rowCount;
    } catch (e) {
      state.objects.put('query', {
        ...q,
        data: {
          ...q.data,
          lastRun: { at: stamp(), status: 'Error', rowCount: 0, message: (e as Error).message },
        },
      });
      throw e;
    }
  };
  const runFilter = (objectId: string): number => {
    const fa = state.objects.get<FilterActivityData>('filterActivity', objectId);
    if (!fa) throw new Error(`Filter activity ${objectId} does not exist`);
    const rowCount = runFilterActivity(state, fa.data);
    state.objects.put('filterActivity', {
      ...fa,
      data: { ...fa.data, lastRun: { at: stamp(), status: 'Complete', rowCount } },
    });
    return rowCount;
  };
  /**
   * Activities that run at the same time: the activities of one step, and the same step of automations that a
   * schedule starts together. Query activities run READ UNCOMMITTED and an Overwrite empties its target before
   * it fills it (a filter activity always overwrites), so while they run, each one reads the others' Overwrite
   * targets empty: the worst case a real BU can show a concurrent reader. Its own target it reads as it was
   * (a funnel reads its previous stages). Then every result is written.
   */
  const runConcurrently = (acts: AutomationActivity[]): Map<string, string | undefined> => {
    type Job = {
      act: AutomationActivity;
      kind: 'query' | 'filterActivity';
      own?: string;
      overwrites: boolean;
      read?: () => unknown;
      write?: (r: unknown) => number;
    };
    const jobs: Job[] = [];
    const errors = new Map<string, string | undefined>();
    for (const act of acts) {
      if (act.objectTypeId === 300) {
        const q = state.objects.get<QueryData>('query', act.activityObjectId);
        const de = q ? state.dataExtensions.get(q.data.targetKey) : undefined;
        jobs.push({
          act,
          kind: 'query',
          own: de?.tableName,
          overwrites: q?.data.targetUpdateTypeId === 0,
          read: q ? () => selectQueryRows(state, q.data) : undefined,
          write: q
            ? (r) => writeQueryRows(state, q.data, r as ReturnType<typeof selectQueryRows>)
            : undefined,
        });
      } else if (act.objectTypeId === 303) {
        const fa = state.objects.get<FilterActivityData>('filterActivity', act.activityObjectId);
        const de = fa ? state.dataExtensions.getById(fa.data.destinationObjectId) : undefined;
        jobs.push({
          act,
          kind: 'filterActivity',
          own: de?.tableName,
          overwrites: true,
          read: fa ? () => selectFilterRows(state, fa.data) : undefined,
          write: fa ? (r) => writeFilterRows(state, r as ReturnType<typeof selectFilterRows>) : undefined,
        });
      }
    }
    const emptied = [...new Set(jobs.filter((j) => j.overwrites && j.own).map((j) => j.own!))];
    const results = jobs.map((j) => {
      if (!j.read) return { error: `${j.kind} ${j.act.activityObjectId} does not exist` };
      const hide = emptied.filter((t) => t !== j.own);
      try {
        if (!hide.length) return { rows: j.read() };
        state.db.exec('SAVEPOINT concurrent_read');
        try {
          for (const t of hide) state.db.exec(`DELETE FROM "${t.replace(/"/g, '""')}"`);
          return { rows: j.read() };
        } finally {
          state.db.exec('ROLLBACK TO concurrent_read');
          state.db.exec('RELEASE concurrent_read');
        }
      } catch (e) {
        return { error: (e as Error).message };
      }
    });
    jobs.forEach((j, i) => {
      const r = results[i];
      let status: 'Complete' | 'Error' = 'Complete';
      let rowCount = 0;
      let message: string | undefined;
      if ('error' in r) {
        status = 'Error';
        message = r.error;
      } else {
        try {
          rowCount = j.write!(r.rows);
        } catch (e) {
          status = 'Error';
          message = (e as Error).message;
        }
      }
      if (message) errors.set(j.act.activityObjectId, message);
      const obj = state.objects.get<{ lastRun?: unknown }>(j.kind, j.act.activityObjectId);
      if (obj)
        state.objects.put(j.kind, {
          ...obj,
          data: { ...obj.data, lastRun: { at: stamp(), status, rowCount, ...(message ? { message } : {}) } },
        });
    });
    return errors;
  };
  const stepsOf = (a: StoredObject<AutomationData>) =>
    [...a.data.steps]
      .sort((x, y) => x.stepNumber - y.stepNumber)
      .map((s) => [...s.activities].sort((x, y) => x.displayOrder - y.displayOrder));
  /** Automations started together run step by step side by side; one that fails stops at that step. */
  const runAutomations = (objectIds: string[]): void => {
    const autos = objectIds
      .map((id) => state.objects.get<AutomationData>('automation', id))
      .filter((a): a is StoredObject<AutomationData> => !!a);
    const failed = new Map<string, string>();
    const steps = autos.map(stepsOf);
    const depth = Math.max(0, ...steps.map((s) => s.length));
    for (let i = 0; i < depth; i++) {
      const batch = autos.flatMap((a, k) => (failed.has(a.objectId) ? [] : (steps[k][i] ?? [])));
      const errors = runConcurrently(batch);
      autos.forEach((a, k) => {
        const bad = (steps[k][i] ?? []).find((act) => errors.has(act.activityObjectId));
        if (bad && !failed.has(a.objectId))
          failed.set(a.objectId, errors.get(bad.activityObjectId) ?? 'Error');
      });
    }
    for (const a of autos) {
      const fresh = state.objects.get<AutomationData>('automation', a.objectId)!;
      const message = failed.get(a.objectId);
      state.objects.put('automation', {
        ...fresh,
        data: { ...fresh.data, lastRun: { at: stamp(), status: message ? 'Error' : 'Complete', message } },
      });
    }
  };
  const runAutomation = (objectId: string): void => {
    if (!state.objects.get<AutomationData>('automation', objectId))
      throw new Error(`Automation ${objectId} does not exist`);
    runAutomations([objectId]);
  };
  /** Runs every scheduled automation whose next run time has come (together), then moves each next run on. */
  const tick = (): string[] => {
    const now = state.now().getTime();
    const due = state.objects.list<AutomationData>('automation').filter((a) => {
      const s = a.data.schedule;
      return s?.scheduleStatus === 'scheduled' && !!s.nextRunAt && Date.parse(`${s.nextRunAt}Z`) <= now;
    });
    runAutomations(due.map((a) => a.objectId));
    for (const a of due) {
      const s = a.data.schedule!;
      const fresh = state.objects.get<AutomationData>('automation', a.objectId)!;
      const next = nextRun(s.icalRecur, Date.parse(`${s.nextRunAt}Z`), now, s.timezoneId);
      state.objects.put('automation', {
        ...fresh,
        data: {
          ...fresh.data,
          schedule: {
            ...fresh.data.schedule!,
            nextRunAt: next ? new Date(next).toISOString().replace('Z', '') : undefined,
          },
        },
      });
    }
    return due.map((a) => a.objectId);
  };
  return { runQuery, runFilterActivity: runFilter, runAutomation, tick };
}

/**
 * Next occurrence after `now` for FREQ=…;INTERVAL=n; undefined for COUNT=1 or past UNTIL. Days, weeks and
 * months step on the wall clock of the schedule's SFMC time zone, so a 06:00 Europe/Paris run stays at 06:00
 * across daylight saving (UTC 05:00 in winter, 04:00 in summer).
 */
export function nextRun(
  icalRecur: string | undefined,
  from: number,
  now: number,
  timezoneId?: number,
): number | undefined {
  const parts = Object.fromEntries(
    (icalRecur ?? 'FREQ=DAILY').split(';').map((p) => p.split('=') as [string, string]),
  );
  if (parts.COUNT === '1') return undefined;
  const interval = Number(parts.INTERVAL ?? 1) || 1;
  const toWall = (t: number) => (timezoneId === undefined ? t : utcToWallClock(t, timezoneId));
  const toUtc = (t: number) => (timezoneId === undefined ? t : wallClockToUtc(t, timezoneId));
  const until = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/.exec(parts.UNTIL ?? '');
  const limit = until
    ? Date.UTC(+until[1], +until[2] - 1, +until[3], +until[4], +until[5], +until[6])
    : Infinity;
  const approx = (FREQ_MS[parts.FREQ] ?? 30 * 86_400_000) * interval;
  // Steps of whole intervals; far behind `now`, many at once (the count from the approximate length).
  const step = (t: number): number => {
    const k = Math.max(1, Math.floor((now - t) / approx) - 1);
    if (parts.FREQ === 'MINUTELY' || parts.FREQ === 'HOURLY') return t + approx * k;
    const w = new Date(toWall(t));
    if (parts.FREQ === 'MONTHLY') w.setUTCMonth(w.getUTCMonth() + interval * k);
    else w.setUTCDate(w.getUTCDate() + (parts.FREQ === 'WEEKLY' ? 7 : 1) * interval * k);
    return toUtc(w.getTime());
  };
  let next = step(from);
  for (let i = 0; next <= now && i < 10_000; i++) next = step(next);
  return next > limit ? undefined : next;
}

export type Runner = ReturnType<typeof createRunner>;
