import { createFaults, type FaultRule, type Faults, holdSlots } from './faults/index.ts';
import type { EmuHandler, EmuRequest, EmuResponse } from './http/types.ts';
import { createRunner, type Runner } from './run/runner.ts';
import { createSfmcHandler } from './sfmc/index.ts';
import { createTokenStore, type TokenStore } from './sfmc/tokens.ts';
import { createState, type EmulatorState } from './state/index.ts';

export interface EmulatorOptions {
  /** SQLite file; without it state lives in memory. */
  dataFile?: string;
  clientId?: string;
  clientSecret?: string;
  accountId?: string;
  /** Access token lifetime; SFMC answers 1079 s. */
  tokenTtlSec?: number;
  /** Clock for tokens, dates, GETDATE() and schedules. */
  now?: () => Date;
  /** Delay before background work (async rows, query/automation runs) is processed. */
  asyncDelayMs?: number;
  faults?: FaultRule[];
  faultSeed?: number;
  /** Extra handlers tried before the SFMC ones (e.g. the Salesforce surface). */
  extraHandlers?: EmuHandler[];
  /** Handlers that need the emulator's state (e.g. `(state) => [createSalesforceHandler(state.db, …)]`). */
  mountHandlers?: (state: EmulatorState) => EmuHandler[];
  /** rest/soap instance URLs returned by /v2/token; default: the emulator's own base URL. */
  instanceUrls?: { rest: string; soap: string };
  /** How often the schedule timer checks for due automations; 0 disables the timer. */
  scheduleTickMs?: number;
}

/** The emulator's local default credentials (not anyone's secrets). */
export const DEFAULT_CREDENTIALS = {
  clientId: 'sfmc-kit-emulator-client',
  clientSecret: 'sfmc-kit-emulator-secret',
  accountId: '100000001',
} as const;

const DOC = 'https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm';

export type Outcome = { kind: 'response'; response: EmuResponse } | { kind: 'reset' };

export interface EmulatorCore {
  /** Pure handler (faults applied except connection resets). */
  handler: EmuHandler;
  /** Handler result including resets, for transports that can drop a connection. */
  dispatch(req: EmuRequest): Promise<Outcome>;
  state: EmulatorState;
  faults: Faults;
  tokens: TokenStore;
  runner: Runner;
  credentials: { clientId: string; clientSecret: string; accountId: string };
  /** Sets the base URL that token responses point at. */
  setBaseUrl(url: string): void;
  /** Waits until every queued background job has run. */
  idle(): Promise<void>;
  close(): void;
}

/** Builds state, tokens, runner, faults and the composed handler; no network. */
export function createEmulatorHandler(options: EmulatorOptions = {}): EmulatorCore {
  const now = options.now ?? (() => new Date());
  const credentials = {
    clientId: options.clientId ?? DEFAULT_CREDENTIALS.clientId,
    clientSecret: options.clientSecret ?? DEFAULT_CREDENTIALS.clientSecret,
    accountId: options.accountId ?? DEFAULT_CREDENTIALS.accountId,
  };
  const state = createState({ dataFile: options.dataFile, now });
  const tokens = createTokenStore({ ttlSec: options.tokenTtlSec ?? 1079, now });
  const faults = createFaults({ rules: options.faults, seed: options.faultSeed });
  const runner = createRunner(state);
  let baseUrl = 'http://127.0.0.1';
  const running = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let waiters: Array<() => void> = [];
  const settle = () => {
    if (timers.size === 0) {
      for (const w of waiters) w();
      waiters = [];
    }
  };
  const queueAsync = (fn: () => void, tag = 'job') => {
    running.set(tag, (running.get(tag) ?? 0) + 1);
    const t = setTimeout(
      () => {
        timers.delete(t);
        try {
          if (state.db.isOpen) fn();
        } finally {
          const n = (running.get(tag) ?? 1) - 1;
          if (n <= 0) running.delete(tag);
          else running.set(tag, n);
          settle();
        }
      },
      (options.asyncDelayMs ?? 50) + faults.asyncExtraMs(tag),
    );
    timers.add(t);
  };
  const sfmc = createSfmcHandler(
    {
      state,
      tokens,
      baseUrl: () => baseUrl,
      instanceUrls: options.instanceUrls ? () => options.instanceUrls! : undefined,
      accountId: () => credentials.accountId,
      runQuery: runner.runQuery,
      runFilterActivity: runner.runFilterActivity,
      runAutomation: runner.runAutomation,
      queueAsync,
      isRunning: (tag) => running.has(tag),
    },
    credentials,
  );
  const handlers = [...(options.extraHandlers ?? []), ...(options.mountHandlers?.(state) ?? []), sfmc];
  const route = async (req: EmuRequest): Promise<EmuResponse> => {
    for (const h of handlers) {
      const r = await h(req);
      if (r) return r;
    }
    return { status: 404, body: { documentation: DOC, errorcode: 404, message: 'Not Found' } };
  };
  const dispatch = async (req: EmuRequest): Promise<Outcome> => {
    const d = faults.decide(req);
    // A concurrency slot covers the injected latency and the handler's work, as a rate-limited API's
    // server time would; queued requests start their latency only once they get in.
    const release = await holdSlots(d.slots);
    const started = performance.now();
    try {
      const outcome = await serve(req, d);
      const left = (d.minTotalMs ?? 0) - (performance.now() - started);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
      return outcome;
    } finally {
      release();
    }
  };
  const serve = async (req: EmuRequest, d: ReturnType<Faults['decide']>): Promise<Outcome> => {
    if (d.latencyMs) await new Promise((r) => setTimeout(r, d.latencyMs));
    if (d.reset) return { kind: 'reset' };
    if (d.response) return { kind: 'response', response: d.response };
    if (d.expireTokens) tokens.expireAll();
    return { kind: 'response', response: await route(req) };
  };
  const scheduleTimer =
    options.scheduleTickMs === 0
      ? undefined
      : setInterval(() => state.db.isOpen && runner.tick(), options.scheduleTickMs ?? 1000);
  scheduleTimer?.unref();
  return {
    handler: async (req) => {
      const o = await dispatch(req);
      return o.kind === 'reset'
        ? { status: 503, body: { message: 'Connection reset', errorcode: 503, documentation: DOC } }
        : o.response;
    },
    dispatch,
    state,
    faults,
    tokens,
    runner,
    credentials,
    setBaseUrl: (url) => {
      baseUrl = url.replace(/\/+$/, '');
    },
    idle: () =>
      new Promise<void>((resolve) => {
        if (timers.size === 0) resolve();
        else waiters.push(resolve);
      }),
    close() {
      if (scheduleTimer) clearInterval(scheduleTimer);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      settle();
      state.close();
    },
  };
}
