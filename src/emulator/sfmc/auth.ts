import { timingSafeEqual } from 'node:crypto';
import { parseSfmcHost, sfmcInstanceUrls } from '../http/sfmc-hosts.ts';
import type { EmuHandler } from '../http/types.ts';
import { json, type SfmcContext } from './context.ts';

export interface Credentials {
  clientId: string;
  clientSecret: string;
  accountId: string;
}

const INVALID_CLIENT = {
  error: 'invalid_client',
  error_description:
    'Client authentication failed. Make sure that the client ID and client secret are valid and that the package is installed and enabled.',
  error_uri: 'https://developer.salesforce.com/docs',
};

const SCOPE =
  'offline automations_execute automations_read automations_write data_extensions_read data_extensions_write list_and_subscribers_read list_and_subscribers_write';

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** POST /v2/token — client credentials only, as SFMC server-to-server packages do. */
export function createAuthHandler(ctx: SfmcContext, creds: Credentials): EmuHandler {
  return (req) => {
    if (req.path !== '/v2/token') return undefined;
    if (req.method !== 'POST') return json(405, { message: 'Method Not Allowed' });
    let body: Record<string, unknown> = {};
    try {
      body = req.headers['content-type']?.includes('x-www-form-urlencoded')
        ? Object.fromEntries(new URLSearchParams(req.body))
        : (JSON.parse(req.body || '{}') as Record<string, unknown>);
    } catch {
      return json(400, {
        error: 'invalid_request',
        error_description: 'Malformed JSON body.',
        error_uri: INVALID_CLIENT.error_uri,
      });
    }
    if (body.grant_type !== 'client_credentials') {
      return json(400, {
        error: 'unsupported_grant_type',
        error_description: 'Use "client_credentials" as the value for the "grant_type" parameter.',
        error_uri: INVALID_CLIENT.error_uri,
      });
    }
    if (
      !same(String(body.client_id ?? ''), creds.clientId) ||
      !same(String(body.client_secret ?? ''), creds.clientSecret)
    ) {
      return json(401, INVALID_CLIENT);
    }
    const accountId =
      body.account_id === undefined || body.account_id === '' ? creds.accountId : String(body.account_id);
    if (accountId !== creds.accountId) {
      return json(401, {
        error: 'invalid_grant',
        error_description: "The client's access to the requested account was denied.",
        error_uri: INVALID_CLIENT.error_uri,
      });
    }
    const base = ctx.baseUrl();
    // Reached as <subdomain>.auth.marketingcloudapis.com (TLS mode), answer with that tenant's rest/soap
    // hosts, the way SFMC's token endpoint does (recorded auth.json: rest_instance_url / soap_instance_url).
    const tenant = parseSfmcHost(req.headers.host);
    const urls =
      ctx.instanceUrls?.() ?? (tenant ? sfmcInstanceUrls(tenant) : { rest: `${base}/`, soap: `${base}/` });
    return json(200, {
      access_token: ctx.tokens.issue(accountId),
      token_type: 'Bearer',
      expires_in: ctx.tokens.ttlSec,
      scope: typeof body.scope === 'string' && body.scope ? body.scope : SCOPE,
      soap_instance_url: urls.soap,
      rest_instance_url: urls.rest,
    });
  };
}
