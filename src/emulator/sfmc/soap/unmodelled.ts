import type { SoapObjectType } from './object-type.ts';

/**
 * Object types the emulator does not model but that SFMC answers with a (possibly empty) list, so a
 * tool's retrieve of them gets OK with no Results instead of "Unable to find a handler".
 * Writes to them are refused. Which properties may be asked is not checked for these types (no records
 * are returned, so nothing is sent that SFMC would not send).
 * - DataExtensionTemplate: mcdev caches it before every DE retrieve (mcdev 8
 *   lib/metadataTypes/DataExtension.js; sfmc-devtools test/resources/9999999/dataExtensionTemplate/).
 * - EmailSendDefinition: mcdev's emailSend type (sfmc-devtools test/resources/9999999/emailSendDefinition/).
 */
export const EMPTY_LIST_TYPES = ['DataExtensionTemplate', 'EmailSendDefinition'] as const;

export function emptyListType(): SoapObjectType {
  return { properties: [], anyProperties: true, records: () => [] };
}
