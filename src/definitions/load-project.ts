/**
 * Reads definitions/ into a Project: YAML with positions, `${var}` interpolation for the chosen
 * environment, zod validation, rule trees checked node by node. Every problem becomes a Diagnostic with
 * file:line:column; loading goes on after errors so one run reports them all.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { parseRules, zodIssue } from '../compiler/rules.ts';
import { checkDataExtension } from './check-data-extension.ts';
import { type Diagnostic, type Path, sortDiagnostics } from './diagnostics.ts';
import { DefinitionErrors } from './errors.ts';
import { interpolate, type Variables } from './interpolate.ts';
import type { Project } from './project.ts';
import { type DataExtensionDef, dataExtensionSchema } from './schemas/data-extension.ts';
import { type ProjectConfig, projectConfigSchema } from './schemas/project-config.ts';
import { type SegmentDef, segmentShapeSchema } from './schemas/segment.ts';
import { isSqlSegmentSource, type SqlSegmentDef, sqlSegmentSchema } from './schemas/sql-segment.ts';
import { type SegmentTestDef, segmentTestSchema } from './schemas/segment-test.ts';
import { type SyncDef, syncSchema } from './schemas/sync.ts';
import { diagnosticAt, parseSource, type SourceFile } from './source-file.ts';

export interface LoadOptions {
  env?: string;
  vars?: Record<string, string>;
  /** How file names appear in messages; default: relative to the current directory. */
  displayPath?: (absolute: string) => string;
}

export const CONFIG_FILE = 'sfmc-kit.yaml';
const FOLDERS = ['data-extensions', 'segments', 'syncs', 'tests'] as const;

export async function loadProject(dir: string, opts: LoadOptions = {}): Promise<Project> {
  const { project, diagnostics } = await loadProjectWithDiagnostics(dir, opts);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new DefinitionErrors(errors);
  return project;
}

