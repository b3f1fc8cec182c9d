import { defineCommand } from 'citty';
import { scaffoldProject } from '../../init/scaffold.ts';

export default defineCommand({
  meta: {
    name: 'init',
    description: 'Scaffold a project: definitions with a starter segment and test, .env.example, CI workflow',
  },
  args: {
    dir: { type: 'positional', description: 'Project directory (default: current)', required: false },
    force: { type: 'boolean', description: 'Overwrite files that already exist', default: false },
    name: { type: 'string', description: 'Project name (default: the directory name)' },
  },
  async run({ args }) {
    const dir = args.dir || '.';
    const result = await scaffoldProject(dir, { force: args.force, name: args.name });
    for (const file of result.written) console.log(`  created ${file}`);
    console.log(`✓ project ready in ${result.dir}`);
    console.log('next: cp .env.example .env (optional), npx sfmc-kit validate, npx sfmc-kit test');
    return 0;
  },
});
