import type { Schedule } from '../definitions/index.ts';
import { KitError } from '../errors/index.ts';
import type { ScheduleModel } from './model.ts';
import { sfmcTimezoneId } from './timezones.ts';

const DAYS: Record<string, string> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};

/** Why a definition's time zone cannot be deployed, or undefined when SFMC has it. */
export function timezoneProblem(zone: string): string | undefined {
  if (sfmcTimezoneId(zone) !== undefined) return undefined;
  return `time zone "${zone}" has no SFMC equivalent: SFMC automations run only on its own list of Windows time zones (e.g. Europe/Paris, America/New_York, UTC); use an IANA zone that keeps the same clock`;
}

/** The schedule SFMC is asked for. Throws (naming the zone) when SFMC has no zone for it. */
export function scheduleModel(s: Schedule): ScheduleModel {
  const freq = s.frequency.toUpperCase();
  const byDay = s.daysOfWeek?.length ? `;BYDAY=${s.daysOfWeek.map((d) => DAYS[d]).join(',')}` : '';
  const zone = s.timezone ?? 'UTC';
  const timezoneId = sfmcTimezoneId(zone);
  if (timezoneId === undefined) throw new KitError('DEFINITION_INVALID', timezoneProblem(zone)!);
  return {
    icalRecur: `FREQ=${freq};INTERVAL=${s.interval ?? 1}${byDay}`,
    startDate: `2026-01-01T${s.time ?? '00:00'}:00`,
    timezoneId,
  };
}

/** One key per distinct schedule: segments sharing it share an automation. */
export function scheduleKey(s: ScheduleModel): string {
  const r = parseRecurrence(s.icalRecur);
  return [r.FREQ, r.INTERVAL, r.BYDAY ?? '', r.BYMONTHDAY ?? '', timeOfDay(s.startDate), s.timezoneId].join(
    '|',
  );
}

/**
 * The recurrence as SFMC keeps it, for comparison: SFMC adds `UNTIL` (from the end date) and may reorder
 * parts (recorded hourly automation: FREQ=HOURLY;UNTIL=20790606T080000;INTERVAL=1, ../shared/reference/
 * sfmc-recorded/9999999/automation/v1/automations/8f82c2a7-…/get-response.json). UNTIL and an absent COUNT are
 * not part of what the user asked; INTERVAL defaults to 1; BYDAY is a set.
 */
export function parseRecurrence(icalRecur: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of icalRecur.split(';')) {
    const [k, v] = part.split('=');
    if (!k || v === undefined) continue;
    const key = k.trim().toUpperCase();
    if (key === 'UNTIL') continue;
    out[key] =
      key === 'BYDAY'
        ? v
            .split(',')
            .map((d) => d.trim().toUpperCase())
            .sort()
            .join(',')
        : v.trim().toUpperCase();
  }
  out.INTERVAL ??= '1';
  return out;
}

/** HH:MM of a start date, whatever offset or fraction SFMC appends (POST answers carry `-06:00`). */
const timeOfDay = (startDate: string) => /T(\d{2}:\d{2})/.exec(startDate)?.[1] ?? '';

/** Same recurrence, time of day and time zone: SFMC's normalised answer compares equal to what was sent. */
export function sameSchedule(a: ScheduleModel | undefined, b: ScheduleModel | undefined): boolean {
  if (!a || !b) return !a && !b;
  const ra = parseRecurrence(a.icalRecur);
  const rb = parseRecurrence(b.icalRecur);
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (ra[k] !== rb[k]) return false;
  return timeOfDay(a.startDate) === timeOfDay(b.startDate) && a.timezoneId === b.timezoneId;
}
