import { createClient, type RequestLogEntry, type SfmcClient } from '../client/index.ts';
import { compileProject } from '../compiler/index.ts';
import { loadProject, type Project } from '../definitions/index.ts';
import { type Ownership, portFromClient } from './client-port.ts';
import { desiredFromProject, managedFolders } from './from-project.ts';
import type { Model } from './model.ts';
import type { DeployPort } from './port.ts';

export interface SfmcConnection {
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  accountId?: string;
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

/** I/O at the edge: load + compile the definitions, connect a client, adapt it for the deployer. */
export async function openSession(options: {
  dir: string;
  env?: string;
  sfmc: SfmcConnection;
  onRequest?: (e: RequestLogEntry) => void;
}): Promise<DeploySession> {
  const project = await loadProject(options.dir, { env: options.env });
  const compiled = compileProject(project);
  const desired = desiredFromProject(project, compiled);
  const client = createClient(options.sfmc, { onRequest: options.onRequest });
  const port = portFromClient(client, ownershipFor(project));
  return { project, desired, port, client, env: project.env ?? options.env ?? 'default' };
}
