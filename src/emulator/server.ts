import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { EmulatorCore } from './handler.ts';
import type { TlsMaterial } from './http/tls.ts';
import type { EmuRequest } from './http/types.ts';

export function toEmuRequest(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: string,
): EmuRequest {
  return { method: method.toUpperCase(), path: url.pathname, query: url.searchParams, headers, body };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Serves the core's handlers over node:http, or node:https when given a key and certificate. */
export function listen(core: EmulatorCore, port: number, host: string, tls?: TlsMaterial): Promise<Server> {
  const onRequest: RequestListener = async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `${tls ? 'https' : 'http'}://${req.headers.host ?? host}`);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      const outcome = await core.dispatch(
        toEmuRequest(req.method ?? 'GET', url, headers, await readBody(req)),
      );
      if (outcome.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      const r = outcome.response;
      const isText = typeof r.body === 'string';
      const body = r.body === undefined ? '' : isText ? (r.body as string) : JSON.stringify(r.body);
      res.writeHead(r.status, {
        'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
        ...r.headers,
      });
      res.end(body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `Emulator error: ${(e as Error).message}`, errorcode: 0 }));
    }
  };
  const server: Server = tls
    ? (createHttpsServer({ key: tls.key, cert: tls.cert }, onRequest) as unknown as Server)
    : createServer(onRequest);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
