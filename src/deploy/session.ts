import { createClient, type RequestLogEntry, type SfmcClient } from '../client/index.ts';
import { DefinitionErrors, type Project } from '../definitions/index.ts';
import { validateProject } from '../lint/validate-project.ts';
import { type Ownership, portFromClient } from './client-port.ts';
import { desiredFromProject, managedFolders } from './from-project.ts';
import type { Model } from './model.ts';
import type { DeployPort } from './port.ts';

export interface SfmcConnection {
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  accountId?: string;
  /** Per-attempt and per-request deadlines (SFMC_HTTP_DEADLINE_SEC); default 120 s each. */
  timeoutMs?: number;
  maxRetryTimeMs?: number;
}

/** sfmc-kit marks what it manages by both key prefix and folder. */
export function ownershipFor(project: Project): Ownership {
  const f = managedFolders(project);
  return {
    keyPrefix: project.config.keyPrefix,
    folders: {
      dataExtension: [f.dataExtension, f.segment],
      query: [f.query],
      filterDefinition: [f.filterDefinition],
      filterActivity: [f.filterActivity],
      automation: [f.automation],
    },
  };
}

export interface DeploySession {
  project: Project;
  desired: Model;
  port: DeployPort;
  client: SfmcClient;
  env: string;
}

export interface PreparedDefinitions {
  project: Project;
  desired: Model;
  env: string;
}

/**
 * Loads, validates (schema, references, lint, compile: what `validate` checks) and compiles the
 * definitions. Any error throws DefinitionErrors: a segment that does not compile is never left out of
 * the desired model, because the planner would then read its deployed objects as "no longer defined"
 * and propose deleting them.
 */
export async function prepareDefinitions(options: {
  dir: string;
  env?: string;
}): Promise<PreparedDefinitions> {
  const result = await validateProject(options.dir, { env: options.env });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new DefinitionErrors(errors);
  const { project } = result;
  // Defence in depth: compileProject leaves a broken segment out; that must have produced an error.
  // (SQL segments are compiled too, so compare names, not counts.)
  const compiled = new Set(result.segments.map((s) => s.name));
  const missing = project.segments.filter((s) => !compiled.has(s.name)).map((s) => s.name);
  if (missing.length) {
    throw new DefinitionErrors([
      {
        severity: 'error',
        code: 'not-compiled',
        message: `segments that did not compile: ${missing.join(', ')}`,
        file: options.dir,
        line: 1,
        column: 1,
      },
    ]);
  }
  const desired = desiredFromProject(project, { segments: result.segments });
  return { project, desired, env: project.env ?? options.env ?? 'default' };
}

/** Connects a client for prepared definitions and adapts it for the deployer. */
export function sessionFor(
  prepared: PreparedDefinitions,
  sfmc: SfmcConnection,
  onRequest?: (e: RequestLogEntry) => void,
): DeploySession {
  const client = createClient(sfmc, { onRequest });
  const port = portFromClient(client, ownershipFor(prepared.project));
  return { ...prepared, port, client };
}

/** I/O at the edge: load + validate + compile the definitions, connect a client, adapt it for the deployer. */
export async function openSession(options: {
  dir: string;
  env?: string;
  sfmc: SfmcConnection;
  onRequest?: (e: RequestLogEntry) => void;
}): Promise<DeploySession> {
  return sessionFor(await prepareDefinitions(options), options.sfmc, options.onRequest);
}
