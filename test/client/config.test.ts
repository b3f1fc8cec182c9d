import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSfmcCredentials, loadConfig } from '../../src/config/index.ts';
import { KitError } from '../../src/errors/index.ts';

const base = {
  SFMC_SUBDOMAIN: 'mc563885gzs27c5t9',
  SFMC_CLIENT_ID: 'plain-id',
  SFMC_CLIENT_SECRET: 'plain-secret-value',
  SFMC_ACCOUNT_ID: '7281698',
};

function configError(fn: () => unknown): KitError {
  try {
    fn();
  } catch (e) {
    return e as KitError;
  }
  throw new Error('expected an error');
}

describe('loadConfig', () => {
  it('builds the auth URL from the subdomain and applies Salesforce defaults', () => {
    const config = loadConfig({ env: { ...base, SF_USERNAME: 'u@x.com', SF_PASSWORD: 'pw-123456' } });
    expect(config.sfmc).toEqual({
      authBaseUrl: 'https://mc563885gzs27c5t9.auth.marketingcloudapis.com',
      clientId: 'plain-id',
      clientSecret: 'plain-secret-value',
      accountId: '7281698',
    });
    expect(config.salesforce).toMatchObject({
      loginUrl: 'https://login.salesforce.com',
      auth: 'password',
      apiVersion: '62.0',
      username: 'u@x.com',
    });
  });

  it('prefers SFMC_AUTH_URL and strips a trailing /v2/token', () => {
    const config = loadConfig({
      env: { ...base, SFMC_AUTH_URL: 'https://x.auth.marketingcloudapis.com/v2/token' },
    });
    expect(config.sfmc?.authBaseUrl).toBe('https://x.auth.marketingcloudapis.com');
  });

  it('lets an environment-prefixed variable override the plain one', () => {
    const env = { ...base, PROD_SFMC_CLIENT_ID: 'prod-id', PROD_SFMC_ACCOUNT_ID: '100' };
    const prod = loadConfig({ env, envName: 'prod' });
    expect(prod.envName).toBe('prod');
    expect(prod.sfmc).toMatchObject({
      clientId: 'prod-id',
      accountId: '100',
      clientSecret: 'plain-secret-value',
    });
    expect(loadConfig({ env }).sfmc?.clientId).toBe('plain-id');
  });

  it('names a missing variable without echoing secrets', () => {
    const error = configError(() =>
      loadConfig({ env: { SFMC_SUBDOMAIN: 'abc', SFMC_CLIENT_SECRET: 'top-secret-xyz' } }),
    );
    expect(error).toBeInstanceOf(KitError);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('SFMC_CLIENT_ID');
    expect(error.message).not.toContain('top-secret-xyz');
  });

  it('rejects an invalid value naming the variable, not the value', () => {
    const error = configError(() => loadConfig({ env: { ...base, SFMC_ACCOUNT_ID: 'secretish-mid' } }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/^SFMC_ACCOUNT_ID is invalid/);
    expect(error.message).not.toContain('secretish-mid');
  });

  it('requires an auth URL or subdomain', () => {
    const error = configError(() => loadConfig({ env: { SFMC_CLIENT_ID: 'a', SFMC_CLIENT_SECRET: 'b' } }));
    expect(error.message).toContain('SFMC_AUTH_URL');
  });

  it('checks the variables each Salesforce auth mode needs', () => {
    const error = configError(() => loadConfig({ env: { SF_AUTH: 'refresh_token', SF_CLIENT_ID: 'cid' } }));
    expect(error.message).toContain('SF_REFRESH_TOKEN');
    const sf = loadConfig({
      env: { SF_CLIENT_ID: 'cid', SF_REFRESH_TOKEN: 'rt-abcdef', SF_API_VERSION: '61.0' },
    });
    expect(sf.salesforce).toMatchObject({ auth: 'refresh_token', apiVersion: '61.0' });
    expect(sf.sfmc).toBeUndefined();
  });

  it('reads .env from cwd without touching process.env', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-config-'));
    writeFileSync(
      join(dir, '.env'),
      'SFMC_AUTH_URL=https://file.auth.marketingcloudapis.com\nSFMC_CLIENT_ID=file-id\nSFMC_CLIENT_SECRET=file-secret\n',
    );
    const config = loadConfig({ cwd: dir });
    expect(config.sfmc?.clientId).toBe(process.env.SFMC_CLIENT_ID ?? 'file-id');
    expect(process.env.SFMC_CLIENT_ID === 'file-id').toBe(false);
  });

  it('hasSfmcCredentials tells whether to fall back to the emulator', () => {
    expect(hasSfmcCredentials({})).toBe(false);
    expect(hasSfmcCredentials({ SFMC_CLIENT_ID: 'a' })).toBe(false);
    expect(hasSfmcCredentials(base)).toBe(true);
    expect(hasSfmcCredentials({ QA_SFMC_CLIENT_ID: 'a', QA_SFMC_CLIENT_SECRET: 'b' }, 'qa')).toBe(true);
  });
});
