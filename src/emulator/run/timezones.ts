/**
 * SFMC automation `timezoneId` → [the Windows zone name SFMC answers as `timezoneName`, an IANA zone with
 * the same clock]. Ids and names: Accenture/sfmc-devtools lib/metadataTypes/definitions/Automation.definition.js
 * `timeZoneMapping` (recorded: id 5 is "W. Europe Standard Time", ../shared/reference/sfmc-recorded/9999999/
 * automation/v1/automations/*\/get-response.json). IANA zone per Windows name: the CLDR windowsZones table
 * (territory 001). Id 1 is SFMC's own "Central Standard Time (no DST)", a fixed UTC-06:00.
 * An id missing here is one SFMC does not accept; the emulator refuses it.
 */
export const SFMC_TIMEZONES: Readonly<Record<number, readonly [name: string, iana: string]>> = {
  1: ['Central Standard Time (no DST)', 'Etc/GMT+6'],
  2: ['Morocco Standard Time', 'Africa/Casablanca'],
  3: ['GMT Standard Time', 'Europe/London'],
  4: ['Greenwich Standard Time', 'Atlantic/Reykjavik'],
  5: ['W. Europe Standard Time', 'Europe/Berlin'],
  6: ['Central Europe Standard Time', 'Europe/Budapest'],
  7: ['Romance Standard Time', 'Europe/Paris'],
  8: ['Central European Standard Time', 'Europe/Warsaw'],
  9: ['W. Central Africa Standard Time', 'Africa/Lagos'],
  10: ['Jordan Standard Time', 'Asia/Amman'],
  11: ['GTB Standard Time', 'Europe/Bucharest'],
  12: ['Middle East Standard Time', 'Asia/Beirut'],
  13: ['Egypt Standard Time', 'Africa/Cairo'],
  14: ['South Africa Standard Time', 'Africa/Johannesburg'],
  15: ['FLE Standard Time', 'Europe/Kiev'],
  16: ['Israel Standard Time', 'Asia/Jerusalem'],
  17: ['E. Europe Standard Time', 'Europe/Chisinau'],
  18: ['Namibia Standard Time', 'Africa/Windhoek'],
  19: ['Arabic Standard Time', 'Asia/Baghdad'],
  20: ['Arab Standard Time', 'Asia/Riyadh'],
  21: ['Russian Standard Time', 'Europe/Moscow'],
  22: ['E. Africa Standard Time', 'Africa/Nairobi'],
  23: ['Georgian Standard Time', 'Asia/Tbilisi'],
  24: ['Iran Standard Time', 'Asia/Tehran'],
  25: ['Arabian Standard Time', 'Asia/Dubai'],
  26: ['Azerbaijan Standard Time', 'Asia/Baku'],
  27: ['Caucasus Standard Time', 'Asia/Yerevan'],
  28: ['Mauritius Standard Time', 'Indian/Mauritius'],
  30: ['Afghanistan Standard Time', 'Asia/Kabul'],
  31: ['Ekaterinburg Standard Time', 'Asia/Yekaterinburg'],
  32: ['Pakistan Standard Time', 'Asia/Karachi'],
  33: ['West Asia Standard Time', 'Asia/Tashkent'],
  34: ['India Standard Time', 'Asia/Calcutta'],
  35: ['Sri Lanka Standard Time', 'Asia/Colombo'],
  36: ['Nepal Standard Time', 'Asia/Katmandu'],
  37: ['N. Central Asia Standard Time', 'Asia/Novosibirsk'],
  38: ['Central Asia Standard Time', 'Asia/Almaty'],
  39: ['Myanmar Standard Time', 'Asia/Rangoon'],
  40: ['SE Asia Standard Time', 'Asia/Bangkok'],
  41: ['North Asia Standard Time', 'Asia/Krasnoyarsk'],
  42: ['China Standard Time', 'Asia/Shanghai'],
  43: ['North Asia East Standard Time', 'Asia/Irkutsk'],
  44: ['Singapore Standard Time', 'Asia/Singapore'],
  45: ['W. Australia Standard Time', 'Australia/Perth'],
  46: ['Taipei Standard Time', 'Asia/Taipei'],
  47: ['Tokyo Standard Time', 'Asia/Tokyo'],
  48: ['Korea Standard Time', 'Asia/Seoul'],
  49: ['Yakutsk Standard Time', 'Asia/Yakutsk'],
  50: ['Cen. Australia Standard Time', 'Australia/Adelaide'],
  51: ['AUS Central Standard Time', 'Australia/Darwin'],
  52: ['E. Australia Standard Time', 'Australia/Brisbane'],
  53: ['AUS Eastern Standard Time', 'Australia/Sydney'],
  54: ['West Pacific Standard Time', 'Pacific/Port_Moresby'],
  55: ['Tasmania Standard Time', 'Australia/Hobart'],
  56: ['Vladivostok Standard Time', 'Asia/Vladivostok'],
  57: ['Central Pacific Standard Time', 'Pacific/Guadalcanal'],
  58: ['New Zealand Standard Time', 'Pacific/Auckland'],
  59: ['Fiji Standard Time', 'Pacific/Fiji'],
  60: ['Tonga Standard Time', 'Pacific/Tongatapu'],
  61: ['Azores Standard Time', 'Atlantic/Azores'],
  62: ['Cape Verde Standard Time', 'Atlantic/Cape_Verde'],
  63: ['Mid-Atlantic Standard Time', 'Etc/GMT+2'],
  64: ['E. South America Standard Time', 'America/Sao_Paulo'],
  65: ['Argentina Standard Time', 'America/Buenos_Aires'],
  66: ['SA Western Standard Time', 'America/La_Paz'],
  67: ['Greenland Standard Time', 'America/Godthab'],
  68: ['Montevideo Standard Time', 'America/Montevideo'],
  69: ['Newfoundland Standard Time', 'America/St_Johns'],
  70: ['Atlantic Standard Time', 'America/Halifax'],
  72: ['Central Brazilian Standard Time', 'America/Cuiaba'],
  73: ['Pacific SA Standard Time', 'America/Santiago'],
  74: ['Venezuela Standard Time', 'America/Caracas'],
  75: ['SA Pacific Standard Time', 'America/Bogota'],
  76: ['Eastern Standard Time', 'America/New_York'],
  77: ['US Eastern Standard Time', 'America/Indianapolis'],
  78: ['Central America Standard Time', 'America/Guatemala'],
  79: ['Central Standard Time', 'America/Chicago'],
  80: ['Central Standard Time (Mexico)', 'America/Mexico_City'],
  82: ['Canada Central Standard Time', 'America/Regina'],
  83: ['US Mountain Standard Time', 'America/Phoenix'],
  84: ['Mountain Standard Time (Mexico)', 'America/Chihuahua'],
  86: ['Mountain Standard Time', 'America/Denver'],
  87: ['Pacific Standard Time', 'America/Los_Angeles'],
  88: ['Pacific Standard Time (Mexico)', 'America/Tijuana'],
  89: ['Alaskan Standard Time', 'America/Anchorage'],
  90: ['Hawaiian Standard Time', 'Pacific/Honolulu'],
  91: ['Samoa Standard Time', 'Pacific/Apia'],
  92: ['Dateline Standard Time', 'Etc/GMT+12'],
};

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (iana: string) => {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(iana, f);
  }
  return f;
};

/** Milliseconds from UTC to the wall clock of `iana` at the instant `utc`. */
function offsetMs(iana: string, utc: number): number {
  const parts = formatter(iana).formatToParts(new Date(utc));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return local - Math.floor(utc / 1000) * 1000;
}

/** The UTC instant of a wall-clock time (ms since epoch, read as if UTC) in SFMC time zone `id`. */
export function wallClockToUtc(wall: number, id: number): number {
  const zone = SFMC_TIMEZONES[id]?.[1];
  if (!zone) throw new Error(`Unknown timezoneId ${id}`);
  // Two passes settle the offset across a daylight-saving change.
  let utc = wall - offsetMs(zone, wall);
  utc = wall - offsetMs(zone, utc);
  return utc;
}

/** The wall-clock time (ms, read as if UTC) in SFMC time zone `id` at UTC instant `utc`. */
export function utcToWallClock(utc: number, id: number): number {
  const zone = SFMC_TIMEZONES[id]?.[1];
  if (!zone) throw new Error(`Unknown timezoneId ${id}`);
  return utc + offsetMs(zone, utc);
}
