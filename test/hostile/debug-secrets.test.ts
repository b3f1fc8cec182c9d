import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Logger } from 'jsforce/lib/util/logger.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.ts';
import '../../src/sync/connect.ts';
import { tokenRecorder } from '../reliability/secrets.ts';
import { kit, smallProject } from './kit.ts';

// Issue 13 point 11: DEBUG=* made follow-redirects print `Authorization: Bearer <token>`, and
// JSFORCE_LOG_LEVEL=DEBUG printed the Salesforce session id.
let emu: RunningEmulator;
const recorder = tokenRecorder();
beforeAll(async () => {
  emu = await startEmulator({ port: 0, scheduleTickMs: 0, extraHandlers: [recorder.handler] });
});
afterAll(() => emu.close());

describe('debug switches of dependencies do not leak secrets', () => {
  it(
    'DEBUG=* plan: no token, no client secret, no Authorization header in the output',
    { timeout: 120_000 },
    async () => {
      const { cwd } = smallProject();
      const run = await kit(['plan', '--json'], {
        cwd,
        env: {
          DEBUG: '*',
          NODE_DEBUG: 'http,https',
          SFMC_AUTH_URL: emu.urls.auth,
          SFMC_CLIENT_ID: emu.credentials.clientId,
          SFMC_CLIENT_SECRET: emu.credentials.clientSecret,
          SFMC_ACCOUNT_ID: emu.credentials.accountId,
        },
      });
      expect(run.code).toBe(2);
      expect(recorder.tokens.size).toBeGreaterThan(0);
      const out = run.stdout + run.stderr;
      for (const token of recorder.tokens) expect(out).not.toContain(token);
      expect(out).not.toContain(emu.credentials.clientSecret);
      expect(out).not.toMatch(/authorization/i);
    },
  );

  it("jsforce's loggers never print, whatever JSFORCE_LOG_LEVEL says", () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const logger = new Logger('http-api', 'DEBUG');
      logger.debug('<sessionId>00D000000000001!AQ4AQFake</sessionId>');
      logger.error('Authorization: Bearer 00D000000000001!AQ4AQFake');
      expect(log).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
