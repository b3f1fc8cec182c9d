import { randomBytes } from 'node:crypto';

export interface TokenInfo {
  accountId: string;
  expiresAt: number;
}

/** Issued access tokens, kept in memory: a restarted emulator makes clients fetch a new token, as SFMC would. */
export function createTokenStore(opts: { ttlSec: number; now: () => Date }) {
  const tokens = new Map<string, TokenInfo>();
  return {
    ttlSec: opts.ttlSec,
    issue(accountId: string): string {
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, { accountId, expiresAt: opts.now().getTime() + opts.ttlSec * 1000 });
      return token;
    },
    check(token: string | undefined): 'ok' | 'expired' | 'invalid' {
      const info = token ? tokens.get(token) : undefined;
      if (!info) return 'invalid';
      return info.expiresAt <= opts.now().getTime() ? 'expired' : 'ok';
    },
    /** Fault injection and tests: makes every issued token expire now. */
    expireAll(): void {
      for (const info of tokens.values()) info.expiresAt = 0;
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
