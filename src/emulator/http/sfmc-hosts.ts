/**
 * SFMC's tenant host names: `<subdomain>.auth|rest|soap.marketingcloudapis.com`. sfmc-sdk refuses any
 * other auth_url (sfmc-sdk 2.1.2 lib/auth.js: /https:\/\/[\da-z-]{28}\.auth\.marketingcloudapis\.com\//),
 * and mcdev builds on it, so tools of that family reach the emulator only under these names.
 */
const SFMC_HOST = /^([\da-z-]+)\.(auth|rest|soap)\.marketingcloudapis\.com(:\d+)?$/i;

export interface SfmcHost {
  subdomain: string;
  service: 'auth' | 'rest' | 'soap';
  /** ':8443' when the request came to a port other than 443, '' otherwise. */
  port: string;
}

export function parseSfmcHost(host: string | undefined): SfmcHost | undefined {
  const m = SFMC_HOST.exec(host ?? '');
  if (!m) return undefined;
  return {
    subdomain: m[1].toLowerCase(),
    service: m[2].toLowerCase() as SfmcHost['service'],
    port: m[3] && m[3] !== ':443' ? m[3] : '',
  };
}

/** The rest/soap instance URLs a token answer carries for a tenant, as real SFMC's token endpoint sends them. */
export function sfmcInstanceUrls(h: SfmcHost): { rest: string; soap: string } {
  return {
    rest: `https://${h.subdomain}.rest.marketingcloudapis.com${h.port}/`,
    soap: `https://${h.subdomain}.soap.marketingcloudapis.com${h.port}/`,
  };
}
