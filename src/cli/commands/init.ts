import { defineCommand } from 'citty';
import { SCAFFOLD_PATHS, scaffoldProject } from '../../init/scaffold.ts';

export default defineCommand({
  meta: {
    name: 'init',
    description: `Scaffold a project (never prompts; refuses to overwrite). Writes ${SCAFFOLD_PATHS.join(', ')}. An existing package.json gets only the scripts, engines and devDependencies it lacks, an existing .gitignore the lines it lacks; an existing README.md is kept.`,
  },
  args: {
    dir: { type: 'positional', description: 'Project directory (default: current)', required: false },
    force: {
      type: 'boolean',
      description: 'Overwrite starter files (definitions, .env.example, workflow) that already exist',
      default: false,
    },
    name: { type: 'string', description: 'Project name (default: the directory name)' },
  },
  async run({ args }) {
    const dir = args.dir || '.';
    const result = await scaffoldProject(dir, { force: args.force, name: args.name });
    for (const file of result.written) console.log(`  created ${file}`);
    for (const file of result.updated) console.log(`  updated ${file} (added what it lacked)`);
    for (const file of result.kept) console.log(`  kept    ${file} (already there)`);
    console.log(`✓ project ready in ${result.dir}`);
    const cd = dir === '.' ? '' : `cd ${dir} && `;
    console.log(
      `next: ${cd}npm install, then npx sfmc-kit validate, npx sfmc-kit test, npx sfmc-kit plan --emulator`,
    );
    return 0;
  },
});
