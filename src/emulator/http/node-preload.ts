/**
 * A `node --require` preload that sends a Node tool's HTTPS connections for SFMC tenant hosts
 * (`*.marketingcloudapis.com`, port 443) to the emulator's TLS port on 127.0.0.1, keeping the host name
 * as TLS servername and Host header. Tools that insist on SFMC's host names (sfmc-sdk, mcdev) then run
 * unmodified, with no hosts-file entry and no root for port 443. Written by `sfmc-kit emulator --tls`
 * with the port baked in; the emulator itself never loads it.
 */
export function nodePreloadSource(port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`Bad port ${port}`);
  return `'use strict';
// Written by sfmc-kit emulator --tls: *.marketingcloudapis.com:443 -> 127.0.0.1:${port}.
const tls = require('node:tls');
const dns = require('node:dns');
const PORT = ${port};
const SFMC = /(^|\\.)marketingcloudapis\\.com\\.?$/i;
const connect = tls.connect;
tls.connect = function (...args) {
  const o = args[0];
  if (o && typeof o === 'object' && !o.socket) {
    const host = o.host || o.servername || '';
    if (SFMC.test(host) && (o.port === undefined || Number(o.port) === 443)) {
      args[0] = { ...o, host: '127.0.0.1', port: PORT, servername: o.servername || host };
    }
  }
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (host, options, cb) {
  if (typeof options === 'function') { cb = options; options = {}; }
  if (typeof host === 'string' && SFMC.test(host)) {
    const all = typeof options === 'object' && options && options.all;
    return process.nextTick(() => (all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)));
  }
  return lookup.call(this, host, options, cb);
};
`;
}
