import { XMLParser } from 'fast-xml-parser';
import type { EmuRequest, EmuResponse } from '../../http/types.ts';

export type XNode = Record<string, unknown>;

const ARRAYS = new Set(['Objects', 'Properties', 'Field', 'Value', 'Definition', 'Property', 'Results']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

export const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

export interface SoapCall {
  version: '1.1' | '1.2';
  action: string;
  token?: string;
  body: XNode;
  bodyName: string;
}

/** Reads a SOAP 1.1 or 1.2 envelope: action from SOAPAction, the content-type action or wsa:Action. */
export function parseEnvelope(req: EmuRequest): SoapCall | undefined {
  let doc: XNode;
  try {
    doc = parser.parse(req.body) as XNode;
  } catch {
    return undefined;
  }
  const env = doc.Envelope as XNode | undefined;
  if (!env) return undefined;
  const version = req.body.includes(SOAP12) ? '1.2' : '1.1';
  const header = (env.Header ?? {}) as XNode;
  const body = (env.Body ?? {}) as XNode;
  const bodyName = Object.keys(body).find((k) => !k.startsWith('@_')) ?? '';
  const ctAction = /action="?([^";]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1];
  const rawAction =
    req.headers.soapaction?.replace(/"/g, '') ||
    ctAction ||
    text(header.Action) ||
    bodyName.replace(/Request(Msg)?$/, '');
  const action = rawAction.split('/').pop() ?? '';
  return {
    version,
    action,
    token: text(header.fueloauth) || undefined,
    body: (body[bodyName] ?? {}) as XNode,
    bodyName,
  };
}

/** Text of an element that may carry attributes. */
export function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'object') {
    const n = node as XNode;
    if (Array.isArray(node)) return text(node[0]);
    return n['#text'] === undefined ? '' : String(n['#text']);
  }
  return String(node);
}

export const xsiType = (node: unknown): string =>
  node && typeof node === 'object' ? String((node as XNode)['@_type'] ?? '').replace(/^.*:/, '') : '';

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An XML fragment. Objects become nested elements in key order; `@type` sets xsi:type; null is xsi:nil. */
export function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (value === null) return `<${name} xsi:nil="true" />`;
  if (value === undefined) return '';
  if (typeof value === 'object') {
    const o = value as XNode;
    const type = o['@type'] ? ` xsi:type="${esc(String(o['@type']))}"` : '';
    const inner = Object.entries(o)
      .filter(([k]) => k !== '@type')
      .map(([k, v]) => toXml(k, v))
      .join('');
    return inner ? `<${name}${type}>${inner}</${name}>` : `<${name}${type} />`;
  }
  const s = String(value);
  return s === '' ? `<${name} />` : `<${name}>${esc(s)}</${name}>`;
}

export function envelope(
  version: SoapCall['version'],
  action: string,
  bodyXml: string,
  status = 200,
): EmuResponse {
  const ns = version === '1.2' ? SOAP12 : SOAP11;
  const now = new Date();
  const xml = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"><soap:Header><wsa:Action>${esc(action)}</wsa:Action><wsa:MessageID>urn:uuid:${crypto.randomUUID()}</wsa:MessageID><wsa:RelatesTo>urn:uuid:${crypto.randomUUID()}</wsa:RelatesTo><wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To><wsse:Security><wsu:Timestamp wsu:Id="Timestamp-${crypto.randomUUID()}"><wsu:Created>${now.toISOString().slice(0, 19)}Z</wsu:Created><wsu:Expires>${new Date(now.getTime() + 300_000).toISOString().slice(0, 19)}Z</wsu:Expires></wsu:Timestamp></wsse:Security></soap:Header><soap:Body>${bodyXml}</soap:Body></soap:Envelope>`;
  return {
    status,
    headers: {
      'content-type': version === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8',
    },
    body: xml,
  };
}

/** SOAP fault (HTTP 500), e.g. faultstring "Token Expired" with faultcode q0:Security. */
export function fault(version: SoapCall['version'], faultString: string, actor: string): EmuResponse {
  const ns = version === '1.2' ? SOAP12 : SOAP11;
  const inner =
    version === '1.2'
      ? `<soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value xmlns:q0="http://schemas.xmlsoap.org/ws/2002/12/secext">q0:Security</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang="en">${esc(faultString)}</soap:Text></soap:Reason><soap:Role>${esc(actor)}</soap:Role></soap:Fault>`
      : `<soap:Fault><faultcode xmlns:q0="http://schemas.xmlsoap.org/ws/2002/12/secext">q0:Security</faultcode><faultstring>${esc(faultString)}</faultstring><faultactor>${esc(actor)}</faultactor></soap:Fault>`;
  return {
    status: 500,
    headers: {
      'content-type': version === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8',
    },
    body: `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ns}"><soap:Body>${inner}</soap:Body></soap:Envelope>`,
  };
}
