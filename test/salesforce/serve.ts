import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmuHandler } from '../../src/emulator/http/types.ts';

/** A minimal node:http server around one handler, for tests. */
export async function serve(getHandler: () => EmuHandler): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        headers[k] = Array.isArray(v) ? v.join(', ') : (v ?? '');
      const out = await getHandler()({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const r = out ?? { status: 404, body: { message: 'no route' } };
      const isText = typeof r.body === 'string';
      res.writeHead(r.status, {
        'content-type': isText ? 'text/plain' : 'application/json',
        ...(r.headers ?? {}),
      });
      res.end(r.body === undefined ? '' : isText ? r.body : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
