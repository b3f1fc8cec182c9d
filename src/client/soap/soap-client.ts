import { XMLValidator } from 'fast-xml-parser';
import { ApiError, redact } from '../../errors/index.ts';
import type { TokenManager } from '../auth/token-manager.ts';
import type { HttpResponse, Send } from '../transport/http-types.ts';
import { buildEnvelope, type SoapAction } from './envelope.ts';
import { parseSoap, type SoapFault, type SoapReply, str } from './parse.ts';
import type { XmlObject } from './xml.ts';

export interface SoapCallOptions {
  signal?: AbortSignal;
  /** Return `Has Errors` / `Error` replies instead of throwing, to read per-object results. */
  allowErrors?: boolean;
}

export interface SoapClient {
  /** Sends one SOAP request; body is the content of `<ActionRequest>`. */
  call(action: SoapAction, body: XmlObject, options?: SoapCallOptions): Promise<SoapReply>;
}

const SOAP_PATH = '/Service.asmx';

function isFaultResponse(response: HttpResponse): boolean {
  return /<(\w+:)?Fault[\s>]/.test(response.text);
}

export function createSoapClient(deps: {
  send: Send;
  tokens: TokenManager;
  secrets: () => Iterable<string>;
}): SoapClient {
  async function attempt(
    action: SoapAction,
    body: XmlObject,
    accessToken: string,
    baseUrl: string,
    signal?: AbortSignal,
  ) {
    const response = await deps.send({
      method: 'POST',
      baseUrl,
      path: SOAP_PATH,
      soapAction: action,
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: action },
      body: buildEnvelope(action, accessToken, body),
      // A fault is an answer, not an outage: SFMC sends faults (e.g. Token Expired) as HTTP 500.
      isRetryable: (r) => !isFaultResponse(r),
      signal,
    });
    const where = { method: 'POST', path: `${SOAP_PATH} ${action}`, status: response.status };
    const problem = notSoap(response);
    if (problem) throw new ApiError('API_ERROR', redact(problem, deps.secrets()), where);
    try {
      return { response, parsed: parseSoap(response.text) };
    } catch (error) {
      throw new ApiError(
        'API_ERROR',
        redact(`the answer is not a usable SOAP envelope (${(error as Error).message})`, deps.secrets()),
        where,
      );
    }
  }

  return {
    async call(action, body, options = {}) {
      let token = await deps.tokens.get();
      let { response, parsed } = await attempt(
        action,
        body,
        token.accessToken,
        token.soapBaseUrl,
        options.signal,
      );
      if (parsed.kind === 'fault' && isTokenFault(parsed)) {
        token = await deps.tokens.refresh(token.accessToken);
        ({ response, parsed } = await attempt(
          action,
          body,
          token.accessToken,
          token.soapBaseUrl,
          options.signal,
        ));
      }
      const where = { method: 'POST', path: `${SOAP_PATH} ${action}`, status: response.status };
      const secrets = [...deps.secrets()];
      if (parsed.kind === 'fault') {
        throw new ApiError(
          isTokenFault(parsed) ? 'TOKEN_EXPIRED' : 'SOAP_FAULT',
          redact(parsed.message, secrets),
          {
            ...where,
            sfmcCode: parsed.code,
          },
        );
      }
      if (!options.allowErrors) assertOk(parsed, where, secrets);
      return parsed;
    },
  };
}

/** Why a body is not a SOAP envelope (an HTML error page, a cut answer), or undefined when it is one. */
function notSoap(response: HttpResponse): string | undefined {
  const text = response.text.trim();
  const type = response.headers['content-type'] ?? 'no content type';
  const start = JSON.stringify(text.slice(0, 80));
  if (text === '') return `empty answer where a SOAP envelope was expected (HTTP ${response.status})`;
  if (!text.startsWith('<') || /^<!doctype html|^<html/i.test(text)) {
    return `not a SOAP envelope (HTTP ${response.status}, ${type}): ${start}`;
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return `truncated or malformed SOAP answer (HTTP ${response.status}, ${text.length} bytes): ${valid.err.msg} at line ${valid.err.line}`;
  }
  return undefined;
}

function isTokenFault(fault: SoapFault): boolean {
  return /token expired|login failed|invalid token/i.test(fault.message);
}

/** Throws for `Error`, `Has Errors` and `Error: …`, with per-object messages and codes as details. */
export function assertOk(
  reply: SoapReply,
  where: { method: string; path: string; status?: number },
  secrets: string[] = [],
): void {
  const status = reply.overallStatus;
  if (status === 'OK' || status === 'MoreDataAvailable') return;
  const failed = reply.results.filter((r) => str(r, 'StatusCode') === 'Error');
  const details = failed.map((r) => {
    const code = str(r, 'ErrorCode');
    return redact(`${code ? `[${code}] ` : ''}${str(r, 'StatusMessage') ?? 'error'}`, secrets);
  });
  const headline = status.startsWith('Error:')
    ? status.slice('Error:'.length).trim()
    : (reply.overallStatusMessage ??
      (failed.length === 1 ? details.shift()?.replace(/^\[\d+\] /, '') : status));
  const first = failed[0];
  throw new ApiError('API_ERROR', redact(headline ?? status, secrets), {
    ...where,
    sfmcCode: first ? str(first, 'ErrorCode') : undefined,
    details,
  });
}
