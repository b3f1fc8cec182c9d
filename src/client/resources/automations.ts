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
  /** 1 Minutely … 5 Monthly; default 3 (Daily). */
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
              scheduleTypeId: input.schedule.scheduleTypeId ?? 3,
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

  /** API-made schedules start paused; the legacy endpoint activates or pauses them. */
  async function legacySchedule(id: string, action: 'schedule' | 'pauseSchedule') {
    const automation = await get(id);
    if (!automation.legacyId) throw new KitError('API_ERROR', `automation ${id} has no legacyId`);
    const definition = await rest.request<{ scheduleObject?: { id?: string } }>({
      method: 'GET',
      path: `${LEGACY}${automation.legacyId}`,
    });
    const scheduleId = definition?.scheduleObject?.id;
    if (!scheduleId)
      throw new KitError(
        'USAGE',
        `automation "${automation.key}" has no schedule to ${action === 'schedule' ? 'activate' : 'pause'}`,
      );
    await rest.request({
      method: 'POST',
      path: LEGACY,
      query: { action },
      body: { id: automation.legacyId, scheduleObject: { id: scheduleId } },
    });
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
    activate: (id: string) => legacySchedule(id, 'schedule'),
    pause: (id: string) => legacySchedule(id, 'pauseSchedule'),
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
