import { describe, expect, it } from 'vitest';
import { diff } from '../../src/deploy/diff.ts';
import { type DataExtensionModel, emptyModel, type Model, normaliseField } from '../../src/deploy/model.ts';
import { makePlan } from '../../src/deploy/plan.ts';
import { renderPlan } from '../../src/deploy/render-plan.ts';

const de = (over: Partial<DataExtensionModel> = {}): DataExtensionModel => ({
  key: 'kit_vip',
  name: 'kit_vip',
  folder: 'sfmc-kit',
  fields: [
    normaliseField({ name: 'SubscriberKey', type: 'Text', length: 254, primaryKey: true }),
    normaliseField({ name: 'Score', type: 'Number' }),
    normaliseField({ name: 'City', type: 'Text', length: 50 }),
  ],
  ...over,
});
const model = (over: Partial<Model>): Model => ({ ...emptyModel(), ...over });
const live = (d: DataExtensionModel, rowCount = 10) => ({ ...d, managed: true, id: 'guid', rowCount });
const brief = (cs: ReturnType<typeof diff>) =>
  cs.map((c) => ({
    kind: c.kind,
    key: c.key,
    reasons: 'reasons' in c ? c.reasons : [],
    destructive: 'destructive' in c ? c.destructive : undefined,
  }));

describe('diff: data extensions', () => {
  it('creates what is missing and is a no-op when equal', () => {
    expect(brief(diff(model({ dataExtensions: [de()] }), emptyModel()))).toEqual([
      { kind: 'create', key: 'kit_vip', reasons: ['dataExtension does not exist'], destructive: undefined },
    ]);
    const same = live({
      ...de(),
      fields: de().fields.map((f) => ({ ...f, name: f.name.toUpperCase() === 'CITY' ? 'City' : f.name })),
    });
    expect(brief(diff(model({ dataExtensions: [de()] }), model({ dataExtensions: [same] })))).toEqual([
      { kind: 'no-op', key: 'kit_vip', reasons: [], destructive: undefined },
    ]);
  });

  it('widens text and adds nullable fields in place', () => {
    const d = de({
      fields: [
        ...de().fields.slice(0, 2),
        normaliseField({ name: 'City', type: 'Text', length: 100 }),
        normaliseField({ name: 'Tier', type: 'Text' }),
      ],
    });
    expect(brief(diff(model({ dataExtensions: [d] }), model({ dataExtensions: [live(de())] })))).toEqual([
      {
        kind: 'update',
        key: 'kit_vip',
        reasons: ['field City: Text(50) → Text(100): widen', 'field Tier: add Text(50)'],
        destructive: false,
      },
    ]);
  });

  it('type change, narrowing and nullable→required need replace, destructive only with rows', () => {
    const d = de({
      fields: [
        de().fields[0],
        normaliseField({ name: 'Score', type: 'Decimal', length: 18, scale: 2 }),
        normaliseField({ name: 'City', type: 'Text', length: 20, required: true }),
      ],
    });
    const reasons = [
      'field Score: Number → Decimal(18,2) requires replace (field type cannot change)',
      'field City: Text(50) → Text(20): MaxLength decrease is not allowed by SFMC; requires replace',
      'field City: nullable → required is not allowed by SFMC; requires replace',
    ];
    expect(brief(diff(model({ dataExtensions: [d] }), model({ dataExtensions: [live(de(), 3)] })))).toEqual([
      {
        kind: 'replace',
        key: 'kit_vip',
        reasons: [...reasons, 'replace drops the data extension (3 rows)'],
        destructive: true,
      },
    ]);
    expect(
      brief(diff(model({ dataExtensions: [d] }), model({ dataExtensions: [live(de(), 0)] })))[0].destructive,
    ).toBe(false);
    expect(
      brief(
        diff(model({ dataExtensions: [d] }), model({ dataExtensions: [live(de())] }), {
          incompatibleDataExtension: () => 'refuse',
        }),
      ),
    ).toEqual([{ kind: 'refused', key: 'kit_vip', reasons, destructive: undefined }]);
  });

  it('a field drop is a destructive update', () => {
    const d = de({ fields: de().fields.slice(0, 2) });
    expect(brief(diff(model({ dataExtensions: [d] }), model({ dataExtensions: [live(de())] })))).toEqual([
      { kind: 'update', key: 'kit_vip', reasons: ['field City: drop (its data is lost)'], destructive: true },
    ]);
  });

  it('a required field cannot be added to a DE with rows', () => {
    const d = de({
      fields: [...de().fields, normaliseField({ name: 'Must', type: 'Text', required: true })],
    });
    expect(
      brief(diff(model({ dataExtensions: [d] }), model({ dataExtensions: [live(de(), 5)] })))[0],
    ).toMatchObject({
      kind: 'replace',
      reasons: [
        'field Must: new required field without default cannot be added to a data extension that holds rows; requires replace',
        'replace drops the data extension (5 rows)',
      ],
    });
  });
});

