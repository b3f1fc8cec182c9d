import { loadConfig } from '../config/index.ts';
import { KitError } from '../errors/index.ts';
import { type DeploySession, openSession } from './session.ts';

/**
 * Where plan/deploy/status connect: the environment's SFMC credentials (src/config), or with
 * `emulator: true` a fresh in-process emulator (nothing persists between runs).
 */
export async function connect(options: {
  dir: string;
  env?: string;
  emulator?: boolean;
}): Promise<DeploySession & { close(): Promise<void>; target: string }> {
  if (options.emulator) {
    const { startEmulator } = await import('../emulator/index.ts');
    const emu = await startEmulator({ port: 0 });
    const s = await openSession({ ...options, sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials } });
    return { ...s, close: () => emu.close(), target: `a fresh in-process emulator (${emu.urls.base})` };
  }
  const config = loadConfig({ envName: options.env });
  if (!config.sfmc) {
    throw new KitError('CONFIG_INVALID', 'no SFMC credentials are configured', {
      hint: `set SFMC_CLIENT_ID, SFMC_CLIENT_SECRET and SFMC_AUTH_BASE_URL${options.env ? ` (or ${options.env.toUpperCase()}_SFMC_…)` : ''} in the environment or .env, or pass --emulator`,
    });
  }
  const s = await openSession({ ...options, sfmc: config.sfmc });
  return {
    ...s,
    close: async () => {},
    target: `${new URL(config.sfmc.authBaseUrl).host} (MID ${config.sfmc.accountId ?? 'default'})`,
  };
}
