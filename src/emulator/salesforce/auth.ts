import { randomBytes } from 'node:crypto';
import type { EmuRequest, EmuResponse } from '../http/types.ts';
import { makeId } from './ids.ts';

export interface SalesforceCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  refreshToken?: string;
}

export const ORG_ID = makeId('00D', 1, 'A');
export const API_USER_ID = makeId('005', 1, 'A');

/** Issued access tokens; a token stops working when expired by time or by `expireAll`. */
export interface TokenBook {
  issue(): string;
  isValid(token: string): boolean;
  expireAll(): void;
}

export function createTokenBook(now: () => Date, ttlSeconds?: number): TokenBook {
  const tokens = new Map<string, number>();
  return {
    issue() {
      // Shaped like a real session id: org id, '!', opaque part.
      const token = `${ORG_ID.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
      tokens.set(token, ttlSeconds ? now().getTime() + ttlSeconds * 1000 : Number.POSITIVE_INFINITY);
      return token;
    },
    isValid(token) {
      const expires = tokens.get(token);
      return expires !== undefined && expires > now().getTime();
    },
    expireAll() {
      tokens.clear();
    },
  };
}

const oauthError = (error: string, description: string): EmuResponse => ({
  status: 400,
  body: { error, error_description: description },
});

/** `POST /services/oauth2/token` — password, refresh_token and client_credentials grants. */
export function handleToken(
  req: EmuRequest,
  creds: SalesforceCredentials,
  tokens: TokenBook,
  baseUrl: string,
  now: Date,
): EmuResponse {
  const form = new URLSearchParams(req.body);
  const grant = form.get('grant_type');
  if (form.get('client_id') !== creds.clientId)
    return oauthError('invalid_client_id', 'client identifier invalid');
  // Salesforce accepts a refresh without the secret for some connected apps; the emulator demands it when sent.
  const secret = form.get('client_secret');
  if (secret !== null ? secret !== creds.clientSecret : grant !== 'refresh_token') {
    return oauthError('invalid_client', 'invalid client credentials');
  }
  if (grant === 'password') {
    if (form.get('username') !== creds.username || form.get('password') !== creds.password) {
      return oauthError('invalid_grant', 'authentication failure');
    }
  } else if (grant === 'refresh_token') {
    if (!creds.refreshToken || form.get('refresh_token') !== creds.refreshToken) {
      return oauthError('invalid_grant', 'expired access/refresh token');
    }
  } else if (grant !== 'client_credentials') {
    return oauthError('unsupported_grant_type', 'grant type not supported');
  }
  return {
    status: 200,
    body: {
      access_token: tokens.issue(),
      instance_url: baseUrl,
      id: `${baseUrl}/id/${ORG_ID}/${API_USER_ID}`,
      token_type: 'Bearer',
      issued_at: String(now.getTime()),
      signature: randomBytes(32).toString('base64'),
      scope: 'api refresh_token',
    },
  };
}

const xmlText = (body: string, tag: string): string | undefined => {
  const m = new RegExp(`<(?:\\w+:)?${tag}>([^<]*)</(?:\\w+:)?${tag}>`).exec(body);
  return m?.[1]
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
};

/** `POST /services/Soap/u/{version}` — the SOAP login jsforce uses when no OAuth client is configured. */
export function handleSoapLogin(
  req: EmuRequest,
  version: string,
  creds: SalesforceCredentials,
  tokens: TokenBook,
  baseUrl: string,
): EmuResponse {
  const xml = { 'content-type': 'text/xml; charset=utf-8' };
  if (xmlText(req.body, 'username') !== creds.username || xmlText(req.body, 'password') !== creds.password) {
    return {
      status: 500,
      headers: xml,
      body: `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body><soapenv:Fault><faultcode>INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring><detail><sf:LoginFault><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode><sf:exceptionMessage>Invalid username, password, security token; or user locked out.</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
    };
  }
  const token = tokens.issue();
  return {
    status: 200,
    headers: xml,
    body: `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com"><soapenv:Body><loginResponse><result><metadataServerUrl>${baseUrl}/services/Soap/m/${version}/${ORG_ID.slice(0, 15)}</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>true</sandbox><serverUrl>${baseUrl}/services/Soap/u/${version}/${ORG_ID.slice(0, 15)}</serverUrl><sessionId>${token}</sessionId><userId>${API_USER_ID}</userId><userInfo><organizationId>${ORG_ID}</organizationId><userId>${API_USER_ID}</userId><userName>${creds.username.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</userName></userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>`,
  };
}
