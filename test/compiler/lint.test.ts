import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lint/validate-project.ts';
import { writeProject } from '../definitions/fixture.ts';

const seg = (name: string, body: string, head = 'membership: static\naudience: Contacts\n') => ({
  [`segments/${name}.yaml`]: `name: ${name}\n${head}${body}`,
});
const SUPPRESSION = {
  ...seg(
    'suppressed',
    'lint: { allow: [data-view-window] }\nrules:\n  any:\n    - unsubscribed: {}\n    - bounced: { type: hard }\n    - complained: {}\n',
  ),
};

async function lint(files: Record<string, string>) {
  const { dir, cleanup } = await writeProject({ ...SUPPRESSION, ...files, 'segments/base.yaml': null });
  const r = await validateProject(dir, { displayPath: (a) => a.slice(dir.length + 1) });
  await cleanup();
  return r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`);
}

describe('lint', () => {
  it('a suppressed, guarded click segment is clean', async () => {
    const found = await lint(
      seg('ok', 'rules:\n  all:\n    - emailClicked: { withinDays: 30 }\n    - notInSegment: suppressed\n'),
    );
    expect(found).toEqual([]);
  });

  it('warns on opens as a signal', async () => {
    const found = await lint(
      seg('o', 'rules:\n  all:\n    - emailOpened: { withinDays: 7 }\n    - notInSegment: suppressed\n'),
    );
    expect(found).toEqual(['segments/o.yaml:6:20 warning opens-signal']);
  });

  it('lint.allow accepts a warning for one segment', async () => {
    const found = await lint(
      seg(
        'o',
        'lint: { allow: [opens-signal] }\nrules:\n  all:\n    - emailOpened: { withinDays: 7 }\n    - notInSegment: suppressed\n',
      ),
    );
    expect(found).toEqual([]);
  });

  it('warns when a sendable segment has no suppression, names what is missing', async () => {
    const { dir, cleanup } = await writeProject({
      ...seg(
        's',
        'rules:\n  all:\n    - not: { unsubscribed: {} }\n    - attribute: { field: Country, equals: US }\n',
      ),
      'segments/base.yaml': null,
    });
    const r = await validateProject(dir, { displayPath: (a) => a.slice(dir.length + 1) });
    await cleanup();
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'no-suppression',
        'sendable segment does not exclude bounced: { type: hard }, complained; add not: conditions (or notInSegment of a suppression segment)',
      ],
    ]);
  });

  it('"not done X in N days" without a guard warns; with olderThanDays >= N it does not', async () => {
    const unguarded = await lint(
      seg(
        'n',
        'rules:\n  all:\n    - not: { emailClicked: { withinDays: 30 } }\n    - notInSegment: suppressed\n',
      ),
    );
    expect(unguarded).toEqual(['segments/n.yaml:6:28 warning young-contact-guard']);
    const tooShort = await lint(
      seg(
        'n',
        'rules:\n  all:\n    - not: { emailClicked: { withinDays: 30 } }\n    - attribute: { field: CreatedDate, olderThanDays: 10 }\n    - notInSegment: suppressed\n',
      ),
    );
    expect(tooShort).toEqual(['segments/n.yaml:6:28 warning young-contact-guard']);
    const guarded = await lint(
      seg(
        'n',
        'rules:\n  all:\n    - not: { emailClicked: { withinDays: 30 } }\n    - attribute: { field: CreatedDate, olderThanDays: 30 }\n    - notInSegment: suppressed\n',
      ),
    );
    expect(guarded).toEqual([]);
  });

  it('inactive without joinedField warns; with it, clean', async () => {
    const head = 'membership: dynamic\nschedule: { frequency: daily }\naudience: Contacts\n';
    expect(
      await lint(
        seg('i', 'rules:\n  all:\n    - inactive: { days: 60 }\n    - notInSegment: suppressed\n', head),
      ),
    ).toEqual(['segments/i.yaml:7:17 warning young-contact-guard']);
    expect(
      await lint(
        seg(
          'i',
          'rules:\n  all:\n    - inactive: { days: 60, joinedField: CreatedDate }\n    - notInSegment: suppressed\n',
          head,
        ),
      ),
    ).toEqual([]);
  });

  it('a window beyond the data views 6 months is an error, an archive DE is fine', async () => {
    expect(
      await lint(
        seg(
          'w',
          'rules:\n  all:\n    - inactive: { days: 200, joinedField: CreatedDate }\n    - notInSegment: suppressed\n',
        ),
      ),
    ).toEqual(['segments/w.yaml:6:25 error retention-window', 'segments/w.yaml:6:25 error retention-window']);
    const archive = {
      'data-extensions/Arch.yaml':
        'name: Arch\nfields:\n  - { name: SubscriberKey, type: Text, length: 18, primaryKey: true }\n  - { name: EventDate, type: Date }\n',
    };
    expect(
      await lint({
        ...archive,
        ...seg(
          'w',
          'rules:\n  all:\n    - emailClicked: { from: Arch, withinDays: 365 }\n    - notInSegment: suppressed\n',
        ),
      }),
    ).toEqual([]);
  });

  it('reports a cycle between segments at each reference, and compiles the rest in dependency order', async () => {
    const { dir, cleanup } = await writeProject({
      ...SUPPRESSION,
      'segments/base.yaml': null,
      ...seg('a', 'rules:\n  all:\n    - inSegment: b\n    - notInSegment: suppressed\n'),
      ...seg('b', 'rules:\n  all:\n    - inSegment: a\n    - notInSegment: suppressed\n'),
      ...seg('c', 'rules:\n  all:\n    - inSegment: d\n    - notInSegment: suppressed\n'),
      ...seg(
        'd',
        'rules:\n  all:\n    - attribute: { field: Country, equals: US }\n    - notInSegment: suppressed\n',
      ),
    });
    const r = await validateProject(dir, { displayPath: (a) => a.slice(dir.length + 1) });
    await cleanup();
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      'segments/a.yaml:6:18 segment-cycle segments refer to each other in a cycle: a → b → a',
      'segments/b.yaml:6:18 segment-cycle segments refer to each other in a cycle: b → a → b',
    ]);
    expect(r.segments.map((s) => s.name)).toEqual(['suppressed', 'd', 'c']);
  });
});
