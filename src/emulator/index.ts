import type { AddressInfo } from 'node:net';
import { createEmulatorHandler, type EmulatorCore, type EmulatorOptions } from './handler.ts';
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

export interface StartOptions extends EmulatorOptions {
  /** 0 = a free port. */
  port?: number;
  host?: string;
}

export interface RunningEmulator {
  urls: { auth: string; rest: string; soap: string; base: string };
  credentials: EmulatorCore['credentials'];
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
  const core = createEmulatorHandler(options);
  const server = await listen(core, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  core.setBaseUrl(base);
  return {
    urls: { auth: `${base}/`, rest: `${base}/`, soap: `${base}/Service.asmx`, base },
    credentials: core.credentials,
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
