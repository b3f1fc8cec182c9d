import type { AddressInfo } from 'node:net';
import { createEmulatorHandler, type EmulatorCore, type EmulatorOptions } from './handler.ts';
import {
  createSalesforceEmulator,
  type SalesforceCredentials,
  type SalesforceEmulator,
} from './salesforce/index.ts';
import type { TlsMaterial } from './http/tls.ts';
import { listen } from './server.ts';

export { createFaults, type FaultRule, parseFaultSpec } from './faults/index.ts';
export {
  createEmulatorHandler,
  DEFAULT_CREDENTIALS,
  type EmulatorCore,
  type EmulatorOptions,
} from './handler.ts';
export type { EmuHandler, EmuRequest, EmuResponse } from './http/types.ts';
export { createState, type EmulatorState } from './state/index.ts';

/** The embedded Salesforce org's local default credentials (not anyone's secrets). */
export const DEFAULT_SALESFORCE_CREDENTIALS: SalesforceCredentials = {
  clientId: 'sfmc-kit-emulator-sf-client',
  clientSecret: 'sfmc-kit-emulator-sf-secret',
  username: 'integration@sfmc-kit.emulator',
  password: 'sfmc-kit-emulator-password',
};

export interface StartOptions extends EmulatorOptions {
  /** 0 = a free port. */
  port?: number;
  host?: string;
  /**
   * Also serve a Salesforce org (jsforce-compatible `/services/...`) on the same port, in the same
   * database. Default on; `false` turns it off; an object overrides its credentials.
   */
  salesforce?: boolean | Partial<SalesforceCredentials>;
  /** Serve HTTPS with this key and certificate (see http/tls.ts) instead of HTTP. */
  tls?: TlsMaterial;
}

export interface RunningEmulator {
  urls: { auth: string; rest: string; soap: string; base: string; salesforce?: string };
  credentials: EmulatorCore['credentials'] & { salesforce?: SalesforceCredentials };
  /** The embedded Salesforce org (records store, API usage), when mounted. */
  salesforce?: SalesforceEmulator;
  state: EmulatorCore['state'];
  faults: EmulatorCore['faults'];
  core: EmulatorCore;
  close(): Promise<void>;
}

/** Starts the emulator over HTTP on 127.0.0.1 (only loopback: it accepts fixed credentials). */
export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new Error(`The emulator serves on loopback only; host ${host} is not allowed`);
  }
  let base = '';
  const sfCredentials =
    options.salesforce === false
      ? undefined
      : {
          ...DEFAULT_SALESFORCE_CREDENTIALS,
          ...(typeof options.salesforce === 'object' ? options.salesforce : {}),
        };
  let salesforce: SalesforceEmulator | undefined;
  const core = createEmulatorHandler({
    ...options,
    // The caller's handlers answer first, so a test's own Salesforce mount still wins.
    mountHandlers: (state) => {
      const own = options.mountHandlers?.(state) ?? [];
      if (!sfCredentials) return own;
      salesforce = createSalesforceEmulator(state.db, {
        ...sfCredentials,
        baseUrl: () => base,
        now: options.now,
      });
      return [...own, salesforce.handler];
    },
  });
  const server = await listen(core, options.port ?? 0, host, options.tls);
  const { port } = server.address() as AddressInfo;
  base = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  core.setBaseUrl(base);
  return {
    urls: {
      auth: `${base}/`,
      rest: `${base}/`,
      soap: `${base}/Service.asmx`,
      base,
      ...(sfCredentials ? { salesforce: base } : {}),
    },
    credentials: sfCredentials ? { ...core.credentials, salesforce: sfCredentials } : core.credentials,
    salesforce,
    state: core.state,
    faults: core.faults,
    core,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          core.close();
          resolve();
        });
      }),
  };
}
