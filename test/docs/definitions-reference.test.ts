import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { pickExample, scanSegments } from '../../scripts/definitions-reference/examples.ts';
import { fieldRows, toJson } from '../../scripts/definitions-reference/field-rows.ts';
import { appliesTo } from '../../scripts/definitions-reference/operators.ts';
import { generateDefinitionsReference } from '../../scripts/gen-definitions-reference.ts';
import { OPERATOR_NAMES, OPERATORS } from '../../src/compiler/conditions/operators.ts';
import { CONDITION_KINDS } from '../../src/compiler/conditions/registry.ts';

const root = new URL('../..', import.meta.url).pathname;
const script = path.join(root, 'scripts/gen-definitions-reference.ts');
const run = promisify(execFile);

/** The `### \`kind\`` section of the reference, up to the next heading of the same or higher level. */
function section(doc: string, kind: string): string {
  const start = doc.indexOf(`### \`${kind}\`\n`);
  if (start < 0) return '';
  const rest = doc.slice(start + 1);
  const end = rest.search(/\n##/);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('docs/definitions.md', async () => {
  const generated = await generateDefinitionsReference(root);

  it('is the current output of scripts/gen-definitions-reference.ts (run it after changing a schema)', async () => {
    const committed = await readFile(path.join(root, 'docs/definitions.md'), 'utf8');
    expect(committed).toBe(generated);
  });

  it('has a section, a summary row and an example that validates for every condition kind in the registry', () => {
    for (const kind of CONDITION_KINDS) {
      const body = section(generated, kind.kind);
      expect(body, kind.kind).toContain(`${kind.summary}.`);
      expect(generated).toContain(`| [\`${kind.kind}\`](#${kind.kind.toLowerCase()}) | ${kind.summary} |`);
      const yaml = body.match(/```yaml\n([\s\S]*?)\n```/)?.[1];
      if (!yaml) {
        expect(body, kind.kind).toContain('_No segment in `definitions/` uses this condition yet._');
        continue;
      }
      // The snippet is real YAML for this kind, accepted by the kind's own schema.
      const leaf = parse(yaml) as Record<string, unknown>;
      expect(Object.keys(leaf)).toEqual([kind.kind]);
      expect(kind.schema.safeParse(leaf[kind.kind]).success, yaml).toBe(true);
    }
  });

  it('lists every operator with its description and the field types it applies to', () => {
    const table = generated.slice(generated.indexOf('## Operators'));
    for (const op of OPERATOR_NAMES) {
      const row = table.split('\n').find((l) => l.startsWith(`| \`${op}\` |`));
      expect(row, op).toBeDefined();
      expect(row).toContain(OPERATORS[op].description);
    }
    expect(table).toContain('| `contains` | text or list of text | Text, EmailAddress, Phone, Locale |');
    expect(table).toContain('| `inLastDays` | whole number 1–36500 | Date |');
  });

  it('documents file kinds with required fields, defaults and nested paths', () => {
    expect(generated).toContain(
      '| `schedule.interval` | whole number 1–24 | no | `1` | Run every N hours/days/weeks/months |',
    );
    expect(generated).toContain(
      '| `fields[].type` | `Text`, `Number`, `Date`, `Boolean`, `EmailAddress`, `Phone`, `Decimal` or `Locale` | yes |',
    );
    expect(generated).toContain('| `environments.<name>.keySuffix` | text ≤ 12 chars | no | `""` (empty) |');
    expect(generated).toContain('| `funnel.stages[].rules` | [rule](#rules) | yes |');
  });
});

