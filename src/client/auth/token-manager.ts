import { ApiError, redact } from '../../errors/index.ts';
import type { Send } from '../transport/http-types.ts';

export interface AccessToken {
  accessToken: string;
  restBaseUrl: string;
  soapBaseUrl: string;
  /** Epoch ms at which SFMC stops accepting the token. */
  expiresAt: number;
}

export interface TokenManagerOptions {
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  accountId?: string;
  scope?: string;
  marginSec: number;
  send: Send;
  now: () => number;
  restBaseUrl?: string;
  soapBaseUrl?: string;
  /** Told about every token so error messages can mask it. */
  onToken: (token: string) => void;
}

export interface TokenManager {
  /** A valid token: cached, or fetched by the one refresh in flight. */
  get(): Promise<AccessToken>;
  /**
   * Called after SFMC rejected `stale`. Concurrent callers that saw the same stale token share one
   * refresh; a caller whose token was already replaced gets the new one without another request.
   */
  refresh(stale: string): Promise<AccessToken>;
}

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  let current: AccessToken | undefined;
  let inFlight: Promise<AccessToken> | undefined;

  const fresh = (token: AccessToken) => options.now() < token.expiresAt - options.marginSec * 1000;

  function fetchShared(): Promise<AccessToken> {
    inFlight ??= fetchToken(options).then(
      (token) => {
        current = token;
        inFlight = undefined;
        options.onToken(token.accessToken);
        return token;
      },
      (error) => {
        inFlight = undefined;
        throw error;
      },
    );
    return inFlight;
  }

  return {
    async get() {
      if (current && fresh(current)) return current;
      return fetchShared();
    },
    async refresh(stale) {
      if (current && current.accessToken !== stale && fresh(current)) return current;
      if (current?.accessToken === stale) current = undefined;
      return fetchShared();
    },
  };
}

async function fetchToken(options: TokenManagerOptions): Promise<AccessToken> {
  const requestedAt = options.now();
  const path = '/v2/token';
  const response = await options.send({
    method: 'POST',
    baseUrl: options.authBaseUrl,
    path,
    body: {
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      ...(options.accountId ? { account_id: options.accountId } : {}),
      ...(options.scope ? { scope: options.scope } : {}),
    },
  });
  const body = (response.data ?? {}) as Record<string, unknown>;
  if (response.status >= 400 || typeof body.access_token !== 'string') {
    const code = typeof body.error === 'string' ? body.error : undefined;
    const description =
      typeof body.error_description === 'string'
        ? body.error_description
        : typeof body.message === 'string'
          ? body.message
          : typeof response.data === 'string'
            ? `token request failed with HTTP ${response.status}; the answer is not JSON: ${JSON.stringify(response.data.trim().slice(0, 80))}`
            : `token request failed with HTTP ${response.status}`;
    throw new ApiError(
      response.status === 429 || response.status >= 500 ? 'API_ERROR' : 'AUTH_FAILED',
      redact(description, [options.clientSecret]),
      { method: 'POST', path, status: response.status, sfmcCode: code },
    );
  }
  const expiresIn = Number(body.expires_in ?? 1079);
  // SFMC's answer names the tenant's REST and SOAP hosts; without them no later call can be made.
  const instance = (name: string, override?: string) => {
    const value = override ?? body[name];
    if (typeof value !== 'string' || !/^https?:\/\/[^\s/]+/i.test(value)) {
      throw new ApiError(
        'API_ERROR',
        `the token answer has ${value === undefined ? `no ${name}` : `an invalid ${name} (${JSON.stringify(String(value).slice(0, 80))})`}; expected the tenant's instance URL`,
        { method: 'POST', path, status: response.status },
      );
    }
    return trimSlash(value);
  };
  return {
    accessToken: body.access_token,
    restBaseUrl: instance('rest_instance_url', options.restBaseUrl),
    soapBaseUrl: instance('soap_instance_url', options.soapBaseUrl),
    expiresAt: requestedAt + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 1079) * 1000,
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
