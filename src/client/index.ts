export type { AccessToken, TokenManager } from './auth/token-manager.ts';
export { createTokenManager } from './auth/token-manager.ts';
export { createClient, type SfmcClient } from './create-client.ts';
export * from './resources/automations.ts';
export * from './resources/data-extension-types.ts';
export { createDataExtensions, type DataExtensionsResource, fieldXml } from './resources/data-extensions.ts';
export { type FieldChange, planFieldChanges } from './resources/field-rules.ts';
export * from './resources/filters.ts';
export * from './resources/folders.ts';
export * from './resources/queries.ts';
export * from './resources/rows.ts';
export { restError } from './rest/errors.ts';
export { collect, type PageBody, type PaginateOptions, paginate } from './rest/paginate.ts';
export {
  buildPath,
  type QueryValue,
  type RestClient,
  type RestRequest,
  type RestResponse,
} from './rest/rest-client.ts';
export { buildEnvelope, requestElement, type SoapAction } from './soap/envelope.ts';
export { parseSoap, type SoapFault, type SoapRecord, type SoapReply } from './soap/parse.ts';
export {
  filterXml,
  type RetrieveInput,
  retrieveAll,
  retrieveList,
  type SimpleOperator,
  type SoapFilter,
} from './soap/retrieve.ts';
export { assertOk, type SoapCallOptions, type SoapClient } from './soap/soap-client.ts';
export { escapeXml, toXml, type XmlObject, type XmlValue } from './soap/xml.ts';
export type { HttpRequest, HttpResponse, Send } from './transport/http-types.ts';
export {
  DEFAULT_RETRY_POLICY,
  isRetryableNetworkError,
  parseRetryAfter,
  type RetryPolicy,
  retryDelay,
} from './transport/retry-policy.ts';
export type { CallOptions, ClientDeps, RequestLogEntry, SfmcClientConfig } from './types.ts';
