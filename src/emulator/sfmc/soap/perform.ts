import type { EmuResponse } from '../../http/types.ts';
import type { SfmcContext } from '../context.ts';
import { envelope, type SoapCall, text, toXml, type XNode, xsiType } from './xml.ts';

const KINDS: Record<string, 'query' | 'filterActivity' | 'automation'> = {
  QueryDefinition: 'query',
  FilterActivity: 'filterActivity',
  Automation: 'automation',
};

/**
 * Perform ClearData on a DataExtension: deletes every row and keeps the DE ("Clear Data from a Data
 * Extension", SFMC SOAP docs: clearing_data_from_a_data_extension.htm; the DE is named by ObjectID or
 * CustomerKey). The result's StatusMessage wording is UNCERTAIN (no recorded sample).
 */
function clearData(ctx: SfmcContext, d: XNode): { ok: boolean; xml: string } {
  const de = text(d.ObjectID)
    ? ctx.state.dataExtensions.getById(text(d.ObjectID))
    : (ctx.state.dataExtensions.get(text(d.CustomerKey)) ?? ctx.state.dataExtensions.getByName(text(d.Name)));
  if (!de)
    return {
      ok: false,
      xml: toXml('Result', {
        StatusCode: 'Error',
        StatusMessage: 'Data Extension not found.',
        ErrorCode: 310002,
      }),
    };
  const table = ctx.state.deTarget(de).tableName.replace(/"/g, '""');
  ctx.state.db.prepare(`DELETE FROM "${table}"`).run();
  return {
    ok: true,
    xml: toXml('Result', {
      StatusCode: 'OK',
      StatusMessage: 'Data Extension data cleared.',
      Object: {
        '@type': 'DataExtension',
        PartnerKey: null,
        ObjectID: de.objectId,
        CustomerKey: de.customerKey,
      },
    }),
  };
}

/** Perform Action=start for automations, query definitions and filter activities; runs in the background. */
export function perform(ctx: SfmcContext, call: SoapCall, ns: string): EmuResponse {
  const action = text(call.body.Action).toLowerCase();
  const defs = ((call.body.Definitions as XNode | undefined)?.Definition as XNode[] | undefined) ?? [];
  const results = defs.map((d) => {
    const type = xsiType(d);
    if (type === 'DataExtension' && action === 'cleardata') return clearData(ctx, d);
    const kind = KINDS[type];
    const obj = kind
      ? text(d.ObjectID)
        ? ctx.state.objects.get(kind, text(d.ObjectID))
        : ctx.state.objects.getByKey(kind, text(d.CustomerKey))
      : undefined;
    if (action !== 'start' || !kind || !obj) {
      return {
        ok: false,
        xml: toXml('Result', {
          StatusCode: 'Error',
          StatusMessage: !kind
            ? `Perform is not supported for ${type}.`
            : !obj
              ? `${type} not found.`
              : `Unsupported action ${action}.`,
          ErrorCode: 2,
        }),
      };
    }
    const tag = `${kind === 'query' ? 'query' : kind}:${obj.objectId}`;
    ctx.queueAsync(() => {
      try {
        if (kind === 'query') ctx.runQuery(obj.objectId);
        else if (kind === 'filterActivity') ctx.runFilterActivity(obj.objectId);
        else ctx.runAutomation(obj.objectId);
      } catch {
        // the runner records failures on the object
      }
    }, tag);
    const object =
      kind === 'automation'
        ? {
            '@type': 'Automation',
            PartnerKey: null,
            ObjectID: obj.objectId,
            CustomerKey: obj.customerKey,
            IsPlatformObject: 'false',
            Name: '',
            Description: '',
            IsActive: 'true',
          }
        : { '@type': type, PartnerKey: null, ObjectID: obj.objectId, CustomerKey: obj.customerKey };
    const task =
      kind === 'automation'
        ? {}
        : { Task: { StatusCode: 'OK', StatusMessage: 'OK', ID: crypto.randomUUID() } };
    return {
      ok: true,
      xml: toXml('Result', {
        StatusCode: 'OK',
        StatusMessage: 'Performed Activity',
        ...task,
        Object: object,
      }),
    };
  });
  const allOk = results.every((r) => r.ok) && results.length > 0;
  return envelope(
    call.version,
    'PerformResponse',
    `<PerformResponseMsg xmlns="${ns}"><Results>${results.map((r) => r.xml).join('')}</Results><OverallStatus>${allOk ? 'OK' : 'Error'}</OverallStatus><OverallStatusMessage /><RequestID>${crypto.randomUUID()}</RequestID></PerformResponseMsg>`,
  );
}
