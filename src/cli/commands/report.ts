import { writeFile } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { createClient } from '../../client/index.ts';
import { loadConfig } from '../../config/index.ts';
import { loadProject } from '../../definitions/load-project.ts';
import { KitError } from '../../errors/index.ts';
import { reportFromClient } from '../../report/build-report.ts';
import { renderReport } from '../../report/render-report.ts';
import { runSegmentsOnce } from '../../report/run-segments.ts';
import type { ReportData } from '../../report/types.ts';

export default defineCommand({
  meta: {
    name: 'report',
    description:
      'Write one self-contained HTML page: rules in plain words, SQL, sizes after the last run, overlaps, funnel',
  },
  args: {
    out: { type: 'string', description: 'HTML file to write', default: 'report.html' },
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    env: { type: 'string', description: 'Environment (definitions variables and prefixed credentials)' },
    emulator: {
      type: 'boolean',
      description: 'Deploy and run the segments in a fresh in-process emulator and report on that',
      default: false,
    },
    json: { type: 'boolean', description: 'Also print the report data as JSON on stdout', default: false },
  },
  async run({ args }) {
    const project = await loadProject(args.dir, { env: args.env });
    const data = args.emulator
      ? await fromEmulator(args.dir, args.env)
      : await fromBusinessUnit(project, args.env);
    await writeFile(args.out, renderReport(data));
    const sized = data.segments.filter((s) => s.size !== null).length;
    const say = args.json ? console.error : console.log;
    if (args.json) console.log(JSON.stringify(data, null, 2));
    say(
      `✓ wrote ${args.out}: ${data.segments.length} segments (${sized} sized), ${data.funnels.length} funnel(s)`,
    );
    const missing = data.segments.filter((s) => s.size === null);
    if (missing.length)
      say(
        `  ${missing.length} segment(s) without a size (not deployed yet?): ${missing.map((s) => s.name).join(', ')}`,
      );
    return 0;
  },
});

async function fromBusinessUnit(
  project: Awaited<ReturnType<typeof loadProject>>,
  env?: string,
): Promise<ReportData> {
  const config = loadConfig({ envName: env });
  if (!config.sfmc) {
    throw new KitError('CONFIG_INVALID', 'no SFMC credentials found for the report', {
      hint: 'set SFMC_CLIENT_ID, SFMC_CLIENT_SECRET and SFMC_AUTH_URL in .env (see .env.example), or pass --emulator',
    });
  }
  return reportFromClient(project, createClient(config.sfmc));
}

/**
 * Deploys into a fresh emulator and runs every segment once. A fresh emulator holds no contacts, so the
 * sizes are those of empty segments: this previews rules, SQL and structure without an account.
 */
async function fromEmulator(dir: string, env?: string): Promise<ReportData> {
  const { startEmulator } = await import('../../emulator/index.ts');
  const { applyPlan, planDeployment } = await import('../../deploy/index.ts');
  const { openSession } = await import('../../deploy/session.ts');
  const emu = await startEmulator();
  try {
    const session = await openSession({
      dir,
      env,
      sfmc: { authBaseUrl: emu.urls.auth, ...emu.credentials },
    });
    const { plan } = await planDeployment(session.port, session.desired, session.env);
    const applied = await applyPlan(plan, session.port);
    if (applied.failed.length) {
      throw new KitError('API_ERROR', `deploying to the emulator failed: ${String(applied.failed[0].error)}`);
    }
    const { compileProject } = await import('../../compiler/index.ts');
    await runSegmentsOnce(session.client, compileProject(session.project).segments);
    return await reportFromClient(session.project, session.client);
  } finally {
    await emu.close();
  }
}
