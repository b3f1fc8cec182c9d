import type { AutomationData } from '../../run/runner.ts';
import type { SfmcContext } from '../context.ts';
import type { SoapObjectType } from './object-type.ts';

/**
 * Program: the SOAP view of automations that mcdev lists before reading each one over REST
 * (mcdev 8 lib/metadataTypes/Automation.js retrieves Program ['ObjectID'] / ['ObjectID','CustomerKey','Name']).
 * Results are {PartnerKey nil, ObjectID, Name, CustomerKey}, ObjectID being the REST automation id
 * (sfmc-devtools test/resources/9999999/program/retrieve-response.xml, recorded).
 */
export function programType(ctx: SfmcContext): SoapObjectType {
  return {
    properties: ['ObjectID', 'Name', 'CustomerKey', 'Description'],
    records: () =>
      ctx.state.objects.list<AutomationData>('automation').map((a) => ({
        ObjectID: a.objectId,
        Name: a.name,
        CustomerKey: a.customerKey,
        Description: a.data.description,
      })),
    render(r, props) {
      const out: Record<string, unknown> = { PartnerKey: null };
      for (const p of ['ObjectID', 'Name', 'CustomerKey', 'Description'])
        if (props.includes(p)) out[p] = r[p];
      return out;
    },
  };
}
