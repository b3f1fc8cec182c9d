import type { SfmcContext } from '../context.ts';
import type { SoapObjectType } from './object-type.ts';
import { text, type XNode } from './xml.ts';

/** DataExtensionObject[key]: rows of one DE; Properties are its field names. */
export function dataExtensionObjectType(ctx: SfmcContext, key: string): SoapObjectType | undefined {
  const de = ctx.state.dataExtensions.get(key) ?? ctx.state.dataExtensions.getByName(key);
  if (!de) return undefined;
  const rowOf = (o: XNode) => {
    const row: Record<string, unknown> = {};
    const props = ((o.Properties as XNode[] | undefined)?.[0]?.Property as XNode[] | undefined) ?? [];
    for (const p of props) row[text(p.Name)] = text(p.Value);
    const keys = ((o.Keys as XNode | undefined)?.Key as XNode[] | XNode | undefined) ?? [];
    for (const k of Array.isArray(keys) ? keys : [keys]) row[text(k.Name)] = text(k.Value);
    return row;
  };
  const write = (o: XNode, mode: 'insert' | 'upsert') => {
    const [r] = ctx.state.writeRows(de.customerKey, [rowOf(o)], mode, true);
    return r.ok
      ? {
          ok: true as const,
          message: mode === 'insert' ? 'Created DataExtensionObject' : 'Updated DataExtensionObject',
        }
      : { ok: false as const, message: r.message ?? 'Error', errorCode: 12014 };
  };
  return {
    properties: de.fields.map((f) => f.name),
    records: () =>
      ctx.state.readRows(de.customerKey).map((r) => {
        const out: Record<string, unknown> = {};
        for (const f of de.fields) {
          const v = r[f.name];
          out[f.name] =
            v === null || v === undefined
              ? ''
              : f.fieldType === 'Boolean'
                ? v
                  ? 'True'
                  : 'False'
                : String(v);
        }
        return out;
      }),
    render: (r, props) => ({
      PartnerKey: null,
      ObjectID: null,
      Properties: { Property: props.map((p) => ({ Name: p, Value: r[p] })) },
    }),
    create: (o) => write(o, 'insert'),
    update: (o) => write(o, 'upsert'),
  };
}
