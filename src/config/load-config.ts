import type { z } from 'zod';
import { KitError } from '../errors/index.ts';
import { pickVariable, readEnvSource } from './env-source.ts';
import { SF_VARIABLES, SFMC_VARIABLES, sfmcVariablesSchema, sfVariablesSchema } from './schema.ts';
import type { KitConfig, LoadConfigOptions, SalesforceConfig, SfmcConfig } from './types.ts';

/** The only place that reads the environment. Throws KitError('CONFIG_INVALID') naming the variable. */
export function loadConfig(options: LoadConfigOptions = {}): KitConfig {
  const env = options.env ?? readEnvSource(options.cwd ?? process.cwd());
  const envName = options.envName;
  return {
    ...(envName ? { envName } : {}),
    sfmc: loadSfmc(env, envName),
    salesforce: loadSalesforce(env, envName),
  };
}

/**
 * True when SFMC credentials are configured (plain or for `envName`), so callers can choose the
 * embedded emulator otherwise. Default source: `.env` in the working directory under `process.env`.
 */
export function hasSfmcCredentials(
  env: NodeJS.ProcessEnv = readEnvSource(process.cwd()),
  envName?: string,
): boolean {
  return (
    pickVariable(env, 'SFMC_CLIENT_ID', envName) !== undefined &&
    pickVariable(env, 'SFMC_CLIENT_SECRET', envName) !== undefined
  );
}

function collect(env: NodeJS.ProcessEnv, names: readonly string[], envName?: string) {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = pickVariable(env, name, envName);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function loadSfmc(env: NodeJS.ProcessEnv, envName?: string): SfmcConfig | undefined {
  const raw = collect(env, SFMC_VARIABLES, envName);
  if (Object.keys(raw).length === 0) return undefined;
  const vars = validate(sfmcVariablesSchema, raw, envName);
  const authBaseUrl =
    vars.SFMC_AUTH_URL ??
    (vars.SFMC_SUBDOMAIN ? `https://${vars.SFMC_SUBDOMAIN}.auth.marketingcloudapis.com` : undefined);
  if (!authBaseUrl)
    throw invalid('SFMC_AUTH_URL', 'is missing (set SFMC_AUTH_URL or SFMC_SUBDOMAIN)', envName);
  return {
    authBaseUrl: authBaseUrl.replace(/\/+$/, '').replace(/\/v2\/token$/, ''),
    clientId: vars.SFMC_CLIENT_ID,
    clientSecret: vars.SFMC_CLIENT_SECRET,
    ...(vars.SFMC_ACCOUNT_ID ? { accountId: vars.SFMC_ACCOUNT_ID } : {}),
    ...(vars.SFMC_SCOPE ? { scope: vars.SFMC_SCOPE } : {}),
    ...(vars.SFMC_HTTP_DEADLINE_SEC
      ? {
          timeoutMs: Number(vars.SFMC_HTTP_DEADLINE_SEC) * 1000,
          maxRetryTimeMs: Number(vars.SFMC_HTTP_DEADLINE_SEC) * 1000,
        }
      : {}),
  };
}

function loadSalesforce(env: NodeJS.ProcessEnv, envName?: string): SalesforceConfig | undefined {
  const raw = collect(env, SF_VARIABLES, envName);
  if (Object.keys(raw).length === 0) return undefined;
  const vars = validate(sfVariablesSchema, raw, envName);
  const auth =
    vars.SF_AUTH ??
    (vars.SF_REFRESH_TOKEN
      ? 'refresh_token'
      : vars.SF_JWT_KEY_FILE
        ? 'jwt'
        : vars.SF_USERNAME || vars.SF_PASSWORD
          ? 'password'
          : 'client_credentials');
  const required: Record<typeof auth, string[]> = {
    password: ['SF_USERNAME', 'SF_PASSWORD'],
    refresh_token: ['SF_CLIENT_ID', 'SF_REFRESH_TOKEN'],
    client_credentials: ['SF_CLIENT_ID', 'SF_CLIENT_SECRET'],
    jwt: ['SF_CLIENT_ID', 'SF_USERNAME', 'SF_JWT_KEY_FILE'],
  };
  for (const name of required[auth]) {
    if (!raw[name]) throw invalid(name, `is required when SF_AUTH is ${auth}`, envName);
  }
  return {
    loginUrl: vars.SF_LOGIN_URL.replace(/\/+$/, ''),
    auth,
    apiVersion: vars.SF_API_VERSION,
    clientId: vars.SF_CLIENT_ID,
    clientSecret: vars.SF_CLIENT_SECRET,
    username: vars.SF_USERNAME,
    password: vars.SF_PASSWORD,
    refreshToken: vars.SF_REFRESH_TOKEN,
    jwtKeyFile: vars.SF_JWT_KEY_FILE,
    ...(vars.SF_HTTP_DEADLINE_SEC ? { deadlineMs: Number(vars.SF_HTTP_DEADLINE_SEC) * 1000 } : {}),
  };
}

function validate<S extends z.ZodType>(schema: S, raw: Record<string, string>, envName?: string): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  // Only the variable name and zod's message: zod messages never include the input value here.
  const issue = result.error.issues[0];
  const name = String(issue.path[0] ?? 'environment');
  const message = raw[name] === undefined ? 'is missing' : `is invalid: ${issue.message}`;
  throw invalid(name, message, envName);
}

function invalid(name: string, message: string, envName?: string): KitError {
  const where = envName ? ` (environment "${envName}": ${envName.toUpperCase()}_${name} or ${name})` : '';
  return new KitError('CONFIG_INVALID', `${name}${where} ${message}`, {
    hint: 'See .env.example for every variable and its format.',
  });
}
