import { z } from 'zod';

export const SFMC_VARIABLES = [
  'SFMC_AUTH_URL',
  'SFMC_SUBDOMAIN',
  'SFMC_CLIENT_ID',
  'SFMC_CLIENT_SECRET',
  'SFMC_ACCOUNT_ID',
  'SFMC_SCOPE',
  'SFMC_HTTP_DEADLINE_SEC',
] as const;

export const SF_VARIABLES = [
  'SF_LOGIN_URL',
  'SF_CLIENT_ID',
  'SF_CLIENT_SECRET',
  'SF_USERNAME',
  'SF_PASSWORD',
  'SF_REFRESH_TOKEN',
  'SF_API_VERSION',
  'SF_AUTH',
  'SF_JWT_KEY_FILE',
  'SF_HTTP_DEADLINE_SEC',
] as const;

export const SF_AUTH_MODES = ['password', 'refresh_token', 'client_credentials', 'jwt'] as const;

const httpsUrl = z.url({ protocol: /^https?$/ });
/** Seconds within which one HTTP request (all its attempts) must complete. */
const deadlineSec = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a number of seconds, e.g. 120')
  .refine((v) => Number(v) >= 0.1 && Number(v) <= 3600, 'must be from 0.1 to 3600 seconds');

/** Each schema key is the variable it validates, so an issue path names the variable. */
export const sfmcVariablesSchema = z.object({
  SFMC_AUTH_URL: httpsUrl.optional(),
  SFMC_SUBDOMAIN: z
    .string()
    .regex(/^[a-z0-9-]+$/i, 'must be the subdomain only, e.g. mc563885gzs27c5t9-63k636ttgm')
    .optional(),
  SFMC_CLIENT_ID: z.string().min(1),
  SFMC_CLIENT_SECRET: z.string().min(1),
  SFMC_ACCOUNT_ID: z.string().regex(/^\d+$/, 'must be the numeric MID of the business unit').optional(),
  SFMC_SCOPE: z.string().optional(),
  SFMC_HTTP_DEADLINE_SEC: deadlineSec.optional(),
});

export const sfVariablesSchema = z.object({
  SF_LOGIN_URL: httpsUrl.default('https://login.salesforce.com'),
  SF_CLIENT_ID: z.string().optional(),
  SF_CLIENT_SECRET: z.string().optional(),
  SF_USERNAME: z.string().optional(),
  SF_PASSWORD: z.string().optional(),
  SF_REFRESH_TOKEN: z.string().optional(),
  SF_API_VERSION: z
    .string()
    .regex(/^\d+\.\d$/, 'must look like 62.0')
    .default('62.0'),
  SF_AUTH: z.enum(SF_AUTH_MODES).optional(),
  SF_JWT_KEY_FILE: z.string().optional(),
  SF_HTTP_DEADLINE_SEC: deadlineSec.optional(),
});
