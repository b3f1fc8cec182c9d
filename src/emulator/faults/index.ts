import type { EmuRequest, EmuResponse } from '../http/types.ts';

export type FaultKind = 'latency' | 'status' | 'reset' | 'token-expired' | 'slow-async';

export interface FaultRule {
  kind: FaultKind;
  /** `[METHOD ]/path/glob*`; omitted = every route. */
  route?: string;
  /** Share of matching requests hit, 0–1 (default 1). */
  rate?: number;
  /** For `status`: 429, 500, 503, … */
  status?: number;
  /** For `status` 429: seconds sent in Retry-After; omitted = no header. */
  retryAfter?: number;
  /** For `latency` and `slow-async`: milliseconds added. */
  ms?: number;
  /** Stop after this many hits. */
  times?: number;
}

export interface FaultDecision {
  latencyMs: number;
  response?: EmuResponse;
  reset?: boolean;
  expireTokens?: boolean;
}

/** Small seeded PRNG (mulberry32) so a fault run is reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function routeMatcher(route: string | undefined): (req: { method: string; path: string }) => boolean {
  if (!route || route === '*') return () => true;
  const m = /^([A-Z]+)\s+(.*)$/.exec(route.trim());
  const method = m?.[1];
  const glob = (m?.[2] ?? route).trim();
  const re = new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return (req) => (!method || method === req.method.toUpperCase()) && re.test(req.path);
}

const DOC = 'https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm';

/** Faults on demand, per route and rate; rules can be replaced at runtime. */
export function createFaults(options: { rules?: FaultRule[]; seed?: number } = {}) {
  const random = prng(options.seed ?? 1);
  let rules: Array<FaultRule & { hits: number; match: ReturnType<typeof routeMatcher> }> = [];
  const set = (next: FaultRule[]) => {
    rules = next.map((r) => ({ ...r, hits: 0, match: routeMatcher(r.route) }));
  };
  set(options.rules ?? []);
  const fires = (r: (typeof rules)[number], req: { method: string; path: string }) => {
    if (!r.match(req)) return false;
    if (r.times !== undefined && r.hits >= r.times) return false;
    if (random() >= (r.rate ?? 1)) return false;
    r.hits++;
    return true;
  };
  return {
    set,
    add: (rule: FaultRule) => set([...rules, rule]),
    clear: () => set([]),
    list: (): FaultRule[] => rules.map(({ hits: _h, match: _m, ...r }) => r),
    decide(req: EmuRequest): FaultDecision {
      const d: FaultDecision = { latencyMs: 0 };
      for (const r of rules) {
        if (r.kind === 'slow-async' || !fires(r, req)) continue;
        if (r.kind === 'latency') d.latencyMs += r.ms ?? 100;
        else if (r.kind === 'reset') d.reset ??= true;
        else if (r.kind === 'token-expired') d.expireTokens = true;
        else if (r.kind === 'status' && !d.response) d.response = statusResponse(r);
      }
      return d;
    },
    /** Extra delay for a background job (async rows, query and automation runs). */
    asyncExtraMs(tag: string): number {
      let ms = 0;
      for (const r of rules)
        if (r.kind === 'slow-async' && fires(r, { method: 'ASYNC', path: tag })) ms += r.ms ?? 1000;
      return ms;
    },
  };
}

function statusResponse(r: FaultRule): EmuResponse {
  const status = r.status ?? 503;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (r.retryAfter !== undefined) headers['retry-after'] = String(r.retryAfter);
  const message =
    status === 429 ? 'Too Many Requests' : status === 503 ? 'Service Unavailable' : 'Internal Server Error';
  return { status, headers, body: { message, errorcode: status, documentation: DOC } };
}

/** Parses a CLI fault spec: `429,route=/data/*,rate=0.5,retryAfter=2`, `reset,route=/Service.asmx`, `latency,ms=200`. */
export function parseFaultSpec(spec: string): FaultRule {
  const [head, ...pairs] = spec.split(',').map((s) => s.trim());
  const rule: FaultRule = /^\d{3}$/.test(head)
    ? { kind: 'status', status: Number(head) }
    : { kind: head as FaultKind };
  if (!['latency', 'status', 'reset', 'token-expired', 'slow-async'].includes(rule.kind)) {
    throw new Error(
      `Unknown fault "${head}": use an HTTP status (429, 500, 503), latency, reset, token-expired or slow-async`,
    );
  }
  for (const p of pairs) {
    const [k, v] = p.split('=');
    if (k === 'route') rule.route = v;
    else if (k === 'rate') rule.rate = Number(v);
    else if (k === 'retryAfter' || k === 'retry-after') rule.retryAfter = Number(v);
    else if (k === 'ms') rule.ms = Number(v);
    else if (k === 'times') rule.times = Number(v);
    else throw new Error(`Unknown fault option "${k}" in "${spec}"`);
  }
  return rule;
}

export type Faults = ReturnType<typeof createFaults>;
