import { describe, expect, it } from 'vitest';
import { compileSegment } from '../../src/compiler/index.ts';
import { ident, literal } from '../../src/compiler/sql/escape.ts';
import { loadProject } from '../../src/definitions/load-project.ts';
import { writeProject } from '../definitions/fixture.ts';
import { emulate } from './emulated.ts';

const HOSTILE = ["O'Brien", "'; DROP TABLE x --", 'a]b', 'Zoë 東京 😀', 'line1\nline2', '100%_[x]!'];

describe('escaping', () => {
  it("brackets identifiers with ] doubled and quotes literals with ' doubled, N for unicode", () => {
    expect(ident('My ]Field')).toBe('[My ]]Field]');
    expect(literal("'; DROP TABLE x --")).toBe("'''; DROP TABLE x --'");
    expect(literal('Zoë')).toBe("N'Zoë'");
    expect(literal('a\nb')).toBe("'a\nb'");
    expect(literal(true)).toBe('1');
  });
});

describe('hostile values and names survive compile and execution', async () => {
  // A data extension and field whose names need escaping, values that try to break out of literals.
  const { dir, cleanup } = await writeProject({
    'data-extensions/Odd.yaml': `name: "Odd ]Name'"\nfields:\n  - { name: "Key]", type: Text, length: 40, primaryKey: true }\n  - { name: "Val'ue [x]", type: Text, length: 200 }\n`,
    'segments/exact.yaml': `name: exact\nmembership: static\naudience: { dataExtension: "Odd ]Name'", key: "Key]" }\nrules:\n  attribute:\n    field: "Val'ue [x]"\n    in: ${JSON.stringify(HOSTILE)}\n`,
    'segments/contains.yaml': `name: contains\nmembership: static\naudience: { dataExtension: "Odd ]Name'", key: "Key]" }\nrules:\n  attribute: { field: "Val'ue [x]", contains: "%_[x]!" }\n`,
  });
  const project = await loadProject(dir);
  await cleanup();

  it('compiles to bracketed, quoted SQL', () => {
    const { sql } = compileSegment(project, 'exact');
    expect(sql).toBe(`SELECT
  a.[Key]]],
  a.[Val'ue [x]]]
FROM [Odd ]]Name'] AS a
WHERE
  a.[Val'ue [x]]] IN ('O''Brien', '''; DROP TABLE x --', 'a]b', N'Zoë 東京 😀', 'line1
line2', '100%_[x]!')`);
    expect(compileSegment(project, 'contains').sql).toContain(
      "a.[Val'ue [x]]] LIKE '%!%!_![x]!!%' ESCAPE '!'",
    );
  });

  it('returns exactly the rows holding each hostile value', async () => {
    // The emulator does not read `]]` inside identifiers yet, so names here avoid `]`; values keep it.
    const { dir, cleanup } = await writeProject({
      'data-extensions/Odd.yaml': `name: "Odd 'Name [x"\nfields:\n  - { name: "Key'", type: Text, length: 40, primaryKey: true }\n  - { name: "Val'ue [x", type: Text, length: 200 }\n`,
      'segments/exact.yaml': `name: exact\nmembership: static\naudience: { dataExtension: "Odd 'Name [x", key: "Key'" }\nrules:\n  attribute:\n    field: "Val'ue [x"\n    in: ${JSON.stringify(HOSTILE)}\n`,
      'segments/contains.yaml': `name: contains\nmembership: static\naudience: { dataExtension: "Odd 'Name [x", key: "Key'" }\nrules:\n  attribute: { field: "Val'ue [x", contains: "%_[x]!" }\n`,
    });
    const runnable = await loadProject(dir);
    await cleanup();
    const e = emulate(runnable, new Date('2024-06-15T12:00:00Z'));
    const rows = HOSTILE.map((v, i) => ({ "Key'": `k${i}`, "Val'ue [x": v }));
    e.insert("Odd 'Name [x", [
      ...rows,
      { "Key'": 'other', "Val'ue [x": 'O' },
      { "Key'": 'other2', "Val'ue [x": '100 x' },
      { "Key'": 'other3', "Val'ue [x": 'line1 line2' },
    ]);
    expect(e.members('exact')).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5']);
    // LIKE wildcards in the value are literal: only the row that contains "%_[x]!" matches.
    expect(e.members('contains')).toEqual(['k5']);
    expect(e.rows("Odd 'Name [x")).toHaveLength(9);
  });
});
