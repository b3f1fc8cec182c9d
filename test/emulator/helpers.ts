import { type RunningEmulator, type StartOptions, startEmulator } from '../../src/emulator/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
type AnyJson = any;

export interface Session {
  emu: RunningEmulator;
  token: string;
  rest(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: AnyJson; text: string; headers: Headers }>;
  soap(
    action: string,
    bodyXml: string,
    opts?: { version?: '1.1' | '1.2'; token?: string },
  ): Promise<{ status: number; text: string }>;
}

export async function session(options: StartOptions = {}): Promise<Session> {
  const emu = await startEmulator({ asyncDelayMs: 0, scheduleTickMs: 0, ...options });
  const t = await fetch(`${emu.urls.auth}v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: emu.credentials.clientId,
      client_secret: emu.credentials.clientSecret,
    }),
  });
  const token = ((await t.json()) as { access_token: string }).access_token;
  const s: Session = {
    emu,
    token,
    async rest(method, path, body) {
      const r = await fetch(`${emu.urls.rest}${path.replace(/^\//, '')}`, {
        method,
        headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: r.status, body: parsed, text, headers: r.headers };
    },
    async soap(action, bodyXml, opts = {}) {
      const token = opts.token ?? s.token;
      const v12 = opts.version === '1.2';
      const xml = v12
        ? `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:u="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"><s:Header><a:Action s:mustUnderstand="1">${action}</a:Action><a:To s:mustUnderstand="1">${emu.urls.soap}</a:To><fueloauth xmlns="http://exacttarget.com">${token}</fueloauth></s:Header><s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">${bodyXml}</s:Body></s:Envelope>`
        : `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Header><fueloauth xmlns="http://exacttarget.com">${token}</fueloauth></Header><Body>${bodyXml}</Body></Envelope>`;
      const r = await fetch(emu.urls.soap, {
        method: 'POST',
        headers: v12
          ? { 'content-type': 'application/soap+xml; charset=utf-8' }
          : { 'content-type': 'text/xml', soapaction: action },
        body: xml,
      });
      return { status: r.status, text: await r.text() };
    },
  };
  return s;
}

export const P = 'xmlns="http://exacttarget.com/wsdl/partnerAPI"';

export function deXml(key: string, fields: string, extra = ''): string {
  return `<CreateRequest ${P}><Objects xsi:type="DataExtension"><CustomerKey>${key}</CustomerKey><Name>${key}</Name>${extra}<Fields>${fields}</Fields></Objects></CreateRequest>`;
}

export function field(
  name: string,
  type: string,
  opts: { len?: number; pk?: boolean; req?: boolean; def?: string; id?: string } = {},
): string {
  return `<Field>${opts.id ? `<ObjectID>${opts.id}</ObjectID>` : ''}<Name>${name}</Name><FieldType>${type}</FieldType>${opts.len ? `<MaxLength>${opts.len}</MaxLength>` : ''}<IsPrimaryKey>${opts.pk ? 'true' : 'false'}</IsPrimaryKey><IsRequired>${opts.req || opts.pk ? 'true' : 'false'}</IsRequired>${opts.def !== undefined ? `<DefaultValue>${opts.def}</DefaultValue>` : ''}</Field>`;
}

/** Values of one element name in document order. */
export function tags(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
}
