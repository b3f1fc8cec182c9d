import type { EmuHandler } from '../http/types.ts';
import type { AutomationData } from '../run/runner.ts';
import type { StoredObject } from '../state/index.ts';
import { json, notFound, type SfmcContext } from './context.ts';
import { legacyUser } from './emulator-user.ts';
import { AUTOMATION_STATUS } from './automation-status.ts';

const zulu = (restDate: string) => (restDate.endsWith('Z') ? restDate : `${restDate}Z`);

/**
 * The legacy automation endpoints mcdev reads beside /automation/v1 (mcdev 8
 * lib/metadataTypes/Automation.js #getAutomationLegacyREST):
 * - GET /legacy/v1/beta/bulk/automations/automation/definition/ — the list form, paged by `$top` and
 *   `$skip`. Shape: {startIndex, itemsPerPage, totalResults, entry[]} with entry fields as recorded in
 *   sfmc-devtools test/resources/9999999/legacy/v1/beta/bulk/automations/automation/definition/get-response.json.
 *   `$skip` is read as a 0-based page index, as sfmc-sdk 2.1.2 rest.js getBulk sends it (page 0, 1, …);
 *   whether SFMC means an item offset is UNCERTAIN, and with 50 or fewer automations both agree.
 * - GET /legacy/v1/beta/automations/notifications/{legacyId}: the emulator keeps no notifications, and
 *   "if there are no automation notifications, the API returns a single object with the programId"
 *   (mcdev 8 Automation.js, beside the recorded …/notifications/{id}/get-response.json fixtures).
 * The single-definition GET and the schedule POST stay in automations.ts.
 */
export function createLegacyAutomationsHandler(ctx: SfmcContext): EmuHandler {
  const { state } = ctx;
  const entry = (a: StoredObject<AutomationData>) => {
    const d = a.data;
    const running = ctx.isRunning(`automation:${a.objectId}`);
    const statusId = running ? 3 : d.schedule?.scheduleStatus === 'scheduled' ? 6 : d.statusId;
    const typeId = d.startSource?.typeId;
    return {
      id: d.legacyId,
      key: a.customerKey,
      createdDate: zulu(d.createdDate),
      name: a.name,
      description: d.description,
      clientId: Number(ctx.accountId()),
      status: AUTOMATION_STATUS[statusId],
      createdBy: legacyUser(),
      modifiedDate: zulu(d.lastSavedDate),
      modifiedBy: legacyUser(),
      isPlatformObject: false,
      notifications: `${ctx.baseUrl()}/legacy/v1/beta/hub/notifications/${d.legacyId}`,
      automationType: typeId === 1 ? 'scheduled' : typeId === 2 ? 'triggered' : 'unspecified',
    };
  };
  return (req) => {
    if (req.method !== 'GET') return undefined;
    if (/^\/legacy\/v1\/beta\/bulk\/automations\/automation\/definition\/?$/.test(req.path)) {
      const top = Math.min(50, Math.max(1, Number(req.query.get('$top') ?? 50) || 50));
      const skip = Math.max(0, Number(req.query.get('$skip') ?? 0) || 0);
      const all = state.objects.list<AutomationData>('automation');
      return json(200, {
        startIndex: skip * top,
        itemsPerPage: top,
        totalResults: all.length,
        entry: all.slice(skip * top, skip * top + top).map(entry),
      });
    }
    const n = /^\/legacy\/v1\/beta\/automations\/notifications\/([^/]+)\/?$/.exec(req.path);
    if (n) {
      const id = decodeURIComponent(n[1]);
      const found = state.objects.list<AutomationData>('automation').some((a) => a.data.legacyId === id);
      return found ? json(200, { programId: id }) : notFound();
    }
    return undefined;
  };
}
