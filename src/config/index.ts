export { pickVariable, readEnvSource } from './env-source.ts';
export { hasSfmcCredentials, loadConfig } from './load-config.ts';
export { SF_AUTH_MODES, SF_VARIABLES, SFMC_VARIABLES } from './schema.ts';
export type {
  KitConfig,
  LoadConfigOptions,
  SalesforceAuthMode,
  SalesforceConfig,
  SfmcConfig,
} from './types.ts';
