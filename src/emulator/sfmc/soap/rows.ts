import type { SQLInputValue } from 'node:sqlite';
import { coerceValue } from '../../state/field-types.ts';
import type { SfmcContext } from '../context.ts';
import type { SoapObjectType, WriteResult } from './object-type.ts';
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
  /**
   * Delete by `Keys/Key{Name,Value}`: every primary-key field must be given (all fields may serve as
   * keys when the DE has none). A key that matches no row still answers OK: SFMC's behaviour there is
   * UNCERTAIN (no recorded sample), and an idempotent delete keeps a resumed sync from failing.
   */
  const remove = (o: XNode): WriteResult => {
    const byLower = new Map(de.fields.map((f) => [f.name.toLowerCase(), f]));
    const keyNodes = ((o.Keys as XNode | undefined)?.Key as XNode[] | XNode | undefined) ?? [];
    const given = new Map<string, SQLInputValue>();
    for (const k of Array.isArray(keyNodes) ? keyNodes : [keyNodes]) {
      const name = text(k.Name);
      const field = byLower.get(name.toLowerCase());
      if (!field)
        return {
          ok: false,
          message: `The column [${name}] does not exist in the data extension.`,
          errorCode: 310007,
        };
      const c = coerceValue({ ...field, isRequired: false, isPrimaryKey: false }, text(k.Value));
      if (!c.ok) return { ok: false, message: c.message, errorCode: 310007 };
      given.set(field.name, c.value);
    }
    if (given.size === 0)
      return { ok: false, message: 'No key specified for the DataExtensionObject.', errorCode: 310001 };
    const missing = de.fields.filter((f) => f.isPrimaryKey && !given.has(f.name)).map((f) => f.name);
    if (missing.length)
      return {
        ok: false,
        message: `Primary key field(s) ${missing.join(', ')} must be specified in Keys.`,
        errorCode: 310001,
      };
    const cols = [...given.keys()];
    const where = cols
      .map((c) => `"${c.replace(/"/g, '""')}" ${given.get(c) === null ? 'IS NULL' : '= ?'}`)
      .join(' AND ');
    const params = cols.map((c) => given.get(c)!).filter((v) => v !== null);
    const table = ctx.state.deTarget(de).tableName.replace(/"/g, '""');
    ctx.state.db.prepare(`DELETE FROM "${table}" WHERE ${where}`).run(...params);
    return { ok: true, message: 'Deleted DataExtensionObject' };
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
    delete: remove,
  };
}
