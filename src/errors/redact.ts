/**
 * Removes secrets from text that may end up in an error message, a log line or a file.
 * Known secret values are replaced wherever they appear; well-known secret-carrying shapes
 * (Bearer tokens, `access_token` / `client_secret` / `refresh_token` / `password` JSON or form fields,
 * the SOAP `fueloauth` header) are masked even when the value is not known in advance.
 */
const MASK = '[REDACTED]';

const PATTERNS: Array<[RegExp, string]> = [
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${MASK}`],
  [
    /("(?:access_token|refresh_token|client_secret|password|clientSecret|accessToken|refreshToken|sessionId|session_id)"\s*:\s*")[^"]*(")/gi,
    `$1${MASK}$2`,
  ],
  [/((?:access_token|refresh_token|client_secret|password|assertion)=)[^&\s"']+/gi, `$1${MASK}`],
  [/(<(?:\w+:)?fueloauth[^>]*>)[^<]*(<\/(?:\w+:)?fueloauth>)/gi, `$1${MASK}$2`],
  [/(<(?:\w+:)?sessionId[^>]*>)[^<]*(<\/(?:\w+:)?sessionId>)/gi, `$1${MASK}$2`],
];

export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would mask ordinary words; real secrets are long.
    if (secret && secret.length >= 6) out = out.split(secret).join(MASK);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Header names whose values are never shown. */
export const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'x-api-key']);

export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? MASK : value;
  }
  return out;
}
