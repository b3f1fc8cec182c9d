import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';

/**
 * The raw variables the config is read from: a `.env` file in `cwd` (if any) under the process
 * environment. The file is parsed, never loaded into `process.env`, so nothing leaks to other code.
 */
export function readEnvSource(cwd: string): NodeJS.ProcessEnv {
  const file = join(cwd, '.env');
  const fromFile = existsSync(file) ? parse(readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
}

/**
 * Looks a variable up for a named environment: `PROD_SFMC_CLIENT_ID` wins over `SFMC_CLIENT_ID`
 * when `envName` is `prod`. Empty strings count as unset.
 */
export function pickVariable(env: NodeJS.ProcessEnv, name: string, envName?: string): string | undefined {
  const prefixed = envName ? env[`${envName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${name}`] : undefined;
  const value = prefixed !== undefined && prefixed !== '' ? prefixed : env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