export async function loadProjectWithDiagnostics(
  dir: string,
  opts: LoadOptions = {},
): Promise<{ project: Project; diagnostics: Diagnostic[] }> {
  const root = path.resolve(dir);
  const show = opts.displayPath ?? ((abs: string) => path.relative(process.cwd(), abs) || abs);
  const diagnostics: Diagnostic[] = [];
  const sources = new WeakMap<object, SourceFile>();

  const configPath = path.join(root, CONFIG_FILE);
  const configText = await readFile(configPath, 'utf8').catch(() => undefined);
  let config: ProjectConfig = projectConfigSchema.parse({ name: path.basename(root) });
  let variables: Variables = {};
  let envName = opts.env;
  if (configText === undefined) {
    diagnostics.push({
      severity: 'error',
      code: 'missing-config',
      message: `no ${CONFIG_FILE} found; expected the project configuration at ${show(configPath)}`,
      file: show(configPath),
      line: 1,
      column: 1,
    });
  } else {
    const { source, diagnostics: yamlErrors } = parseSource(show(configPath), configText);
    diagnostics.push(...yamlErrors);
    const raw = (source.doc.toJS() ?? {}) as Record<string, unknown>;
    const environments = (isRecord(raw.environments) ? raw.environments : {}) as Record<string, unknown>;
    envName = envName ?? (typeof raw.defaultEnvironment === 'string' ? raw.defaultEnvironment : undefined);
    if (envName && !Object.hasOwn(environments, envName)) {
      diagnostics.push(
        diagnosticAt(
          source,
          ['environments'],
          'error',
          'unknown-environment',
          `unknown environment "${envName}"; expected one of: ${Object.keys(environments).join(', ') || 'none defined'}`,
        ),
      );
    }
    const env = (envName && isRecord(environments[envName]) ? environments[envName] : {}) as Record<
      string,
      unknown
    >;
    variables = {
      ...(envName ? { env: envName } : {}),
      keyPrefix: typeof raw.keyPrefix === 'string' ? raw.keyPrefix : '',
      keySuffix: typeof env.keySuffix === 'string' ? env.keySuffix : '',
      ...scalars(raw.variables),
      ...scalars(env.variables),
      ...(opts.vars ?? {}),
    };
    diagnostics.push(...interpolate(source, variables));
    const parsed = validate(source, projectConfigSchema, diagnostics);
    if (parsed) {
      config = parsed;
      sources.set(config, source);
    }
  }

  const files = await Promise.all(FOLDERS.map((f) => listYaml(path.join(root, f), show, diagnostics)));
  const read = async (abs: string) => {
    const text = await readFile(abs, 'utf8');
    const { source, diagnostics: yamlErrors } = parseSource(show(abs), text);
    diagnostics.push(...yamlErrors);
    if (yamlErrors.length === 0) diagnostics.push(...interpolate(source, variables));
    return source;
  };
  const [deSources, segSources, syncSources, testSources] = await Promise.all(
    files.map((list) => Promise.all(list.map(read))),
  );

  const dataExtensions: DataExtensionDef[] = [];
  for (const source of deSources) {
    const de = validate(source, dataExtensionSchema, diagnostics);
    if (!de) continue;
    sources.set(de, source);
    for (const f of checkDataExtension(de))
      diagnostics.push(diagnosticAt(source, f.path, f.severity, f.code, f.message));
    dataExtensions.push(de);
  }
  const segments: SegmentDef[] = [];
  const sqlSegments: SqlSegmentDef[] = [];
  for (const source of segSources) {
    // A segment with `sql:` is a SQL segment: its own schema (src/definitions/schemas/sql-segment.ts).
    if (isSqlSegmentSource(source)) {
      const sqlSeg = validate(source, sqlSegmentSchema, diagnostics);
      if (sqlSeg) {
        sources.set(sqlSeg, source);
        sqlSegments.push(sqlSeg);
      }
      continue;
    }
    const seg = validateSegment(source, diagnostics);
    if (!seg) continue;
    sources.set(seg, source);
    segments.push(seg);
  }
  const syncs: SyncDef[] = [];
  for (const source of syncSources) {
    const sync = validate(source, syncSchema, diagnostics);
    if (sync) {
      sources.set(sync, source);
      syncs.push(sync);
    }
  }
  const tests: SegmentTestDef[] = [];
  for (const source of testSources) {
    const test = validate(source, segmentTestSchema, diagnostics);
    if (test) {
      sources.set(test, source);
      tests.push(test);
    }
  }

  duplicates(dataExtensions, (d) => d.name.toLowerCase(), 'data extension', sources, diagnostics);
  duplicates([...segments, ...sqlSegments], (s) => s.name, 'segment', sources, diagnostics);
  duplicates(syncs, (s) => s.name, 'sync', sources, diagnostics);

  const project: Project = {
    dir: root,
    env: envName,
    variables,
    config,
    environment: envName ? config.environments[envName] : undefined,
    dataExtensions,
    segments,
    sqlSegments,
    syncs,
    tests,
    sourceOf: (def) => sources.get(def),
  };
  return { project, diagnostics: sortDiagnostics(diagnostics) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalars(v: unknown): Variables {
  if (!isRecord(v)) return {};
  const out: Variables = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x;
  }
  return out;
}

/** The YAML files of a folder; a symlink is followed, and a dangling or looping one is reported. */
async function listYaml(
  dir: string,
  show: (abs: string) => string,
  diagnostics: Diagnostic[],
): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    if (!/\.ya?ml$/i.test(e.name)) continue;
    const abs = path.join(dir, e.name);
    if (e.isFile()) {
      out.push(abs);
      continue;
    }
    if (!e.isSymbolicLink()) continue;
    const target = await stat(abs).then(
      (st) => (st.isFile() ? 'file' : 'not a file'),
      (error: NodeJS.ErrnoException) =>
        error.code === 'ELOOP'
          ? 'a symlink loop'
          : error.code === 'ENOENT'
            ? 'a dangling symlink (its target does not exist)'
            : `unreadable (${error.code})`,
    );
    if (target === 'file') out.push(abs);
    else
      diagnostics.push({
        severity: 'error',
        code: 'symlink',
        message: `${e.name} is ${target === 'not a file' ? 'a symlink to something that is not a file' : target}`,
        file: show(abs),
        line: 1,
        column: 1,
      });
  }
  return out.sort();
}

