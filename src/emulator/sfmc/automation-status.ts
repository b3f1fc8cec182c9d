/**
 * Automation status ids and their names, shared by the REST view and the legacy definitions: SFMC answers
 * the same words in both (recorded /automation/v1/automations get-response.json `status`/`statusId`, and
 * mcdev 8 lib/metadataTypes/definitions/Automation.definition.js `statusMapping`).
 */
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
