import type { EmuHandler } from '../http/types.ts';
import { json, type SfmcContext } from './context.ts';
import { page } from './paging.ts';

/**
 * Automation Studio lists the emulator does not model: SFMC answers them with a (possibly empty) list,
 * so the emulator does too, in the list shape SFMC uses for each route, never with made-up items.
 * Shapes: {count, page, pageSize, items} (sfmc-devtools test/resources/9999999/automation/v1/
 * {dataextracts,filetransfers,ftplocations,scripts,imports}/get-response.json, recorded) and, for the
 * legacy mobile route, {startIndex, itemsPerPage, totalResults, entry}
 * (test/resources/9999999/legacy/v1/beta/mobile/imports/get-response.json).
 * mcdev 8 lists all of them in a full retrieve.
 */
const REST_LISTS = /^\/automation\/v1\/(dataextracts|filetransfers|ftplocations|scripts|imports)\/?$/;

export function createUnmodelledListsHandler(_ctx: SfmcContext): EmuHandler {
  return (req) => {
    if (req.method !== 'GET') return undefined;
    if (REST_LISTS.test(req.path)) return json(200, page(req, [], 50, 500));
    if (/^\/legacy\/v1\/beta\/mobile\/imports\/?$/.test(req.path)) {
      const top = Math.min(50, Math.max(1, Number(req.query.get('$top') ?? 50) || 50));
      return json(200, { startIndex: 0, itemsPerPage: top, totalResults: 0, entry: [] });
    }
    return undefined;
  };
}
