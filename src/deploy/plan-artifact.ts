/**
 * A saved plan (`plan --out`, `deploy --plan`) is an artifact like a terraform plan: a format name and
 * version, the environment and business unit it was made for, the live-state fingerprint, and an
 * integrity hash over its changes. `readPlanArtifact` refuses anything else before anything is written,
 * naming the file and the reason. The hash detects edits and truncation; it is not a signature (anyone
 * who can edit the file can recompute it), so keep plan files where only the deployer can write.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { KitError } from '../errors/index.ts';
import type { Change } from './change.ts';
import type { Plan } from './plan.ts';

export const PLAN_FORMAT = 'sfmc-kit-plan';
export const PLAN_VERSION = 1;

export interface BusinessUnit {
  /** Auth host (`mcXXXX.auth.marketingcloudapis.com`), or `emulator`. */
  host: string;
  /** The MID the token is requested for (`default` when none is configured). */
  mid: string;
}

export interface PlanArtifact extends Plan {
  format: typeof PLAN_FORMAT;
  businessUnit: BusinessUnit;
  /** sha256 over format, version, env, business unit, live fingerprint and every change. */
  integrity: string;
}

const resource = z.enum([
  'folder',
  'dataExtension',
  'filterDefinition',
  'query',
  'filterActivity',
  'automation',
]);
const reasons = z.array(z.string());
const present = z.unknown().refine((v) => v !== undefined && v !== null, { error: 'is required' });
const active = z.discriminatedUnion(
  'kind',
  [
    z
      .object({ kind: z.literal('create'), resource, key: z.string().min(1), reasons, desired: present })
      .strict(),
    z
      .object({
        kind: z.literal('update'),
        resource,
        key: z.string().min(1),
        reasons,
        desired: present,
        live: present,
        destructive: z.boolean(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('replace'),
        resource,
        key: z.string().min(1),
        reasons,
        desired: present,
        live: present,
        destructive: z.boolean(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('delete'),
        resource,
        key: z.string().min(1),
        reasons,
        live: present,
        destructive: z.literal(true),
      })
      .strict(),
  ],
  { error: 'unknown change kind (expected create, update, replace or delete)' },
);
const noted = z.object({
  kind: z.enum(['conflict', 'refused']),
  resource,
  key: z.string(),
  reasons,
});
const count = z.number().int().nonnegative();

export const planArtifactSchema = z
  .object({
    format: z.literal(PLAN_FORMAT, { error: `not an sfmc-kit plan (expected format: ${PLAN_FORMAT})` }),
    version: z.literal(PLAN_VERSION, {
      error: (issue) =>
        `plan version ${JSON.stringify(issue.input)} is not supported (this sfmc-kit reads version ${PLAN_VERSION})`,
    }),
    env: z.string().min(1),
    businessUnit: z.object({ host: z.string().min(1), mid: z.string().min(1) }).strict(),
    liveFingerprint: z.string().regex(/^[0-9a-f]{16}$/),
    integrity: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    changes: z.array(active),
    conflicts: z.array(noted),
    refused: z.array(noted),
    summary: z.object({ create: count, update: count, replace: count, delete: count, noop: count }).strict(),
  })
  .strict();

/** Stable JSON: object keys sorted at every depth. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function integrityOf(p: Omit<PlanArtifact, 'integrity' | 'summary'>): string {
  const covered = {
    format: p.format,
    version: p.version,
    env: p.env,
    businessUnit: p.businessUnit,
    liveFingerprint: p.liveFingerprint,
    changes: p.changes,
    conflicts: p.conflicts,
    refused: p.refused,
  };
  return `sha256:${createHash('sha256').update(canonical(covered)).digest('hex')}`;
}

export function toArtifact(plan: Plan, businessUnit: BusinessUnit): PlanArtifact {
  // Hashed as it will be read back: through JSON (undefined fields dropped, as in the file).
  const base = JSON.parse(JSON.stringify({ ...plan, format: PLAN_FORMAT, businessUnit })) as Omit<
    PlanArtifact,
    'integrity'
  >;
  return { ...base, integrity: integrityOf(base) };
}

export function serializeArtifact(artifact: PlanArtifact): string {
  return `${JSON.stringify(artifact, null, 2)}\n`;
}

function refuse(file: string, reason: string): KitError {
  return new KitError('PLAN_INVALID', `plan file ${file}: ${reason}; nothing was changed`, {
    hint: 'make a new plan with `sfmc-kit plan --out <file>`',
  });
}

/** Reads and checks a saved plan: schema, version and integrity. Throws KitError('PLAN_INVALID'). */
export function readPlanArtifact(
  file: string,
  read: (f: string) => string = (f) => readFileSync(f, 'utf8'),
): PlanArtifact {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    throw refuse(
      file,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw refuse(file, `is not valid JSON (${(error as Error).message})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw refuse(
      file,
      `expected a plan object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`,
    );
  }
  const parsed = planArtifactSchema.safeParse(raw);
  if (!parsed.success) {
    // Format and version first: a plan from another version is refused for that, not for its fields.
    const issues = [...parsed.error.issues].sort((a, b) => rank(a.path) - rank(b.path));
    const issue = issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw refuse(file, `${where}${issue.message}`);
  }
  const artifact = parsed.data as PlanArtifact;
  if (integrityOf(artifact) !== artifact.integrity) {
    throw refuse(file, 'its changes do not match its integrity hash (the file was edited or damaged)');
  }
  return artifact;
}

function rank(path: PropertyKey[]): number {
  return path[0] === 'format' ? 0 : path[0] === 'version' ? 1 : 2;
}

/** A plan applies only to the environment and business unit it was made for. */
export function assertPlanTarget(
  file: string,
  artifact: PlanArtifact,
  env: string,
  businessUnit: BusinessUnit,
): void {
  if (artifact.env !== env) {
    throw refuse(file, `it was made for environment "${artifact.env}", not "${env}"`);
  }
  if (artifact.businessUnit.host !== businessUnit.host || artifact.businessUnit.mid !== businessUnit.mid) {
    const show = (b: BusinessUnit) => `${b.host} MID ${b.mid}`;
    throw refuse(file, `it was made for ${show(artifact.businessUnit)}, not ${show(businessUnit)}`);
  }
}

export type { Change };
