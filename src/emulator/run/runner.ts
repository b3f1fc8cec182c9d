import type { EmulatorState } from '../state/index.ts';
import { type FilterActivityData, runFilterActivity } from './filter-run.ts';
import { type QueryData, runQueryDefinition } from './query-run.ts';

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
  const runAutomation = (objectId: string): void => {
    const a = state.objects.get<AutomationData>('automation', objectId);
    if (!a) throw new Error(`Automation ${objectId} does not exist`);
    let status = 'Complete';
    let message: string | undefined;
    try {
      for (const step of [...a.data.steps].sort((x, y) => x.stepNumber - y.stepNumber)) {
        for (const act of [...step.activities].sort((x, y) => x.displayOrder - y.displayOrder)) {
          if (act.objectTypeId === 300) runQuery(act.activityObjectId);
          else if (act.objectTypeId === 303) runFilter(act.activityObjectId);
        }
      }
    } catch (e) {
      status = 'Error';
      message = (e as Error).message;
    }
    const fresh = state.objects.get<AutomationData>('automation', objectId)!;
    state.objects.put('automation', {
      ...fresh,
      data: { ...fresh.data, lastRun: { at: stamp(), status, message } },
    });
  };
  /** Runs every scheduled automation whose next run time has come, then moves its next run on. */
  const tick = (): string[] => {
    const ran: string[] = [];
    const now = state.now().getTime();
    for (const a of state.objects.list<AutomationData>('automation')) {
      const s = a.data.schedule;
      if (s?.scheduleStatus !== 'scheduled' || !s.nextRunAt) continue;
      if (Date.parse(`${s.nextRunAt}Z`) > now) continue;
      runAutomation(a.objectId);
      ran.push(a.objectId);
      const fresh = state.objects.get<AutomationData>('automation', a.objectId)!;
      const next = nextRun(s.icalRecur, Date.parse(`${s.nextRunAt}Z`), now);
      state.objects.put('automation', {
        ...fresh,
        data: {
          ...fresh.data,
          schedule: { ...s, nextRunAt: next ? new Date(next).toISOString().replace('Z', '') : undefined },
        },
      });
    }
    return ran;
  };
  return { runQuery, runFilterActivity: runFilter, runAutomation, tick };
}

/** Next occurrence after `now` for FREQ=…;INTERVAL=n (MONTHLY approximated as 30 days); undefined for COUNT=1. */
export function nextRun(icalRecur: string | undefined, from: number, now: number): number | undefined {
  const parts = Object.fromEntries(
    (icalRecur ?? 'FREQ=DAILY').split(';').map((p) => p.split('=') as [string, string]),
  );
  if (parts.COUNT === '1') return undefined;
  const step = (FREQ_MS[parts.FREQ] ?? 30 * 86_400_000) * Number(parts.INTERVAL ?? 1);
  let next = from + step;
  while (next <= now) next += step;
  return next;
}

export type Runner = ReturnType<typeof createRunner>;
