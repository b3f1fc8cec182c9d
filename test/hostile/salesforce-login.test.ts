import { afterEach, describe, expect, it } from 'vitest';
import type { SalesforceConfig } from '../../src/config/index.ts';
import { connectSalesforce } from '../../src/sync/connect.ts';
import { drip, type FakeServer, fakeServer, huge, type Route } from './fake-server.ts';

// Issue 13 points 5 and 8: a Salesforce login answered with HTML, truncated JSON, 401, 429 or a huge body
// gave "Cannot read properties of undefined" or "…failed: " with nothing after it; a dripping answer
// had no deadline.
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function login(route: Route, extra: Partial<SalesforceConfig> = {}) {
  const server = await fakeServer(route);
  servers.push(server);
  const cfg: SalesforceConfig = {
    loginUrl: server.url,
    auth: 'password',
    apiVersion: '62.0',
    clientId: 'cid',
    clientSecret: 'csecret-hostile',
    username: 'u@example.com',
    password: 'pw-hostile-secret',
    ...extra,
  };
  try {
    await connectSalesforce(cfg);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the login to fail');
}

const answer =
  (status: number, type: string, body: string): Route =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': type });
    res.end(body);
  };

describe('a Salesforce login that goes wrong says what went wrong in one line', () => {
  it.each([
    [
      'an HTML page',
      answer(503, 'text/html', '<html><body><h1>Maintenance</h1></body></html>'),
      /Maintenance|503|HTML|Unexpected token/i,
    ],
    [
      'truncated JSON',
      answer(200, 'application/json', '{"access_token":"abc","instance_'),
      /JSON|Unexpected end|Unterminated|incomplete or not what Salesforce sends/i,
    ],
    [
      'a 401',
      answer(
        401,
        'application/json',
        '{"error":"invalid_grant","error_description":"authentication failure"}',
      ),
      /authentication failure|invalid_grant/,
    ],
    [
      'a 429',
      answer(429, 'application/json', '{"error":"rate_limited","error_description":"too many requests"}'),
      /too many requests|rate_limited/,
    ],
  ])('%s', async (_name, route, message) => {
    const error = await login(route);
    expect(error.message).toMatch(/^Salesforce login \(password\) failed: \S/);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/Cannot read properties/);
    expect(error.message).not.toContain('pw-hostile-secret');
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('a huge body: the message stays short', async () => {
    const error = await login((_req, res) => huge(res, 500, 8 * 1024 * 1024));
    expect(error.message).toMatch(/^Salesforce login \(password\) failed: \S/);
    expect(error.message.length).toBeLessThan(500);
  });

  it('a dripping answer ends at the deadline', async () => {
    const started = Date.now();
    const error = await login((_req, res) => drip(res), { deadlineMs: 1500 });
    expect(error.message).toMatch(
      /^Salesforce login \(password\) failed: .*no complete answer within 1\.5 s/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
