import { loadConfig } from '../config/index.ts';
import { KitError } from '../errors/index.ts';
import { type DeploySession, prepareDefinitions, sessionFor } from './session.ts';

export interface ConnectedSession extends DeploySession {
  close(): Promise<void>;
  /** Where the session points, for people: host and MID, or the emulator's URL. */
  target: string;
  /** The business unit, for saved plans: the auth host and the MID (`default` when none is configured). */
  businessUnit: { host: string; mid: string };
}

/**
 * Where plan/deploy/status connect: the environment's SFMC credentials (src/config), or with
 * `emulator: true` a fresh in-process emulator (nothing persists between runs).
 *
 * The definitions are loaded and validated first: a definition error throws before any connection is
 * made or emulator started, so nothing is left running and the BU is never read.
 */
export async function connect(options: {
  dir: string;
  env?: string;
  emulator?: boolean;
}): Promise<ConnectedSession> {
  const prepared = await prepareDefinitions(options);
  if (options.emulator) {
    const { startEmulator } = await import('../emulator/index.ts');
    const emu = await startEmulator({ port: 0 });
    try {
      const s = sessionFor(prepared, { authBaseUrl: emu.urls.auth, ...emu.credentials });
      return {
        ...s,
        close: () => emu.close(),
        target: `a fresh in-process emulator (${emu.urls.base})`,
        businessUnit: { host: 'emulator', mid: emu.credentials.accountId },
      };
    } catch (error) {
      await emu.close();
      throw error;
    }
  }
  const config = loadConfig({ envName: options.env });
  if (!config.sfmc) {
    throw new KitError('CONFIG_INVALID', 'no SFMC credentials are configured', {
      hint: `set SFMC_CLIENT_ID, SFMC_CLIENT_SECRET and SFMC_AUTH_BASE_URL${options.env ? ` (or ${options.env.toUpperCase()}_SFMC_…)` : ''} in the environment or .env, or pass --emulator`,
    });
  }
  const s = sessionFor(prepared, config.sfmc);
  const host = new URL(config.sfmc.authBaseUrl).host;
  const mid = config.sfmc.accountId ?? 'default';
  return {
    ...s,
    close: async () => {},
    target: `${host} (MID ${mid})`,
    businessUnit: { host, mid },
  };
}
