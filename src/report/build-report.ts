/**
 * I/O edge of the report: load and compile the definitions, read sizes through a client, collect.
 * The caller chooses the client (the business unit from .env, or an emulator it started).
 */
import type { SfmcClient } from '../client/index.ts';
import { compileProject } from '../compiler/index.ts';
import { DefinitionErrors } from '../definitions/errors.ts';
import type { Project } from '../definitions/project.ts';
import { collectTrends } from '../measurement/collect-trends.ts';
import { collectReportData } from './collect.ts';
import { clientLastRuns, clientMemberReader } from './read-from-client.ts';
import type { ReportData } from './types.ts';

export async function reportFromClient(
  project: Project,
  client: Pick<SfmcClient, 'rows' | 'automations'>,
): Promise<ReportData> {
  const compiled = compileProject(project);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new DefinitionErrors(errors);
  // Last-run times are a nicety: a business unit that refuses the automation list still gets a report.
  const lastRun = await clientLastRuns(client, compiled.segments).catch(() => undefined);
  const data = await collectReportData({
    project,
    compiled,
    readMembers: clientMemberReader(client, compiled.segments),
    ...(lastRun ? { lastRun } : {}),
  });
  // Before the first deploy with measurement the history DE does not exist yet: no trends, still a report.
  const trends = await collectTrends(project, client, data.funnels).catch(() => undefined);
  return trends ? { ...data, trends } : data;
}
