import type { EmuHandler, EmuResponse } from '../../http/types.ts';
import type { SfmcContext } from '../context.ts';
import {
  automationType,
  filterActivityType,
  filterDefinitionType,
  queryDefinitionType,
} from './activities.ts';
import { businessUnitType } from './business-unit.ts';
import { dataExtensionFieldType, dataExtensionType } from './data-extension.ts';
import { compileFilter, FilterError, type FlatRecord } from './filter.ts';
import { dataFolderType } from './folder.ts';
import { nest, type SoapObjectType, type WriteResult } from './object-type.ts';
import { perform } from './perform.ts';
import { programType } from './program.ts';
import { dataExtensionObjectType } from './rows.ts';
import { EMPTY_LIST_TYPES, emptyListType } from './unmodelled.ts';
import { envelope, fault, parseEnvelope, type SoapCall, text, toXml, type XNode, xsiType } from './xml.ts';

export const PAGE_SIZE = 2500;
const NS = 'http://exacttarget.com/wsdl/partnerAPI';

/** POST /Service.asmx — SFMC's SOAP API for the object types the kit uses. */
export function createSoapHandler(ctx: SfmcContext): EmuHandler {
  const types: Record<string, SoapObjectType> = {
    DataExtension: dataExtensionType(ctx),
    DataExtensionField: dataExtensionFieldType(ctx),
    DataFolder: dataFolderType(ctx),
    QueryDefinition: queryDefinitionType(ctx),
    FilterDefinition: filterDefinitionType(ctx),
    FilterActivity: filterActivityType(ctx),
    Automation: automationType(ctx),
    BusinessUnit: businessUnitType(ctx),
    Program: programType(ctx),
    ...Object.fromEntries(EMPTY_LIST_TYPES.map((t) => [t, emptyListType()])),
  };
  const typeFor = (name: string): SoapObjectType | undefined => {
    const m = /^DataExtensionObject\[(.+)\]$/.exec(name);
    if (m) return dataExtensionObjectType(ctx, m[1]);
    return Object.hasOwn(types, name) ? types[name] : undefined;
  };
  // Remaining pages of retrieves, keyed by the RequestID the client passes back in ContinueRequest.
  const continuations = new Map<string, { type: string; items: Record<string, unknown>[] }>();

  const retrievePage = (call: SoapCall, type: string, items: Record<string, unknown>[]): EmuResponse => {
    const requestId = crypto.randomUUID();
    const pageItems = items.slice(0, PAGE_SIZE);
    const more = items.length > PAGE_SIZE;
    if (more) continuations.set(requestId, { type, items: items.slice(PAGE_SIZE) });
    const results = pageItems
      .map((r) =>
        toXml('Results', {
          '@type': type.startsWith('DataExtensionObject') ? 'DataExtensionObject' : type,
          ...r,
        }),
      )
      .join('');
    return envelope(
      call.version,
      'RetrieveResponse',
      `<RetrieveResponseMsg xmlns="${NS}"><OverallStatus>${more ? 'MoreDataAvailable' : 'OK'}</OverallStatus><RequestID>${requestId}</RequestID>${results}</RetrieveResponseMsg>`,
    );
  };
  const retrieveError = (call: SoapCall, message: string) =>
    envelope(
      call.version,
      'RetrieveResponse',
      `<RetrieveResponseMsg xmlns="${NS}">${toXml('OverallStatus', `Error: ${message}`)}<RequestID>${crypto.randomUUID()}</RequestID></RetrieveResponseMsg>`,
    );

  const retrieve = (call: SoapCall): EmuResponse => {
    const rr = (call.body.RetrieveRequest ?? {}) as XNode;
    const cont = text(rr.ContinueRequest);
    if (cont) {
      const c = continuations.get(cont);
      continuations.delete(cont);
      if (!c) return retrieveError(call, `The continue request ${cont} is not valid or has expired.`);
      return retrievePage(call, c.type, c.items);
    }
    const typeName = text(rr.ObjectType);
    const type = typeFor(typeName);
    if (!type) {
      return retrieveError(
        call,
        `Unable to find a handler for object type: ${typeName}. Object types are case-sensitive, check spelling.`,
      );
    }
    const props = ((rr.Properties as unknown[]) ?? []).map(text).filter(Boolean);
    const bad = type.anyProperties
      ? []
      : props.filter((p) => !type.properties.some((x) => x.toLowerCase() === p.toLowerCase()));
    if (bad.length || props.length === 0) {
      return retrieveError(
        call,
        `The Request Property(s) ${bad.join(', ') || '(none)'} do not match with the fields of ${typeName} retrieve`,
      );
    }
    const canonical = props.map((p) => type.properties.find((x) => x.toLowerCase() === p.toLowerCase())!);
    const ordered = type.properties.filter((p) => canonical.includes(p));
    let match: (r: FlatRecord) => boolean;
    try {
      match = compileFilter(rr.Filter as XNode | undefined);
    } catch (e) {
      if (e instanceof FilterError) return retrieveError(call, e.message);
      throw e;
    }
    const items = type
      .records()
      .filter(match)
      .map((r) => (type.render ? type.render(r, ordered) : nest(r, ordered)));
    return retrievePage(call, typeName, items);
  };

  const write = (call: SoapCall, verb: 'Create' | 'Update' | 'Delete'): EmuResponse => {
    const objects = ((call.body.Objects as XNode[]) ?? []) as XNode[];
    const results = objects.map((o, i) => {
      const typeName = xsiType(o);
      const type = typeFor(
        typeName === 'DataExtensionObject'
          ? `DataExtensionObject[${text(o.CustomerKey) || text(o.Name)}]`
          : typeName,
      );
      const fn = type?.[verb.toLowerCase() as 'create' | 'update' | 'delete'];
      const r: WriteResult = fn
        ? fn(o)
        : {
            ok: false,
            message: `Unable to find a handler for object type: ${typeName}. Object types are case-sensitive, check spelling.`,
            errorCode: 2,
          };
      const body: Record<string, unknown> = {
        StatusCode: r.ok ? 'OK' : 'Error',
        StatusMessage: r.message,
        OrdinalID: i,
      };
      if (!r.ok) body.ErrorCode = r.errorCode;
      if (r.ok && r.newId !== undefined) body.NewID = r.newId;
      if (r.ok && r.newObjectId !== undefined) body.NewObjectID = r.newObjectId;
      if (r.ok && r.object) body.Object = r.object;
      return { ok: r.ok, body };
    });
    const okCount = results.filter((r) => r.ok).length;
    const overall = okCount === results.length ? 'OK' : okCount === 0 ? 'Error' : 'Has Errors';
    return envelope(
      call.version,
      `${verb}Response`,
      `<${verb}Response xmlns="${NS}">${results.map((r) => toXml('Results', r.body)).join('')}<RequestID>${crypto.randomUUID()}</RequestID><OverallStatus>${overall}</OverallStatus></${verb}Response>`,
    );
  };

  return (req) => {
    if (req.path.toLowerCase() !== '/service.asmx') return undefined;
    const call = parseEnvelope(req);
    if (req.method !== 'POST' || !call)
      return { status: 400, headers: { 'content-type': 'text/plain' }, body: 'Bad SOAP request' };
    const actor = `${ctx.baseUrl()}/Service.asmx`;
    const tokenState = ctx.tokens.check(call.token);
    if (tokenState === 'expired') return fault(call.version, 'Token Expired', actor);
    if (tokenState === 'invalid') return fault(call.version, 'Login Failed', actor);
    switch (call.action) {
      case 'Retrieve':
        return retrieve(call);
      case 'Create':
      case 'Update':
      case 'Delete':
        return write(call, call.action);
      case 'Perform':
        return perform(ctx, call, NS);
      default:
        return fault(call.version, `Unsupported action ${call.action}`, actor);
    }
  };
}
