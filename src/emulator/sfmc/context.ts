import type { EmuRequest, EmuResponse } from '../http/types.ts';
import type { EmulatorState } from '../state/index.ts';
import type { TokenStore } from './tokens.ts';

/** What every SFMC handler gets: state, tokens, the runner and the emulator's own base URL. */
export interface SfmcContext {
  state: EmulatorState;
  tokens: TokenStore;
  baseUrl: () => string;
  /** Overrides the instance URLs in token responses (nock mode: the SFMC hosts themselves). */
  instanceUrls?: () => { rest: string; soap: string };
  accountId: () => string;
  runQuery: (objectId: string) => number;
  runFilterActivity: (objectId: string) => number;
  runAutomation: (objectId: string) => void;
  /** Runs work after the configured async delay; `tag` lets `isRunning` answer while it waits or runs. */
  queueAsync: (fn: () => void, tag?: string, extraDelayMs?: number) => void;
  isRunning: (tag: string) => boolean;
}

export const DOC =
  'https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm';

export const json = (status: number, body: unknown): EmuResponse => ({ status, body });
export const text = (status: number, body: string): EmuResponse => ({
  status,
  headers: { 'content-type': 'text/plain' },
  body,
});

export function restError(
  status: number,
  errorcode: number,
  message: string,
  extra: Record<string, unknown> = {},
): EmuResponse {
  return json(status, { message, errorcode, documentation: DOC, ...extra });
}

export const notFound = () => json(404, { documentation: DOC, errorcode: 404, message: 'Not Found' });
export const notAuthorized = () => json(401, { documentation: DOC, errorcode: 0, message: 'Not Authorized' });

export function parseJson(
  req: EmuRequest,
): { ok: true; value: unknown } | { ok: false; response: EmuResponse } {
  try {
    return { ok: true, value: req.body ? JSON.parse(req.body) : {} };
  } catch {
    return { ok: false, response: restError(400, 10004, 'Unable to parse the request body as JSON.') };
  }
}

/** SFMC REST timestamps: local-looking ISO without zone. */
export const restDate = (d: Date) => d.toISOString().replace('Z', '');
