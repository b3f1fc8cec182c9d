import type { EmuRequest, EmuResponse } from '../http/types.ts';
import type { SalesforceStore } from './store.ts';

const sfDate = (iso: string): string => iso.replace('Z', '+0000');

const invalidDate = (message: string): EmuResponse => ({
  status: 400,
  body: [{ message, errorCode: 'INVALID_REPLICATION_DATE' }],
});

/**
 * `GET /sobjects/{T}/deleted/?start=&end=` (REST API, "sObject Get Deleted"): the records deleted in the
 * window that are still in the delete log, as `{ deletedRecords: [{ id, deletedDate }],
 * earliestDateAvailable, latestDateCovered }`. `earliestDateAvailable` is "the timestamp … of the last
 * physically deleted object" (SOAP GetDeletedResult): deletes after it are all listed. The start must
 * precede the end (getDeleted() rules: otherwise INVALID_REPLICATION_DATE). latestDateCovered is never
 * after the end nor after now, and is kept to whole minutes ("This API ignores the seconds portion").
 */
export function deletedRecords(
  store: SalesforceStore,
  objectName: string,
  req: EmuRequest,
  now: Date,
): EmuResponse {
  const startText = req.query.get('start');
  const endText = req.query.get('end');
  const start = startText ? new Date(startText.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : undefined;
  const end = endText ? new Date(endText.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : undefined;
  if (!start || !end || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    return {
      status: 400,
      body: [{ message: 'start and end must be valid dateTime values', errorCode: 'MALFORMED_QUERY' }],
    };
  }
  if (start.getTime() >= end.getTime()) return invalidDate('startDate must be before endDate');
  const covered = new Date(Math.floor(Math.min(end.getTime(), now.getTime()) / 60_000) * 60_000);
  const { records, earliestDateAvailable } = store.deletedBetween(objectName, start, covered);
  return {
    status: 200,
    body: {
      deletedRecords: records.map((r) => ({ id: r.id, deletedDate: sfDate(r.deletedDate) })),
      earliestDateAvailable: sfDate(earliestDateAvailable),
      latestDateCovered: sfDate(covered.toISOString()),
    },
  };
}
