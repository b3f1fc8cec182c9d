export interface SfmcConfig {
  /** e.g. https://mcXXXX.auth.marketingcloudapis.com (no /v2/token). */
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Business unit MID; the token is valid only for this BU. */
  accountId?: string;
  scope?: string;
  /** SFMC_HTTP_DEADLINE_SEC: one request, all attempts included, ends within this (default 120 s). */
  timeoutMs?: number;
  maxRetryTimeMs?: number;
}

export type SalesforceAuthMode = 'password' | 'refresh_token' | 'client_credentials' | 'jwt';

export interface SalesforceConfig {
  loginUrl: string;
  auth: SalesforceAuthMode;
  apiVersion: string;
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  refreshToken?: string;
  jwtKeyFile?: string;
  /** SF_HTTP_DEADLINE_SEC: each Salesforce HTTP call ends within this (default 120 s). */
  deadlineMs?: number;
}

export interface KitConfig {
  /** The environment name the variables were chosen for, if any. */
  envName?: string;
  /** Absent when no SFMC variable is set (callers may then start the emulator). */
  sfmc?: SfmcConfig;
  /** Absent when no Salesforce variable is set. */
  salesforce?: SalesforceConfig;
}

export interface LoadConfigOptions {
  /** Variables to read; default: `.env` in `cwd` under `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Where `.env` is looked for when `env` is not given; default `process.cwd()`. */
  cwd?: string;
  /** Selects prefixed variables: `PROD_SFMC_CLIENT_ID` overrides `SFMC_CLIENT_ID` for `prod`. */
  envName?: string;
}
