import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DefinitionErrors } from '../../src/definitions/errors.ts';
import { generateJsonSchemas } from '../../src/definitions/json-schema.ts';
import { loadProject } from '../../src/definitions/load-project.ts';
import { writeProject } from './fixture.ts';

const examples = new URL('../../definitions', import.meta.url).pathname;

describe('loadProject', () => {
  it('applies the environment: variables, key suffix and folders', async () => {
    const dev = await loadProject(examples, { env: 'dev' });
    const prod = await loadProject(examples, { env: 'prod', vars: { folderRoot: 'Acme' } });
    expect(dev.config.folders.segments).toBe('sfmc-kit-dev/Segments');
    expect(prod.config.folders.segments).toBe('Acme/Segments');
    const schedule = (p: typeof dev) =>
      p.segments.find((s) => s.name === 'clicked-premium-links')?.schedule?.time;
    expect(schedule(dev)).toBe('06:00');
    expect(schedule(prod)).toBe('05:00');
    expect(dev.environment?.keySuffix).toBe('_dev');
  });

  it('throws DefinitionErrors listing every error with file:line:column', async () => {
    const { dir, cleanup } = await writeProject({
      'segments/a.yaml':
        'name: a\nmembership: static\naudience: Contacts\nrules:\n  attribute: { field: Country, equal: US }\n',
      'data-extensions/B.yaml': 'name: B\nfields:\n  - { name: X, type: Strng }\n',
    });
    const error = await loadProject(dir, { displayPath: (a) => a.slice(dir.length + 1) }).catch((e) => e);
    await cleanup();
    expect(error).toBeInstanceOf(DefinitionErrors);
    const where = (error as DefinitionErrors).errors.map((e) => `${e.file}:${e.line}:${e.column}`);
    expect(where).toEqual(expect.arrayContaining(['data-extensions/B.yaml:3:22', 'segments/a.yaml:5:32']));
    expect((error as DefinitionErrors).message).toContain('unknown key "equal"');
  });

  it('keeps literal $${x} and types whole-value variables', async () => {
    const { dir, cleanup } = await writeProject({
      'segments/base.yaml':
        'name: base\ndescription: "costs $${price}"\nmembership: dynamic\nschedule: { frequency: daily, time: "${time}" }\naudience: Contacts\nrules:\n  attribute: { field: Country, equals: US }\n',
    });
    const p = await loadProject(dir);
    await cleanup();
    expect(p.segments[0].description).toBe('costs ${price}');
    expect(p.segments[0].schedule?.time).toBe('06:00');
  });
});

describe('JSON Schema', () => {
  it('committed schema/*.json match the zod schemas (run node src/definitions/json-schema.ts --write)', async () => {
    for (const [file, text] of Object.entries(generateJsonSchemas())) {
      const committed = await readFile(new URL(`../../schema/${file}`, import.meta.url), 'utf8');
      expect(committed, file).toBe(text);
    }
  });

  it('every example file points its editor at the schema', async () => {
    const text = await readFile(
      new URL('../../definitions/segments/lifecycle.yaml', import.meta.url),
      'utf8',
    );
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/segment.schema.json');
  });
});
