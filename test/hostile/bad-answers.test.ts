import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.ts';
import { ApiError } from '../../src/errors/index.ts';
import { drip, type FakeServer, fakeServer, huge, type Route, tokenAnswer } from './fake-server.ts';

// Issue 13 points 5 and 8: a dripping server kept calls alive with no end; an HTML 503 page, a truncated
// SOAP answer and a token answer without instance URLs gave confusing errors; a 120 MB error body was
// buffered whole and printed.
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function clientFor(
  route: (base: string) => Route,
  limits: { timeoutMs?: number; maxRetryTimeMs?: number } = {},
) {
  let base = '';
  const server = await fakeServer((req, res, body) => route(base)(req, res, body));
  base = server.url;
  servers.push(server);
  const client = createClient(
    { authBaseUrl: base, clientId: 'id', clientSecret: 'secret-hostile-123', ...limits },
    { sleep: async () => {} },
  );
  return { client, server };
}

const tokenThen =
  (then: Route) =>
  (base: string): Route =>
  (req, res, body) => {
    if (req.url === '/v2/token') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(tokenAnswer(base));
    }
    then(req, res, body);
  };

const caught = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected a failure');
};

const soapRetrieve = (client: ReturnType<typeof createClient>) =>
  client.soap.retrieveList({ objectType: 'DataFolder', properties: ['ID'] });

describe('deadlines: a dripping server is cut off in bounded time', () => {
  it.each(['token', 'SOAP', 'REST'])(
    'a %s answer that drips a byte every 200 ms ends with TIMEOUT',
    async (which) => {
      const { client } = await clientFor(
        (base) => (req, res) => {
          if (req.url === '/v2/token' && which !== 'token') {
            res.writeHead(200, { 'Content-Type': 'application/json' });
            return res.end(tokenAnswer(base));
          }
          drip(res, which === 'SOAP' ? 'text/xml' : 'application/json');
        },
        { timeoutMs: 1000, maxRetryTimeMs: 1500 },
      );
      const started = Date.now();
      const call =
        which === 'REST'
          ? client.rest.request({ method: 'GET', path: '/automation/v1/automations' })
          : soapRetrieve(client);
      const error = await caught(call);
      expect(error).toBeInstanceOf(ApiError);
      expect(error.code).toBe('TIMEOUT');
      expect(error.message).toMatch(
        which === 'token'
          ? /POST \/v2\/token/
          : which === 'SOAP'
            ? /POST \/Service\.asmx/
            : /GET \/automation/,
      );
      expect(error.message).toMatch(/no complete answer within 1 s/);
      // Two attempts at most (1 s each, 1.5 s budget), whatever the drip.
      expect(Date.now() - started).toBeLessThan(6000);
    },
  );
});

describe('answers that are not what was expected get one line naming the call', () => {
  it('an HTML 503 page where SOAP was expected', async () => {
    const { client } = await clientFor(
      tokenThen((_req, res) => {
        res.writeHead(503, { 'Content-Type': 'text/html' });
        res.end('<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>');
      }),
    );
    const error = await caught(soapRetrieve(client));
    expect(error.message).toMatch(
      /^POST \/Service\.asmx Retrieve → 503: not a SOAP envelope \(HTTP 503, text\/html\)/,
    );
  });

  it('a truncated SOAP answer', async () => {
    const { client } = await clientFor(
      tokenThen((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.end(
          '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><RetrieveResponseMsg xmlns="http://exacttarget.com/wsdl/partnerAPI"><OverallStatus>OK</OverallStatus><Results><ID>1</ID></Res',
        );
      }),
    );
    const error = await caught(soapRetrieve(client));
    expect(error.message).toMatch(/^POST \/Service\.asmx Retrieve → 200: truncated or malformed SOAP answer/);
  });

  it.each([
    [{ soap_instance_url: undefined }, /the token answer has no soap_instance_url/],
    [{ rest_instance_url: 'not a url' }, /the token answer has an invalid rest_instance_url \("not a url"\)/],
  ])('a token answer without usable instance URLs (%j)', async (extra, message) => {
    const { client } = await clientFor((base) => (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(tokenAnswer(base, extra));
    });
    const error = await caught(client.auth.getToken());
    expect(error.message).toMatch(/^POST \/v2\/token → 200: /);
    expect(error.message).toMatch(message);
  });

  it('a token endpoint answering an HTML page', async () => {
    const { client } = await clientFor(() => (_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><body>Bad gateway</body></html>');
    });
    const error = await caught(client.auth.getToken());
    expect(error.message).toMatch(/POST \/v2\/token → 502: .*not JSON: "<html><body>Bad gateway/);
  });

  it('a 120 MB error body is read only up to its cap, and the message stays short', async () => {
    const { client, server } = await clientFor(tokenThen((_req, res) => huge(res, 500, 120 * 1024 * 1024)));
    const error = await caught(client.rest.request({ method: 'GET', path: '/automation/v1/automations' }));
    expect(error.message).toMatch(/^GET \/automation\/v1\/automations → 500: /);
    expect(error.message.length).toBeLessThan(1200);
    // Six attempts (five retries) each stopped reading after 64 KB: far from 6 × 120 MB sent.
    const sent = server.written.get('/automation/v1/automations') ?? 0;
    expect(sent).toBeLessThan(6 * 8 * 1024 * 1024);
  });
});

describe('the real CLI under a dripping token endpoint', () => {
  it('plan ends with exit 1 at SFMC_HTTP_DEADLINE_SEC', { timeout: 120_000 }, async () => {
    const server = await fakeServer((_req, res) => drip(res));
    servers.push(server);
    const { kit, smallProject } = await import('./kit.ts');
    const run = await kit(['plan'], {
      cwd: smallProject().cwd,
      env: {
        SFMC_AUTH_URL: server.url,
        SFMC_CLIENT_ID: 'id',
        SFMC_CLIENT_SECRET: 'secret-hostile-123',
        SFMC_HTTP_DEADLINE_SEC: '2',
      },
      timeoutMs: 90_000,
    });
    expect(run.timedOut).toBe(false);
    expect(run.stderr).toMatch(/POST \/v2\/token: no complete answer within 2 s/);
    expect(run.code).toBe(1);
  });
});
