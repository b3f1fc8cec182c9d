/**
 * `sfmc-kit/testing`: intercepts the SFMC hosts with nock and answers from the emulator's own handlers,
 * in process — stateful, realistic mocked API calls for users' CI.
 */
import nock from 'nock';
import { createEmulatorHandler, type EmulatorCore, type EmulatorOptions } from '../emulator/handler.ts';
import type { EmuRequest } from '../emulator/http/types.ts';

export type { FaultRule } from '../emulator/faults/index.ts';
export { DEFAULT_CREDENTIALS, type EmulatorOptions } from '../emulator/handler.ts';

export interface MockSfmcOptions extends EmulatorOptions {
  /** Auth base URL the code under test uses; default `https://mc-emulator.auth.marketingcloudapis.com/`. */
  authUrl?: string;
  /** More hosts to answer for (e.g. Salesforce's, with handlers from `mountHandlers`). */
  extraHosts?: RegExp[];
}

export interface MockSfmc {
  authUrl: string;
  restUrl: string;
  soapUrl: string;
  credentials: EmulatorCore['credentials'];
  state: EmulatorCore['state'];
  faults: EmulatorCore['faults'];
  core: EmulatorCore;
  /** Removes this mock's interceptors and closes its database. */
  restore(): void;
}

const SFMC_HOSTS = [
  /^https:\/\/[a-z0-9-]+\.auth\.marketingcloudapis\.com(:443)?$/,
  /^https:\/\/[a-z0-9-]+\.rest\.marketingcloudapis\.com(:443)?$/,
  /^https:\/\/[a-z0-9-]+\.soap\.marketingcloudapis\.com(:443)?$/,
];

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function mockSfmc(options: MockSfmcOptions = {}): MockSfmc {
  const authUrl = options.authUrl ?? 'https://mc-emulator.auth.marketingcloudapis.com/';
  const sub = /^https:\/\/([a-z0-9-]+)\.auth\.marketingcloudapis\.com/.exec(authUrl)?.[1] ?? 'mc-emulator';
  const restUrl = `https://${sub}.rest.marketingcloudapis.com/`;
  const soapUrl = `https://${sub}.soap.marketingcloudapis.com/`;
  const core = createEmulatorHandler({
    scheduleTickMs: 0,
    asyncDelayMs: 0,
    ...options,
    instanceUrls: { rest: restUrl, soap: soapUrl },
  });
  core.setBaseUrl(restUrl);
  const interceptors: nock.Interceptor[] = [];
  for (const host of [...SFMC_HOSTS, ...(options.extraHosts ?? [])]) {
    const scope = nock(host).persist();
    for (const method of METHODS) {
      const interceptor = scope.intercept(() => true, method.toUpperCase());
      interceptors.push(interceptor);
      // nock 15 hands a fetch Request to a one-argument reply function; a thrown error fails the request.
      interceptor.reply(async (request: Request) => {
        const url = new URL(request.url);
        const headers: Record<string, string> = {};
        request.headers.forEach((v, k) => {
          headers[k.toLowerCase()] = v;
        });
        const req: EmuRequest = {
          method: method.toUpperCase(),
          path: url.pathname,
          query: url.searchParams,
          headers,
          body: await request.text(),
        };
        const o = await core.dispatch(req);
        if (o.kind === 'reset') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        const r = o.response;
        const isText = typeof r.body === 'string';
        const body = r.body === undefined ? '' : isText ? (r.body as string) : JSON.stringify(r.body);
        return [
          r.status,
          body,
          {
            'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
            ...r.headers,
          },
        ];
      });
    }
  }
  return {
    authUrl,
    restUrl,
    soapUrl,
    credentials: core.credentials,
    state: core.state,
    faults: core.faults,
    core,
    restore() {
      for (const i of interceptors) nock.removeInterceptor(i);
      core.close();
    },
  };
}