describe('fieldRows', () => {
  it('flattens nested objects and lists, and collapses operator keys into one row', () => {
    const schema = z.object({
      name: z.string().describe('Name'),
      window: z.object({ days: z.number().int().min(1).default(7) }).optional(),
      tests: z.array(
        z.object({ field: z.string(), equals: OPERATORS.equals.optional(), in: OPERATORS.in.optional() }),
      ),
      // Named like an operator but its own field: stays a row of its own.
      in: z.array(z.string()).optional().describe('Stages'),
    });
    expect(fieldRows(toJson(schema))).toEqual([
      { path: 'name', type: 'text', required: true, default: undefined, description: 'Name' },
      { path: 'window', type: 'object', required: false, default: undefined, description: '' },
      { path: 'window.days', type: 'whole number ≥ 1', required: false, default: '`7`', description: '' },
      { path: 'tests', type: 'list of object', required: true, default: undefined, description: '' },
      { path: 'tests[].field', type: 'text', required: true, default: undefined, description: '' },
      {
        path: 'tests[].<operator>',
        type: '`equals` or `in`',
        required: true,
        description: 'Exactly one operator with its value; see [Operators](#operators)',
      },
      { path: 'in', type: 'list of text', required: false, default: undefined, description: 'Stages' },
    ]);
  });
});

describe('examples', () => {
  const file = {
    path: 'segments/s.yaml',
    text: [
      'name: s',
      'rules:',
      '  all:',
      '    - attribute: { field: Country, equals: US } # home market',
      '    - not:',
      '        event:',
      '          source: Web_Downloads',
      '          withinDays: 30',
      'funnel:',
      '  stages:',
      '    - name: A',
      '      rules:',
      '        inSegment: other',
    ].join('\n'),
  };

  it('finds condition leaves under all/any/not and funnel stages, as written and dedented', () => {
    const { conditions, trees } = scanSegments([file]);
    expect(conditions.map((c) => [c.kind, c.snippet])).toEqual([
      ['attribute', 'attribute: { field: Country, equals: US }'],
      ['event', 'event:\n  source: Web_Downloads\n  withinDays: 30'],
      ['inSegment', 'inSegment: other'],
    ]);
    expect(conditions[1].value).toEqual({ source: 'Web_Downloads', withinDays: 30 });
    expect(trees.map((t) => [...t.uses].sort())).toEqual([
      ['all', 'attribute', 'event', 'not'],
      ['inSegment'],
    ]);
  });

  it('prefers the short example that shows the most keys', () => {
    const occ = (snippet: string, value: object, f = 'segments/a.yaml') => ({
      kind: 'x',
      file: f,
      snippet,
      value,
    });
    const long = occ('x:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  e: 5\n  f: 6\n  g: 7\n  h: 8', {
      a: 1,
      b: 2,
      c: 3,
      d: 4,
      e: 5,
      f: 6,
      g: 7,
      h: 8,
    });
    const two = occ('x: { a: 1, b: 2 }', { a: 1, b: 2 }, 'segments/z.yaml');
    const one = occ('x: { a: 1 }', { a: 1 });
    expect(pickExample([one, long, two])).toBe(two);
    expect(pickExample([])).toBeUndefined();
  });
});

describe('appliesTo', () => {
  it('asks checkTest which field types accept an operator', () => {
    expect(appliesTo('contains')).toEqual(['Text', 'EmailAddress', 'Phone', 'Locale']);
    expect(appliesTo('between')).toEqual(['Number', 'Date', 'Decimal']);
    expect(appliesTo('equals')).toHaveLength(8);
  });
});

describe('gen-definitions-reference --check', () => {
  it('exits 1 on a stale file, 0 once regenerated', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'defs-ref-'));
    const out = path.join(dir, 'definitions.md');
    await writeFile(out, '# stale\n');
    const stale = await run(process.execPath, [script, '--check', '--out', out]).catch((e) => e);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('is stale');
    await run(process.execPath, [script, '--out', out]);
    expect(await readFile(out, 'utf8')).toBe(await generateDefinitionsReference(root));
    const fresh = await run(process.execPath, [script, '--check', '--out', out]);
    expect(fresh.stdout).toContain('is current');
  });
});
