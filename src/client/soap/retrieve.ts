import type { SoapRecord } from './parse.ts';
import type { SoapClient } from './soap-client.ts';
import type { XmlObject } from './xml.ts';

export type SimpleOperator =
  | 'equals'
  | 'notEquals'
  | 'greaterThan'
  | 'lessThan'
  | 'greaterThanOrEqual'
  | 'lessThanOrEqual'
  | 'isNull'
  | 'isNotNull'
  | 'between'
  | 'IN'
  | 'like';

export type SoapFilter =
  | { property: string; operator: SimpleOperator; value?: string | string[] }
  | { left: SoapFilter; logical: 'AND' | 'OR'; right: SoapFilter };

export interface RetrieveInput {
  objectType: string;
  properties: string[];
  filter?: SoapFilter;
  /** Retrieve across all business units an enterprise token can see. */
  queryAllAccounts?: boolean;
  signal?: AbortSignal;
}

/** Filter parts always carry xsi:type: SFMC rejects operands without it. */
export function filterXml(filter: SoapFilter): XmlObject {
  if ('logical' in filter) {
    return {
      '@xsi:type': 'ComplexFilterPart',
      LeftOperand: filterXml(filter.left),
      LogicalOperator: filter.logical,
      RightOperand: filterXml(filter.right),
    };
  }
  return {
    '@xsi:type': 'SimpleFilterPart',
    Property: filter.property,
    SimpleOperator: filter.operator,
    Value: filter.value,
  };
}

/**
 * Retrieve as an AsyncIterable of records: while SFMC answers MoreDataAvailable, the next page is
 * requested with ContinueRequest = the previous RequestID (pages are 2,500 rows).
 */
export async function* retrieveAll(soap: SoapClient, input: RetrieveInput): AsyncIterable<SoapRecord> {
  let request: XmlObject = {
    RetrieveRequest: {
      ...(input.queryAllAccounts ? { QueryAllAccounts: true } : {}),
      ObjectType: input.objectType,
      Properties: input.properties,
      ...(input.filter ? { Filter: filterXml(input.filter) } : {}),
    },
  };
  for (;;) {
    const reply = await soap.call('Retrieve', request, { signal: input.signal });
    for (const result of reply.results) yield result;
    if (reply.overallStatus !== 'MoreDataAvailable' || !reply.requestId) return;
    request = { RetrieveRequest: { ContinueRequest: reply.requestId } };
  }
}

export async function retrieveList(soap: SoapClient, input: RetrieveInput): Promise<SoapRecord[]> {
  const out: SoapRecord[] = [];
  for await (const record of retrieveAll(soap, input)) out.push(record);
  return out;
}
