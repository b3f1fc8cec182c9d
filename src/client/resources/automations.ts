import { KitError } from '../../errors/index.ts';
import { paginate } from '../rest/paginate.ts';
import type { RestClient } from '../rest/rest-client.ts';
import { str } from '../soap/parse.ts';
import type { SoapClient } from '../soap/soap-client.ts';

/** objectTypeId per activity kind (sfmc-devtools Automation definitions). */
export const ACTIVITY_TYPE_IDS = {
  query: 300,
  filter: 303,
  script: 423,
  import: 43,
  dataExtract: 73,
  fileTransfer: 53,
  emailSend: 42,
  wait: 467,
  verification: 1000,
} as const;
export type ActivityKind = keyof typeof ACTIVITY_TYPE_IDS;

export const AUTOMATION_STATUS: Record<number, string> = {
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

export interface ActivityInput {
  name: string;
  kind: ActivityKind;
  /** queryDefinitionId, filterActivityId, … */
  objectId: string;
}

export interface ScheduleInput {
  /** Local start, e.g. 2024-01-01T06:00:00. */
  startDate: string;
  endDate?: string;
  /** e.g. FREQ=DAILY;INTERVAL=1 */
  icalRecur: string;
  /** SFMC numeric timezone id (names are rejected). */
  timezoneId: number;
  /** 1 Minutely … 5 Monthly; derived from the FREQ of `icalRecur` when left out. */
  scheduleTypeId?: number;
}

export interface AutomationInput {
  key: string;
  name: string;
  description?: string;
  folderId?: number;
  schedule?: ScheduleInput;
  steps: Array<{ name?: string; activities: ActivityInput[] }>;
}

export interface Automation {
  id: string;
  legacyId?: string;
  key: string;
  name: string;
  description?: string;
  folderId?: number;
  statusId?: number;
  status?: string;
  raw: Record<string, unknown>;
}

/**
 * scheduleTypeId per FREQ (Accenture/sfmc-devtools lib/metadataTypes/definitions/Automation.definition.js
 * `scheduleTypeMapping`; recorded: FREQ=MINUTELY answers scheduleTypeId 1, FREQ=HOURLY typeId 2, FREQ=DAILY
 * typeId 3 in ../shared/reference/sfmc-recorded/9999999/automation/v1/automations/**).
 */
export const SCHEDULE_TYPE_IDS: Record<string, number> = {
  MINUTELY: 1,
  HOURLY: 2,
  DAILY: 3,
  WEEKLY: 4,
  MONTHLY: 5,
};

export function scheduleTypeIdOf(icalRecur: string): number {
  const freq = /(?:^|;)FREQ=([A-Z]+)/i.exec(icalRecur)?.[1]?.toUpperCase() ?? '';
  const id = SCHEDULE_TYPE_IDS[freq];
  if (!id)
    throw new KitError(
      'USAGE',
      `schedule "${icalRecur}" has no FREQ SFMC can run (${Object.keys(SCHEDULE_TYPE_IDS).join(', ')})`,
    );
  return id;
}

function toBody(input: Partial<AutomationInput>) {
  return {
    name: input.name,
    key: input.key,
    description: input.description,
    categoryId: input.folderId,
    ...(input.schedule
      ? {
          startSource: {
            typeId: 1,
            schedule: {
              scheduleTypeId: input.schedule.scheduleTypeId ?? scheduleTypeIdOf(input.schedule.icalRecur),
              startDate: input.schedule.startDate,
              endDate: input.schedule.endDate ?? '2079-06-06T00:00:00',
              icalRecur: input.schedule.icalRecur,
              timezoneId: input.schedule.timezoneId,
            },
          },
        }
      : {}),
    ...(input.steps
      ? {
          steps: input.steps.map((step, i) => ({
            annotation: step.name ?? `Step ${i + 1}`,
            stepNumber: i,
            activities: step.activities.map((a, j) => ({
              name: a.name,
              objectTypeId: ACTIVITY_TYPE_IDS[a.kind],
              activityObjectId: a.objectId,
              displayOrder: j + 1,
            })),
          })),
        }
      : {}),
  };
}

function toAutomation(raw: Record<string, unknown>): Automation {
  const statusId =
    typeof raw.statusId === 'number' ? raw.statusId : typeof raw.status === 'number' ? raw.status : undefined;
  return {
    id: String(raw.id),
    legacyId: raw.legacyId === undefined ? undefined : String(raw.legacyId),
    key: String(raw.key ?? ''),
    name: String(raw.name ?? ''),
    description: raw.description ? String(raw.description) : undefined,
    folderId: typeof raw.categoryId === 'number' ? raw.categoryId : undefined,
    statusId,
    status: statusId === undefined ? undefined : AUTOMATION_STATUS[statusId],
    raw,
  };
}

const BASE = '/automation/v1/automations';
const LEGACY = '/legacy/v1/beta/bulk/automations/automation/definition/';

export function createAutomations({ rest, soap }: { rest: RestClient; soap: SoapClient }) {
  const get = async (id: string) =>
    toAutomation(await rest.request<Record<string, unknown>>({ method: 'GET', path: `${BASE}/${id}` }));

  /**
   * The legacy id of an automation, found by key. SFMC sends `legacyId` only in the answers to POST and PATCH
   * (recorded post-response.json / patch-response.json have it, no get-response.json does); otherwise the
   * legacy definition list `GET …/automation/definition/` names each automation's legacy `id` with its `key`
   * (Accenture/sfmc-devtools lib/metadataTypes/Automation.js #getAutomationLegacyREST, its recorded
   * test/resources/9999999/legacy/v1/beta/bulk/automations/automation/definition/get-response.json).
   */
  async function legacyIdByKey(key: string): Promise<string | undefined> {
    const lower = key.toLowerCase();
    const pageSize = 50;
    for (let page = 1; page <= 1000; page++) {
      const answer = await rest.request<{
        entry?: Array<{ id?: string; key?: string }>;
        totalResults?: number;
      }>({
        method: 'GET',
        path: LEGACY,
        // $skip is a 0-based page index, as sfmc-sdk 2.1.2 rest.js getBulk sends it (the emulator's
        // legacy-automations.ts reads it so; an item offset instead is UNCERTAIN, the same for ≤ 50).
        query: { $top: String(pageSize), $skip: String(page - 1) },
      });
      const entries = answer?.entry ?? [];
      const hit = entries.find((e) => String(e.key ?? '').toLowerCase() === lower);
      if (hit?.id) return String(hit.id);
      if (entries.length < pageSize || (answer.totalResults ?? 0) <= page * pageSize) return undefined;
    }
    return undefined;
  }

  /**
   * API-made schedules start paused; the legacy endpoint activates or pauses them
   * (POST …/definition/?action=schedule|pauseSchedule {id: legacyId, scheduleObject: {id}}, the schedule id from
   * GET …/definition/{legacyId}: sfmc-devtools Automation.js #schedulePauseItem).
   */
  async function legacySchedule(
    ref: { key: string; legacyId?: string },
    action: 'schedule' | 'pauseSchedule',
  ) {
    const legacyId = ref.legacyId ?? (await legacyIdByKey(ref.key));
    if (!legacyId)
      throw new KitError(
        'NOT_FOUND',
        `automation "${ref.key}" is not in the legacy automation definition list`,
      );
    const definition = await rest.request<{ scheduleObject?: { id?: string } | null }>({
      method: 'GET',
      path: `${LEGACY}${legacyId}`,
    });
    const scheduleId = definition?.scheduleObject?.id;
    if (!scheduleId)
      throw new KitError(
        'USAGE',
        `automation "${ref.key}" has no schedule to ${action === 'schedule' ? 'activate' : 'pause'}`,
      );
    const answer = await rest.request<{ id?: string }>({
      method: 'POST',
      path: LEGACY,
      query: { action },
      body: { id: legacyId, scheduleObject: { id: scheduleId } },
    });
    // sfmc-devtools counts the call done only when the answer echoes the legacy id.
    if (answer?.id !== legacyId)
      throw new KitError(
        'API_ERROR',
        `automation "${ref.key}": ${action} was not confirmed (answer ${JSON.stringify(answer)?.slice(0, 200)})`,
      );
  }

  return {
    async create(input: AutomationInput): Promise<Automation> {
      return toAutomation(
        await rest.request<Record<string, unknown>>({
          method: 'POST',
          path: `${BASE}/`,
          body: toBody(input),
        }),
      );
    },
    get,
    async status(id: string): Promise<{ statusId?: number; status?: string }> {
      const { statusId, status } = await get(id);
      return { statusId, status };
    },
    list(options: { pageSize?: number } = {}): AsyncIterable<Automation> {
      const pages = paginate<Record<string, unknown>>(rest, `${BASE}/`, { pageSize: options.pageSize ?? 50 });
      return (async function* () {
        for await (const raw of pages) yield toAutomation(raw);
      })();
    },
    async update(id: string, patch: Partial<AutomationInput>): Promise<Automation> {
      return toAutomation(
        await rest.request<Record<string, unknown>>({
          method: 'PATCH',
          path: `${BASE}/${id}`,
          body: toBody(patch),
        }),
      );
    },
    async delete(id: string): Promise<void> {
      await rest.request({ method: 'DELETE', path: `${BASE}/${id}` });
    },
    /** Switches the schedule on. Pass the legacyId from the create/update answer; else it is looked up by key. */
    activate: (ref: { key: string; legacyId?: string }) => legacySchedule(ref, 'schedule'),
    pause: (ref: { key: string; legacyId?: string }) => legacySchedule(ref, 'pauseSchedule'),
    legacyIdByKey,
    /** Runs once now via SOAP Perform (the REST actions are unreliable). */
    async runOnce(id: string): Promise<void> {
      const reply = await soap.call('Perform', {
        Action: 'start',
        Definitions: { Definition: { '@xsi:type': 'Automation', ObjectID: id } },
      });
      const result = reply.results[0]?.Result as Record<string, unknown>[] | undefined;
      const first = result?.[0];
      if (first && str(first, 'StatusCode') === 'Error') {
        throw new KitError('API_ERROR', `automation ${id} did not start: ${str(first, 'StatusMessage')}`);
      }
    },
  };
}

export type AutomationsResource = ReturnType<typeof createAutomations>;
