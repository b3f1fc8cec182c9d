import { XMLParser } from 'fast-xml-parser';

export type SoapRecord = Record<string, unknown>;

export interface SoapFault {
  kind: 'fault';
  code: string;
  message: string;
}

export interface SoapReply {
  kind: 'reply';
  /** Body element name, e.g. `RetrieveResponseMsg`. */
  element: string;
  /** `OK`, `Error`, `Has Errors`, `MoreDataAvailable` or `Error: …`. */
  overallStatus: string;
  overallStatusMessage?: string;
  requestId?: string;
  /** Always an array, even for one or no result. */
  results: SoapRecord[];
}

const ARRAYS = new Set(['Results', 'Field', 'Result']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Keys, ids and codes stay strings ("00123" must not become 123); resources convert.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

/** Parses SOAP 1.1 and 1.2 answers; `xsi:nil` elements become undefined. */
export function parseSoap(xml: string): SoapFault | SoapReply {
  const doc = parser.parse(xml) as SoapRecord;
  const envelope = doc.Envelope as SoapRecord | undefined;
  const body = envelope?.Body as SoapRecord | undefined;
  if (!body) throw new Error('not a SOAP envelope');
  if (body.Fault) return parseFault(body.Fault as SoapRecord);
  const [element, raw] = Object.entries(body).find(([k]) => !k.startsWith('@')) ?? [];
  if (!element) throw new Error('empty SOAP body');
  const content = normalize(raw) as SoapRecord;
  const results = (content?.Results as SoapRecord[] | undefined) ?? [];
  return {
    kind: 'reply',
    element,
    overallStatus: String(content?.OverallStatus ?? 'OK'),
    overallStatusMessage: content?.OverallStatusMessage ? String(content.OverallStatusMessage) : undefined,
    requestId: content?.RequestID ? String(content.RequestID) : undefined,
    results: Array.isArray(results) ? results : [results],
  };
}

function parseFault(fault: SoapRecord): SoapFault {
  // 1.1: faultcode/faultstring; 1.2: Code/Value and Reason/Text.
  const code = text(fault.faultcode) ?? text((fault.Code as SoapRecord | undefined)?.Value) ?? 'Fault';
  const message =
    text(fault.faultstring) ?? text((fault.Reason as SoapRecord | undefined)?.Text) ?? 'SOAP fault';
  return { kind: 'fault', code, message };
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object') return text((value as SoapRecord)['#text']);
  return String(value);
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== 'object') return value;
  const record = value as SoapRecord;
  if (record['@nil'] === 'true') return undefined;
  const out: SoapRecord = {};
  for (const [key, child] of Object.entries(record)) {
    if (key === '@type') out['@type'] = child;
    else if (key.startsWith('@')) continue;
    else out[key] = normalize(child);
  }
  // `<Value xsi:type="x">text</Value>` → keep the text only.
  if ('#text' in out && Object.keys(out).every((k) => k === '#text' || k === '@type')) return out['#text'];
  return out;
}

/** Field helpers used by resources on SOAP records. */
export function str(record: SoapRecord | undefined, key: string): string | undefined {
  const v = record?.[key];
  return v === undefined || v === null || typeof v === 'object' ? undefined : String(v);
}

export function num(record: SoapRecord | undefined, key: string): number | undefined {
  const v = str(record, key);
  return v === undefined || v === '' ? undefined : Number(v);
}

export function bool(record: SoapRecord | undefined, key: string): boolean {
  return str(record, key)?.toLowerCase() === 'true';
}

export function child(record: SoapRecord | undefined, key: string): SoapRecord | undefined {
  const v = record?.[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as SoapRecord) : undefined;
}
