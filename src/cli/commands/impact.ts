import { defineCommand } from 'citty';
import { KitError } from '../../errors/index.ts';

export default defineCommand({
  meta: {
    name: 'impact',
    description:
      'What reads or writes a data extension or one field (<DataExtension>[.<Field>]): segments, filters, syncs, tests, directly and through other segments',
  },
  args: {
    target: { type: 'positional', required: true, description: 'DataExtension or DataExtension.Field' },
    dir: { type: 'string', description: 'Definitions directory', default: 'definitions' },
    env: { type: 'string', description: 'Environment whose variables apply' },
    json: { type: 'boolean', description: 'Print the uses as JSON', default: false },
  },
  async run({ args }) {
    const [{ loadProject, findDataExtension }, { compileProject }, { catalogTable }, impact] =
      await Promise.all([
        import('../../definitions/index.ts'),
        import('../../compiler/index.ts'),
        import('../../impact/catalog-table.ts'),
        import('../../impact/index.ts'),
      ]);
    const project = await loadProject(args.dir, { env: args.env });
    // A DE name may itself hold dots: the longest declared prefix wins, the rest is the field.
    const raw = String(args.target);
    let table = raw;
    let field: string | undefined;
    for (let i = raw.length; i > 0; i = raw.lastIndexOf('.', i - 1)) {
      const name = raw.slice(0, i);
      const found = findDataExtension(project, name)?.name ?? catalogTable(project, name);
      if (found) {
        table = found;
        field = i < raw.length ? raw.slice(i + 1) : undefined;
        break;
      }
      if (i === 0) break;
    }
    const de = findDataExtension(project, table);
    const known = de ?? catalogTable(project, table);
    if (!known) {
      throw new KitError('USAGE', `"${raw}" names no declared data extension or data view`, {
        hint: 'impact <DataExtension>[.<Field>], e.g. impact Contacts.Country',
      });
    }
    const wanted = field?.toLowerCase();
    if (wanted && de && !de.fields.some((f) => f.name.toLowerCase() === wanted)) {
      throw new KitError('USAGE', `data extension ${de.name} has no field "${field}"`, {
        hint: `its fields: ${de.fields.map((f) => f.name).join(', ')}`,
      });
    }
    if (wanted && de) field = de.fields.find((f) => f.name.toLowerCase() === wanted)?.name;
    const compiled = compileProject(project);
    const forms = new Map(compiled.segments.map((s) => [s.name, s.form]));
    const uses = impact.collectUses(project, (n) => forms.get(n));
    const result = impact.impactOf(project, uses, table, field);
    if (args.json) console.log(JSON.stringify(result, null, 2));
    else console.log(impact.renderImpact(result));
    return 0;
  },
});
