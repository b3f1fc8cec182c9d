import { createInterface } from 'node:readline/promises';
import { defineCommand } from 'citty';
import { KitError } from '../../errors/index.ts';

export default defineCommand({
  meta: {
    name: 'demo',
    description:
      'The whole product in one run: synthetic CRM and email data in the in-process emulator, sync, deploy, run every segment, print their sizes (with SFMC credentials in .env: your business unit, after a confirmation)',
  },
  args: {
    contacts: {
      type: 'string',
      description: 'Synthetic Salesforce contacts (as many leads again)',
      default: '2000',
    },
    seed: { type: 'string', description: 'Seed of the synthetic data', default: '1' },
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    env: { type: 'string', description: 'Environment (definitions variables and prefixed credentials)' },
    emulator: {
      type: 'boolean',
      description: 'Use the in-process emulator even when credentials are configured',
      default: false,
    },
    yes: { type: 'boolean', description: 'Confirm running against a real business unit', default: false },
    json: { type: 'boolean', description: 'Print the summary as JSON', default: false },
    report: {
      type: 'string',
      description: 'HTML report of the run ("" for none)',
      default: '.sfmc-kit/demo-report.html',
    },
  },
  async run({ args }) {
    const contacts = Number(args.contacts);
    if (!Number.isInteger(contacts) || contacts < 1 || contacts > 1_000_000)
      throw new KitError(
        'USAGE',
        `--contacts must be a whole number from 1 to 1,000,000, got ${args.contacts}`,
      );
    const { chooseDemoTarget, renderDemoTable, renderNextSteps, runDemo } =
      await import('../../demo/index.ts');
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    // Decided before any connection: a refusal calls nothing.
    const { target } = chooseDemoTarget({
      envName: args.env,
      emulator: args.emulator,
      yes: args.yes,
      interactive,
    });
    const say = (line: string) => (args.json ? console.error(line) : console.log(line));
    const summary = await runDemo({
      dir: args.dir,
      env: args.env,
      target,
      contacts,
      seed: /^\d+$/.test(args.seed) ? Number(args.seed) : args.seed,
      log: say,
      ...(args.report ? { reportFile: args.report } : {}),
      confirm: async (question) => {
        if (args.yes) return true;
        // The prompt goes to stderr so `--json` output on stdout stays parseable.
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        const answer = await rl.question(`${question} Only "yes" is accepted: `);
        rl.close();
        return answer.trim() === 'yes';
      },
    });
    if (args.json) console.log(JSON.stringify(summary, null, 2));
    else if (summary.completed) console.log(`\n${renderDemoTable(summary)}\n${renderNextSteps(summary)}`);
    return summary.completed ? 0 : 1;
  },
});
