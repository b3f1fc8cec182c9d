import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import type { ClientDeps, RequestLogEntry, SfmcClientConfig } from '../../src/client/index.ts';
import { createClient } from '../../src/client/index.ts';

export const AUTH = 'https://mc-test.auth.marketingcloudapis.com';
export const REST = 'https://mc-test.rest.marketingcloudapis.com';
export const SOAP = 'https://mc-test.soap.marketingcloudapis.com';
export const SECRET = 'sEcReT-client-secret-4242';
export const FIRST_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.tok-first-0000000001';

export function fixture(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
}

export function jsonFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixture(name)) as T;
}

/** A token body like the recorded one, with a chosen token and lifetime. */
export function tokenBody(accessToken = FIRST_TOKEN, expiresIn = 1079) {
  return { ...jsonFixture('token.json'), access_token: accessToken, expires_in: expiresIn };
}

export function mockToken(accessToken = FIRST_TOKEN, expiresIn = 1079) {
  return nock(AUTH).post('/v2/token').reply(200, tokenBody(accessToken, expiresIn));
}

/** Wraps a partnerAPI body element the way SFMC answers (SOAP 1.1). */
export function soapReply(element: string, inner: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>' +
    `<${element} xmlns="http://exacttarget.com/wsdl/partnerAPI">${inner}</${element}></soap:Body></soap:Envelope>`
  );
}

export function makeClient(config: Partial<SfmcClientConfig> = {}, deps: ClientDeps = {}) {
  const entries: RequestLogEntry[] = [];
  const sleeps: number[] = [];
  let clock = 1_700_000_000_000;
  const client = createClient(
    { authBaseUrl: AUTH, clientId: 'client-id-abc', clientSecret: SECRET, accountId: '7281698', ...config },
    {
      onRequest: (e) => entries.push(e),
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      now: () => clock,
      random: () => 0.5,
      ...deps,
    },
  );
  return {
    client,
    entries,
    sleeps,
    /** "METHOD /path" (plus the SOAP action) per request, in order. */
    log: () => entries.map((e) => `${e.method} ${e.path}${e.soapAction ? ` ${e.soapAction}` : ''}`),
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

/** A SOAP body matcher on the request XML. */
export function soapBodyIncludes(...parts: string[]) {
  return (body: unknown) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return parts.every((p) => text.includes(p));
  };
}

/** Awaits a promise that must reject and returns the error, typed for assertions. */
export async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}
