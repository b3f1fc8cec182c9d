import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface FakeServer {
  url: string;
  /** Bytes of response body written per request path (what a capped reader left unread shows here). */
  written: Map<string, number>;
  close(): Promise<void>;
}

/** A hostile HTTP server: `route` answers every request (after its body was read). */
export async function fakeServer(route: Route): Promise<FakeServer> {
  const sockets = new Set<import('node:net').Socket>();
  const written = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const write = res.write.bind(res);
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        const path = (req.url ?? '').split('?')[0];
        written.set(path, (written.get(path) ?? 0) + Buffer.byteLength(chunk as string));
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof res.write;
      route(req, res, body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    written,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends the headers, then one byte every `everyMs` until the client goes away. */
export function drip(res: ServerResponse, contentType = 'application/json', everyMs = 200): void {
  res.writeHead(200, { 'Content-Type': contentType });
  res.write(contentType.includes('xml') ? '<' : '{');
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(' ');
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

/** Streams `bytes` of filler with `status`, in 64 KB chunks, honouring back-pressure; stops when the client leaves. */
export function huge(res: ServerResponse, status: number, bytes: number, contentType = 'text/html'): void {
  res.writeHead(status, { 'Content-Type': contentType });
  const chunk = `<p>${'x'.repeat(64 * 1024 - 7)}</p>`;
  let sent = 0;
  const pump = () => {
    while (sent < bytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

export const tokenAnswer = (base: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    access_token: 'tok-hostile-1234567890',
    token_type: 'Bearer',
    expires_in: 1079,
    rest_instance_url: `${base}/`,
    soap_instance_url: `${base}/`,
    ...extra,
  });
