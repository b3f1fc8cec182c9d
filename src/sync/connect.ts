import { createSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import jsforce, { type Connection } from 'jsforce';
import { Logger } from 'jsforce/lib/util/logger.js';
import { installDeadlineAgents } from '../client/transport/deadline-agent.ts';
import type { SalesforceConfig } from '../config/index.ts';
import { KitError, redact } from '../errors/index.ts';

const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

// jsforce's loggers follow JSFORCE_LOG_LEVEL and print requests with the session id to stdout; the kit
// never lets them speak (issue 13: secrets through dependencies' debug switches).
Logger.prototype.log = () => {};

/** Each Salesforce HTTP call (jsforce's own requests) ends within this unless SF_HTTP_DEADLINE_SEC says otherwise. */
export const SALESFORCE_DEADLINE_MS = 300_000;

/** One line about a failed login: jsforce's message, or what the answer was when it has none. */
function loginFailure(e: unknown): string {
  const err = e as { name?: string; message?: string; errorCode?: string; code?: string };
  const message = String(err?.message ?? '').trim();
  const code = err?.errorCode ?? err?.code;
  // A TypeError inside jsforce means the answer lacked what a login answer has (cut JSON, an HTML page).
  const text =
    e instanceof TypeError
      ? 'the login answer was incomplete or not what Salesforce sends'
      : message || `${err?.name ?? 'error'} without a message`;
  const capped = text.length > 300 ? `${text.slice(0, 300)}… [${text.length - 300} more characters]` : text;
  return `${code && !capped.includes(String(code)) ? `[${code}] ` : ''}${capped.replace(/\s+/g, ' ')}`;
}

/** A logged-in jsforce connection for any of the four auth modes; the API version is always explicit. */
export async function connectSalesforce(cfg: SalesforceConfig): Promise<Connection> {
  const deadlineMs = cfg.deadlineMs ?? SALESFORCE_DEADLINE_MS;
  installDeadlineAgents(deadlineMs);
  // The agents cut the socket at the deadline, but jsforce drops an error that arrives while it reads a
  // body; the race makes the login fail then instead of waiting for ever.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new KitError(
            'TIMEOUT',
            `Salesforce login (${cfg.auth}) failed: no complete answer within ${Math.round(deadlineMs / 100) / 10} s (deadline)`,
            { hint: 'check SF_LOGIN_URL and the network; SF_HTTP_DEADLINE_SEC sets the deadline' },
          ),
        ),
      deadlineMs + 250,
    );
  });
  try {
    return await Promise.race([login(cfg), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function login(cfg: SalesforceConfig): Promise<Connection> {
  const oauth2 = cfg.clientId
    ? { clientId: cfg.clientId, clientSecret: cfg.clientSecret, loginUrl: cfg.loginUrl }
    : undefined;
  const secrets = [cfg.password, cfg.clientSecret, cfg.refreshToken];
  try {
    switch (cfg.auth) {
      case 'password': {
        const conn = new jsforce.Connection({ oauth2, loginUrl: cfg.loginUrl, version: cfg.apiVersion });
        await conn.login(cfg.username ?? '', cfg.password ?? '');
        return conn;
      }
      case 'refresh_token': {
        const probe = new jsforce.Connection({ oauth2, loginUrl: cfg.loginUrl, version: cfg.apiVersion });
        const res = await probe.oauth2.refreshToken(cfg.refreshToken ?? '');
        return new jsforce.Connection({
          oauth2,
          instanceUrl: res.instance_url,
          accessToken: res.access_token,
          refreshToken: cfg.refreshToken,
          version: cfg.apiVersion,
        });
      }
      case 'client_credentials': {
        const conn = new jsforce.Connection({ oauth2, loginUrl: cfg.loginUrl, version: cfg.apiVersion });
        await conn.authorize({ grant_type: 'client_credentials' });
        return conn;
      }
      case 'jwt': {
        if (!cfg.jwtKeyFile || !cfg.clientId || !cfg.username) {
          throw new KitError('CONFIG_INVALID', 'JWT bearer auth needs the client id, username and key file');
        }
        const key = await readFile(cfg.jwtKeyFile, 'utf8');
        const header = b64url(JSON.stringify({ alg: 'RS256' }));
        const claims = b64url(
          JSON.stringify({
            iss: cfg.clientId,
            sub: cfg.username,
            aud: cfg.loginUrl,
            exp: Math.floor(Date.now() / 1000) + 180,
          }),
        );
        const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key);
        const conn = new jsforce.Connection({ oauth2, loginUrl: cfg.loginUrl, version: cfg.apiVersion });
        await conn.authorize({
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: `${header}.${claims}.${b64url(signature)}`,
        });
        return conn;
      }
    }
  } catch (e) {
    if (e instanceof KitError) throw e;
    throw new KitError(
      'AUTH_FAILED',
      `Salesforce login (${cfg.auth}) failed: ${redact(loginFailure(e), secrets)}`,
      {
        hint: 'check the SF_* variables in .env',
      },
    );
  }
}