describe('diff: ownership', () => {
  it('reports unmanaged collisions by key and by name, deletes only managed leftovers', () => {
    const handMade = { ...de({ key: 'kit_vip', name: 'Hand made' }), managed: false };
    const sameName = { ...de({ key: 'other', name: 'kit_new' }), managed: false };
    const leftover = live(de({ key: 'kit_old', name: 'kit_old' }));
    const untouched = { ...de({ key: 'random', name: 'random' }), managed: false };
    const changes = diff(
      model({ dataExtensions: [de(), de({ key: 'kit_new', name: 'kit_new' })] }),
      model({ dataExtensions: [handMade, sameName, leftover, untouched] }),
    );
    expect(brief(changes)).toEqual([
      {
        kind: 'conflict',
        key: 'kit_new',
        reasons: ['name "kit_new" is taken by other, which sfmc-kit does not manage: left untouched'],
        destructive: undefined,
      },
      {
        kind: 'conflict',
        key: 'kit_vip',
        reasons: ['key kit_vip is taken by "Hand made", which sfmc-kit does not manage: left untouched'],
        destructive: undefined,
      },
      {
        kind: 'delete',
        key: 'kit_old',
        reasons: ['managed by sfmc-kit and no longer in the definitions'],
        destructive: true,
      },
    ]);
  });
});

describe('diff: queries, automations, plan', () => {
  const q = {
    key: 'kit_vip',
    name: 'kit_vip',
    folder: 'sfmc-kit',
    sql: 'SELECT a\n  FROM  b',
    targetKey: 'kit_vip',
    updateType: 'Overwrite' as const,
  };
  const a = {
    key: 'kit_vip',
    name: 'kit_vip',
    folder: 'sfmc-kit',
    steps: [['query:kit_vip']],
    schedule: { icalRecur: 'FREQ=DAILY', startDate: '2026-01-01T06:00:00', timezoneId: 5 },
    status: 'scheduled' as const,
  };

  it('ignores whitespace in SQL, reports update type and paused schedules', () => {
    const l = { ...q, sql: 'SELECT a FROM b;', managed: true };
    expect(brief(diff(model({ queries: [q] }), model({ queries: [l] })))).toEqual([
      { kind: 'no-op', key: 'kit_vip', reasons: [], destructive: undefined },
    ]);
    expect(
      brief(diff(model({ queries: [{ ...q, updateType: 'Update' }] }), model({ queries: [l] })))[0].reasons,
    ).toEqual(['updateType: Overwrite → Update']);
    expect(
      brief(
        diff(
          model({ automations: [a] }),
          model({ automations: [{ ...a, status: 'paused', managed: true }] }),
        ),
      )[0],
    ).toEqual({
      kind: 'update',
      key: 'kit_vip',
      reasons: ['schedule is paused: activate (API-made schedules start paused)'],
      destructive: false,
    });
  });

  it('re-links a query whose target DE is replaced; plan orders and renders', () => {
    const d = de({
      fields: [
        de().fields[0],
        normaliseField({ name: 'Score', type: 'Decimal', length: 18, scale: 2 }),
        de().fields[2],
      ],
    });
    const lv = model({ dataExtensions: [live(de(), 0)], queries: [{ ...q, managed: true }] });
    const changes = diff(model({ dataExtensions: [d], queries: [q] }), lv);
    expect(brief(changes).map((c) => [c.kind, c.reasons.at(-1)])).toEqual([
      ['replace', 'replace drops the data extension (0 rows)'],
      ['update', 'data extension kit_vip is replaced: re-link'],
    ]);
    const plan = makePlan(changes, lv, 'dev');
    expect(plan.summary).toEqual({ create: 0, update: 1, replace: 1, delete: 0, noop: 0 });
    expect(renderPlan(plan).split('\n')).toEqual([
      '-/+ dataExtension kit_vip: replace',
      '      field Score: Number → Decimal(18,2) requires replace (field type cannot change)',
      '      replace drops the data extension (0 rows)',
      '  ~ query kit_vip: update',
      '      data extension kit_vip is replaced: re-link',
      'Plan: 0 to add, 1 to change, 1 to replace, 0 to destroy (0 unchanged, 0 conflicts, 0 refused).',
    ]);
  });
});
