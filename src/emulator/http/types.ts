/**
 * The emulator's handlers are pure request → response functions over state (msw style):
 * the same handlers serve over real HTTP (node:http), in-process through nock (sfmc-kit/testing),
 * and directly in unit tests.
 */
export interface EmuRequest {
  method: string;
  /** Path without the query string, e.g. `/automation/v1/queries/abc`. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Raw body text ('' when none). */
  body: string;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

/** Returns undefined when the route is not this handler's. */
export type EmuHandler = (req: EmuRequest) => Promise<EmuResponse | undefined> | EmuResponse | undefined;
