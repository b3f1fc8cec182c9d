import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
}

export interface TlsFiles extends TlsMaterial {
  certPath: string;
  keyPath: string;
}

/** Names the certificate covers: every SFMC tenant host (one wildcard per service) and loopback. */
export const TLS_NAMES = [
  '*.auth.marketingcloudapis.com',
  '*.rest.marketingcloudapis.com',
  '*.soap.marketingcloudapis.com',
  'localhost',
];

/**
 * A fresh self-signed certificate for the emulator's TLS mode. It is its own trust anchor: a client
 * trusts it through NODE_EXTRA_CA_CERTS=<certPath> (Node) or its CA bundle option, never by turning
 * verification off. The key is written readable by the owner only.
 */
export async function createTlsFiles(dir: string, now = new Date()): Promise<TlsFiles> {
  const pems = await generate([{ name: 'commonName', value: 'sfmc-kit emulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 30 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...TLS_NAMES.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' },
        ],
      },
    ],
  });
  await mkdir(dir, { recursive: true });
  const certPath = join(dir, 'emulator-cert.pem');
  const keyPath = join(dir, 'emulator-key.pem');
  await writeFile(certPath, pems.cert, { mode: 0o644 });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  return { key: pems.private, cert: pems.cert, certPath, keyPath };
}
