import pLimit from 'p-limit';
import { createTokenManager } from './auth/token-manager.ts';
import { createAutomations } from './resources/automations.ts';
import { createDataExtensions } from './resources/data-extensions.ts';
import { createFilters } from './resources/filters.ts';
import { createFolders } from './resources/folders.ts';
import { createQueries } from './resources/queries.ts';
import { createRows } from './resources/rows.ts';
import { paginate } from './rest/paginate.ts';
import { createRestClient } from './rest/rest-client.ts';
import { retrieveAll, retrieveList } from './soap/retrieve.ts';
import { createSoapClient } from './soap/soap-client.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './transport/retry-policy.ts';
import { createSend } from './transport/send.ts';
import { sleep as defaultSleep } from './transport/sleep.ts';
import type { ClientDeps, SfmcClientConfig } from './types.ts';

/** A client for one business unit: its own token, concurrency limit and retry budget. */
export function createClient(config: SfmcClientConfig, deps: ClientDeps = {}) {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const knownSecrets = new Set<string>([config.clientSecret]);
  const secrets = () => knownSecrets;
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    retries: config.retries ?? DEFAULT_RETRY_POLICY.retries,
    maxRetryTimeMs: config.maxRetryTimeMs ?? DEFAULT_RETRY_POLICY.maxRetryTimeMs,
  };
  const send = createSend({
    policy,
    timeoutMs: config.timeoutMs ?? 120_000,
    limit: pLimit(config.maxConcurrency ?? 5),
    deps: { ...deps, now, sleep },
    secrets,
  });
  const tokens = createTokenManager({
    authBaseUrl: config.authBaseUrl.replace(/\/+$/, ''),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    accountId: config.accountId,
    scope: config.scope,
    marginSec: config.tokenMarginSec ?? 60,
    send,
    now,
    restBaseUrl: config.restBaseUrl,
    soapBaseUrl: config.soapBaseUrl,
    onToken: (token) => knownSecrets.add(token),
  });
  const rest = createRestClient({ send, tokens, secrets });
  const soapClient = createSoapClient({ send, tokens, secrets });
  const rows = createRows({ rest, soap: soapClient, sleep, now });

  return {
    /** Low-level REST: `request({ method, path, query, body })`, `paginate(path)`. */
    rest: {
      request: rest.request,
      requestWithStatus: rest.requestWithStatus,
      paginate: <T>(path: string, options?: Parameters<typeof paginate>[2]) =>
        paginate<T>(rest, path, options),
    },
    /** Low-level SOAP: `call(action, body)`, `retrieveAll({ objectType, properties, filter })`. */
    soap: {
      call: soapClient.call,
      retrieveAll: (input: Parameters<typeof retrieveAll>[1]) => retrieveAll(soapClient, input),
      retrieveList: (input: Parameters<typeof retrieveList>[1]) => retrieveList(soapClient, input),
    },
    /** The current token's instance URLs and expiry (never log `accessToken`). */
    auth: { getToken: tokens.get },
    folders: createFolders(soapClient, rest),
    dataExtensions: createDataExtensions({ soap: soapClient, countRows: (key) => rows.count(key) }),
    rows,
    queries: createQueries({ rest, sleep, now }),
    automations: createAutomations({ rest, soap: soapClient }),
    filters: createFilters({ rest, soap: soapClient }),
  };
}

export type SfmcClient = ReturnType<typeof createClient>;
