import type { SfmcContext } from '../context.ts';
import type { FlatRecord } from './filter.ts';
import type { XNode } from './xml.ts';

export type WriteResult =
  | { ok: true; message: string; newId?: number; newObjectId?: string; object?: Record<string, unknown> }
  | { ok: false; message: string; errorCode: number };

/** One SOAP object type: the properties a Retrieve may ask for (in output order), its records and writes. */
export interface SoapObjectType {
  properties: string[];
  /** Accept any requested property (types listed but not modelled: they return no records). */
  anyProperties?: boolean;
  records(): FlatRecord[];
  /** Turns a record's requested properties into the Results element body. Defaults to nesting dotted names. */
  render?(r: FlatRecord, props: string[]): Record<string, unknown>;
  create?(o: XNode): WriteResult;
  update?(o: XNode): WriteResult;
  delete?(o: XNode): WriteResult;
}

export type SoapTypeFactory = (ctx: SfmcContext) => SoapObjectType;

export const bool = (v: unknown) => (v ? 'true' : 'false');
export const soapDate = (s: string) => s.replace(' ', 'T');
export const isTrue = (v: unknown) => String(v ?? '').toLowerCase() === 'true';

export function nest(r: FlatRecord, props: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { PartnerKey: null };
  for (const p of props) {
    const parts = p.split('.');
    let cur = out;
    for (const part of parts.slice(0, -1)) {
      if (typeof cur[part] !== 'object' || cur[part] === null) cur[part] = {};
      cur = cur[part] as Record<string, unknown>;
    }
    const v = r[p];
    // A value the object does not have leaves its element out, as SFMC does (no empty element);
    // null is sent as xsi:nil.
    if (v !== undefined) cur[parts[parts.length - 1]] = v;
  }
  return out;
}