/** A zod issue about a key the file does not have: named as missing, at the map that lacks it. */
function missingKey(raw: unknown, at: ReadonlyArray<PropertyKey>): string | undefined {
  if (!at.length) return undefined;
  let node: unknown = raw;
  for (const step of at.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  const last = at[at.length - 1];
  if (node === null || typeof node !== 'object' || Array.isArray(node) || typeof last !== 'string')
    return undefined;
  return Object.hasOwn(node, last) ? undefined : last;
}

function validate<T>(source: SourceFile, schema: z.ZodType<T>, diagnostics: Diagnostic[]): T | undefined {
  if (source.doc.errors.length) return undefined;
  const raw = source.doc.toJS();
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const absent = issue.code !== 'unrecognized_keys' ? missingKey(raw ?? {}, issue.path) : undefined;
    if (absent) {
      const detail = zodIssue(issue, []).message.replace(/^missing required key "[^"]*" /, '');
      diagnostics.push(
        diagnosticAt(
          source,
          issue.path.slice(0, -1) as Path,
          'error',
          'schema',
          `${absent} is required (${detail.replace(/^\((.*)\)$/, '$1')})`,
        ),
      );
      continue;
    }
    const { path: at, message, key } = zodIssue(issue, []);
    diagnostics.push(diagnosticAt(source, at, 'error', 'schema', message, key));
  }
  return undefined;
}

function validateSegment(source: SourceFile, diagnostics: Diagnostic[]): SegmentDef | undefined {
  const shape = validate(source, segmentShapeSchema, diagnostics);
  if (!shape) return undefined;
  const before = diagnostics.length;
  const report = (at: Path, message: string, key?: string) =>
    diagnostics.push(diagnosticAt(source, at, 'error', 'schema', message, key));
  const rules = (raw: unknown, at: Path) => {
    const { rules, issues } = parseRules(raw, at);
    for (const i of issues) report(i.path, i.message, i.key);
    return rules;
  };
  const seg = { ...shape } as SegmentDef;
  if ((shape.rules === undefined) === (shape.funnel === undefined)) {
    report([], 'expected exactly one of rules: or funnel:');
  }
  if (shape.rules !== undefined) seg.rules = rules(shape.rules, ['rules']);
  if (shape.funnel) {
    seg.funnel = {
      ...shape.funnel,
      stages: shape.funnel.stages.map((s, i) => ({
        ...s,
        rules: rules(s.rules, ['funnel', 'stages', i, 'rules'])!,
      })),
    };
    const names = shape.funnel.stages.map((s) => s.name);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) report(['funnel', 'stages', i, 'name'], `duplicate stage "${n}"`);
    });
  }
  if (shape.membership === 'static' && shape.schedule) {
    report(
      ['schedule'],
      'a static segment is computed once at deploy; remove schedule or use additive/dynamic',
    );
  }
  if (shape.membership !== 'static' && !shape.schedule) {
    report(
      [],
      `a ${shape.membership} segment refreshes on a schedule; expected schedule: { frequency, time }`,
      'membership',
    );
  }
  if (shape.funnel && shape.membership !== 'additive') {
    report(
      ['membership'],
      'a funnel keeps the furthest stage reached, which needs additive membership (Update)',
    );
  }
  const stem = path.basename(source.file).replace(/\.ya?ml$/i, '');
  if (stem !== shape.name) {
    report(['name'], `segment name "${shape.name}" must match its file name "${stem}"`);
  }
  return diagnostics.length === before ? seg : undefined;
}

function duplicates<T extends object>(
  list: T[],
  key: (t: T) => string,
  what: string,
  sources: WeakMap<object, SourceFile>,
  diagnostics: Diagnostic[],
): void {
  const seen = new Map<string, T>();
  for (const item of list) {
    const k = key(item);
    const first = seen.get(k);
    if (first) {
      const firstFile = sources.get(first)?.file ?? '?';
      diagnostics.push(
        diagnosticAt(
          sources.get(item)!,
          ['name'],
          'error',
          'duplicate',
          `duplicate ${what} name "${k}" (also in ${firstFile})`,
        ),
      );
    } else {
      seen.set(k, item);
    }
  }
}
