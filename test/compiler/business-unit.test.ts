/**
 * Issue #12 points 9, 10 and 13 at the compiler: suppression from the subscriber status, the ENT. prefix in
 * a child business unit, the data views' real columns, and onDate as a half-open range.
 */
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../src/compiler/index.ts';
import { loadProject } from '../../src/definitions/load-project.ts';
import { validateProject } from '../../src/lint/validate-project.ts';
import { BASE, writeProject } from '../definitions/fixture.ts';

const CHILD_BU = `${BASE['sfmc-kit.yaml']}    childBusinessUnit: true
  parent:
    keySuffix: _p
sharedDataExtensions: [Shared_Orders]
`;
const segment = (name: string, rules: string) => ({
  [`segments/${name}.yaml`]: `name: ${name}\nmembership: static\naudience: Contacts\nlint: { allow: [no-suppression] }\nrules:\n${rules}`,
});

async function compiled(files: Record<string, string | null>, env?: string) {
  const { dir, cleanup } = await writeProject(files);
  try {
    const project = await loadProject(dir, env ? { env } : {});
    return new Map(compileProject(project).segments.map((s) => [s.name, s.sql]));
  } finally {
    await cleanup();
  }
}

describe('business units and data views', () => {
  it('a child BU reads _Subscribers and _BusinessUnitUnsubscribes, and shared data extensions, with ENT.', async () => {
    const files = {
      'sfmc-kit.yaml': CHILD_BU,
      'data-extensions/Shared_Orders.yaml':
        'name: Shared_Orders\nfields:\n  - { name: OrderId, type: Text, length: 20, primaryKey: true }\n  - { name: SubscriberKey, type: Text, length: 18 }\n  - { name: EventDate, type: Date }\n',
      ...segment('unsub', '  unsubscribed: {}\n'),
      ...segment('ordered', '  event: { source: Shared_Orders, withinDays: 30 }\n'),
    };
    const child = await compiled(files, 'dev');
    expect(child.get('unsub')).toContain('FROM ENT.[_Subscribers] AS u1');
    expect(child.get('unsub')).toContain('FROM ENT.[_BusinessUnitUnsubscribes] AS u2');
    expect(child.get('ordered')).toContain('FROM ENT.[Shared_Orders] AS e1');
    // In the parent BU the views are local; a shared DE is always ENT.
    const parent = await compiled(files, 'parent');
    expect(parent.get('unsub')).toContain('FROM [_Subscribers] AS u1');
    expect(parent.get('ordered')).toContain('FROM ENT.[Shared_Orders] AS e1');
  });

  it('a shared data extension must be declared', async () => {
    const { dir, cleanup } = await writeProject({ 'sfmc-kit.yaml': CHILD_BU });
    try {
      const r = await validateProject(dir, { displayPath: (a) => a.slice(dir.length + 1) });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`)).toEqual([
        'sfmc-kit.yaml:12 unknown-data-extension sharedDataExtensions names "Shared_Orders", which is not a declared data extension',
      ]);
    } finally {
      await cleanup();
    }
  });

  it('unsubscribed without a window is the subscriber status, not the 6-month _Unsubscribe view', async () => {
    const sql = (await compiled(segment('unsub', '  unsubscribed: {}\n'))).get('unsub')!;
    expect(sql).not.toContain('_Unsubscribe]');
    expect(sql).toContain("u1.[Status] = 'unsubscribed'");
    const recent = (await compiled(segment('unsub', '  unsubscribed: { withinDays: 30 }\n'))).get('unsub')!;
    expect(recent).toContain('FROM [_Unsubscribe] AS u1');
  });

  it('onDate is a half-open range on the column, not CAST(col AS DATE)', async () => {
    const sql = (
      await compiled(segment('day', "  attribute: { field: CreatedDate, onDate: '2024-02-29' }\n"))
    ).get('day')!;
    expect(sql).toContain("(a.[CreatedDate] >= '2024-02-29' AND a.[CreatedDate] < '2024-03-01')");
    expect(sql).not.toContain('CAST(');
  });

  it('lints every window-less read of a data view; _Unsubscribe has no triggered-send columns', async () => {
    const { dir, cleanup } = await writeProject({
      ...segment('ever', '  emailClicked: {}\n'),
      ...segment(
        'trig',
        '  event: { source: _Unsubscribe, withinDays: 30, where: [{ field: TriggeredSendCustomerKey, equals: x }] }\n',
      ),
    });
    try {
      const r = await validateProject(dir, { displayPath: (a) => a.slice(dir.length + 1) });
      const found = r.diagnostics.map((d) => `${d.file} ${d.severity} ${d.code}`);
      expect(found).toContain('segments/ever.yaml warning data-view-window');
      expect(found).toContain('segments/trig.yaml error unknown-field');
    } finally {
      await cleanup();
    }
  });
});
