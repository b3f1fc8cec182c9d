import type { SfmcContext } from '../context.ts';
import type { SoapObjectType } from './object-type.ts';

/**
 * BusinessUnit: the emulator is one top-level account (ParentID 0), so a BU list has one entry — the
 * account the emulator's credentials name. mcdev's BU refresh asks for Name, ID, ParentName, ParentID,
 * IsActive (mcdev 8 lib/util/businessUnit.js) and treats ParentID 0 as the parent BU.
 * Every result carries PartnerKey nil, ObjectID nil, AccountType and Subscription nil whatever was asked
 * (sfmc-devtools test/resources/1111111/businessUnit/retrieve-ID=1111111-QAA-response.xml, recorded).
 */
export function businessUnitType(ctx: SfmcContext): SoapObjectType {
  return {
    properties: [
      'ID',
      'Name',
      'ParentID',
      'ParentName',
      'IsActive',
      'CustomerKey',
      'MasterUnsubscribeBehavior',
    ],
    records: () => [
      {
        ID: Number(ctx.accountId()),
        Name: 'sfmc-kit emulator',
        ParentID: 0,
        ParentName: undefined,
        IsActive: 'true',
        CustomerKey: ctx.accountId(),
        MasterUnsubscribeBehavior: 'ENTIRE_ENTERPRISE',
      },
    ],
    // Element order follows the partner WSDL: APIObject's ID/ObjectID, then Account's fields, then BusinessUnit's.
    render(r, props) {
      const has = (p: string) => props.includes(p) && r[p] !== undefined;
      const out: Record<string, unknown> = { PartnerKey: null };
      if (has('ID')) out.ID = r.ID;
      out.ObjectID = null;
      if (has('CustomerKey')) out.CustomerKey = r.CustomerKey;
      out.AccountType = 'None';
      if (has('ParentID')) out.ParentID = r.ParentID;
      if (has('Name')) out.Name = r.Name;
      if (has('IsActive')) out.IsActive = r.IsActive;
      if (has('ParentName')) out.ParentName = r.ParentName;
      out.Subscription = null;
      if (has('MasterUnsubscribeBehavior')) out.MasterUnsubscribeBehavior = r.MasterUnsubscribeBehavior;
      return out;
    },
  };
}
