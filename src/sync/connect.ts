import { createSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import jsforce, { type Connection } from 'jsforce';
import type { SalesforceConfig } from '../config/index.ts';
import { KitError, redact } from '../errors/index.ts';

const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

/** A logged-in jsforce connection for any of the four auth modes; the API version is always explicit. */
export async function connectSalesforce(cfg: SalesforceConfig): Promise<Connection> {
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
      `Salesforce login (${cfg.auth}) failed: ${redact(String((e as Error).message), secrets)}`,
      {
        hint: 'check the SF_* variables in .env',
      },
    );
  }
}
