import { hasSfmcCredentials, loadConfig } from '../config/index.ts';
import { KitError } from '../errors/index.ts';
import type { DemoTarget } from './types.ts';

export interface TargetChoice {
  /** Variables to read (default: `.env` in the working directory under `process.env`). */
  env?: NodeJS.ProcessEnv;
  envName?: string;
  /** Force the in-process emulator even when credentials are configured. */
  emulator?: boolean;
  /** The user confirmed in advance (`--yes`). */
  yes?: boolean;
  /** A prompt is possible (stdin and stdout are terminals). */
  interactive: boolean;
}

/**
 * No SFMC credentials → the embedded emulator. Credentials → their business unit, which the demo writes
 * to; so it needs a confirmation, and without a terminal that can only be `--yes`. Decided before any
 * connection is made.
 */
export function chooseDemoTarget(choice: TargetChoice): { target: DemoTarget; mustConfirm: boolean } {
  if (choice.emulator || !hasSfmcCredentials(choice.env, choice.envName)) {
    return { target: { kind: 'emulator' }, mustConfirm: false };
  }
  if (!choice.yes && !choice.interactive) {
    throw new KitError(
      'USAGE',
      'SFMC credentials are configured, so the demo would deploy to and run segments in that real business unit; refusing without a confirmation (not a terminal, no prompt is possible)',
      { hint: 'pass --yes to confirm, or --emulator to run the demo in the in-process emulator instead' },
    );
  }
  const config = loadConfig({ env: choice.env, envName: choice.envName });
  if (!config.sfmc) throw new KitError('CONFIG_INVALID', 'SFMC credentials are incomplete');
  const host = new URL(config.sfmc.authBaseUrl).host;
  return {
    target: {
      kind: 'business-unit',
      sfmc: config.sfmc,
      salesforce: config.salesforce,
      description: `the business unit at ${host} (MID ${config.sfmc.accountId ?? 'default'})`,
    },
    mustConfirm: !choice.yes,
  };
}
