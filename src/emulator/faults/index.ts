import type { EmuRequest, EmuResponse } from '../http/types.ts';

export type FaultKind = 'latency' | 'status' | 'reset' | 'token-expired' | 'slow-async' | 'concurrency';

const KINDS: readonly FaultKind[] = [
  'latency',
  'status',
  'reset',
  'token-expired',
  'slow-async',
  'concurrency',
];

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
  /**
   * For `latency`: `ms` is the call's whole time once it is served (after any concurrency queue), the
   * emulator's own work done inside it
   * (a call whose work takes longer takes that long). The model of "every call takes N ms" that an
   * API-bound ceiling assumes; without it the emulator's CPU time is added on top.
   */
  inclusive?: boolean;
  /**
   * For `concurrency`: matching requests served at once (an API allowing N concurrent calls). Further
   * ones wait in arrival order before their latency starts; a slot is held until the response is ready.
   */
  max?: number;
  /** Stop after this many hits. */
  times?: number;
}

export interface FaultDecision {
  latencyMs: number;
  /** The least time the call takes from arrival, work included (inclusive latency rules). */
  minTotalMs?: number;
  response?: EmuResponse;
  reset?: boolean;
  expireTokens?: boolean;
  /** Concurrency limits the request must get a slot in (in rule order) before anything else happens. */
  slots?: Slots[];
}

/** A counting semaphore: at most `max` holders; the rest wait first come, first served. */
export interface Slots {
  acquire(): Promise<void>;
  release(): void;
}

export function createSlots(max: number): Slots {
  let inUse = 0;
  const queue: Array<() => void> = [];
  return {
    acquire() {
      if (inUse < max) {
        inUse++;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => queue.push(resolve));
    },
    release() {
      // Hand the slot straight to the oldest waiter, so a newcomer cannot take it first.
      const next = queue.shift();
      if (next) next();
      else inUse--;
    },
  };
}

/**
 * Takes a slot in each limit, in order (the same order for every request, so two limits cannot
 * deadlock); returns the function that gives them all back.
 */
export async function holdSlots(slots: Slots[] | undefined): Promise<() => void> {
  const held: Slots[] = [];
  for (const s of slots ?? []) {
    await s.acquire();
    held.push(s);
  }
  return () => {
    for (const s of held.splice(0).reverse()) s.release();
  };
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
  type LiveRule = FaultRule & { hits: number; match: ReturnType<typeof routeMatcher>; slots?: Slots };
  let rules: LiveRule[] = [];
  const live = (r: FaultRule): LiveRule => ({
    ...r,
    hits: 0,
    match: routeMatcher(r.route),
    ...(r.kind === 'concurrency' ? { slots: createSlots(r.max!) } : {}),
  });
  // Replacing the rules gives fresh limits; requests already holding or awaiting an old slot finish
  // under the old one.
  const set = (next: FaultRule[]) => {
    next.forEach(checkRule);
    rules = next.map(live);
  };
  // Adding a rule keeps the others as they are: their hit counts, and the slots of a concurrency limit
  // (fresh slots mid-run would let twice `max` calls through for a moment).
  const add = (rule: FaultRule) => {
    checkRule(rule);
    rules = [...rules, live(rule)];
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
    add,
    clear: () => set([]),
    list: (): FaultRule[] => rules.map(({ hits: _h, match: _m, slots: _s, ...r }) => r),
    decide(req: EmuRequest): FaultDecision {
      const d: FaultDecision = { latencyMs: 0 };
      for (const r of rules) {
        if (r.kind === 'slow-async' || !fires(r, req)) continue;
        if (r.kind === 'latency' && r.inclusive) d.minTotalMs = Math.max(d.minTotalMs ?? 0, r.ms ?? 100);
        else if (r.kind === 'latency') d.latencyMs += r.ms ?? 100;
        else if (r.kind === 'reset') d.reset ??= true;
        else if (r.kind === 'token-expired') d.expireTokens = true;
        else if (r.kind === 'status' && !d.response) d.response = statusResponse(r);
        else if (r.kind === 'concurrency' && r.slots) (d.slots ??= []).push(r.slots);
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

function checkRule(r: FaultRule): void {
  if (r.kind === 'concurrency' && !(Number.isInteger(r.max) && r.max! >= 1)) {
    throw new Error(`A concurrency fault needs max, a whole number ≥ 1 (got ${String(r.max)})`);
  }
}

function statusResponse(r: FaultRule): EmuResponse {
  const status = r.status ?? 503;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (r.retryAfter !== undefined) headers['retry-after'] = String(r.retryAfter);
  const message =
    status === 429 ? 'Too Many Requests' : status === 503 ? 'Service Unavailable' : 'Internal Server Error';
  return { status, headers, body: { message, errorcode: status, documentation: DOC } };
}

/**
 * Parses a CLI fault spec: `429,route=/data/*,rate=0.5,retryAfter=2`, `reset,route=/Service.asmx`,
 * `latency,ms=200`, `latency,ms=50,inclusive`, `concurrency,max=4,route=/data/*`.
 */
export function parseFaultSpec(spec: string): FaultRule {
  const [head, ...pairs] = spec.split(',').map((s) => s.trim());
  const rule: FaultRule = /^\d{3}$/.test(head)
    ? { kind: 'status', status: Number(head) }
    : { kind: head as FaultKind };
  if (!KINDS.includes(rule.kind)) {
    throw new Error(
      `Unknown fault "${head}": use an HTTP status (429, 500, 503), latency, reset, token-expired, slow-async or concurrency`,
    );
  }
  for (const p of pairs) {
    const [k, v] = p.split('=');
    if (k === 'route') rule.route = v;
    else if (k === 'rate') rule.rate = Number(v);
    else if (k === 'retryAfter' || k === 'retry-after') rule.retryAfter = Number(v);
    else if (k === 'ms') rule.ms = Number(v);
    else if (k === 'times') rule.times = Number(v);
    else if (k === 'max') rule.max = Number(v);
    else if (k === 'inclusive') rule.inclusive = v === undefined || v === 'true';
    else throw new Error(`Unknown fault option "${k}" in "${spec}"`);
  }
  checkRule(rule);
  return rule;
}

export type Faults = ReturnType<typeof createFaults>;
