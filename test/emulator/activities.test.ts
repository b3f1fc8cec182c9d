import { afterEach, describe, expect, it } from 'vitest';
import { P, type Session, session, tags } from './helpers.ts';

let s: Session | undefined;
afterEach(async () => {
  await s?.emu.close();
  s = undefined;
});

function seed(x: Session) {
  const st = x.emu.state;
  const fields = [
    { name: 'SubscriberKey', maxLength: 50, isPrimaryKey: true },
    { name: 'Country', maxLength: 2 },
    { name: 'Joined', fieldType: 'Date' },
  ];
  const src = st.createDataExtension({ customerKey: 'src', name: 'Source', fields });
  const dst = st.createDataExtension({ customerKey: 'dst', name: 'Dest', fields });
  st.insertRows('src', [
    { SubscriberKey: 'a', Country: 'US', Joined: '2026-02-25' },
    { SubscriberKey: 'b', Country: 'US', Joined: '2025-01-01' },
    { SubscriberKey: 'c', Country: 'DE', Joined: '2026-02-26' },
    { SubscriberKey: 'd', Country: null, Joined: '2026-02-27' },
  ]);
  st.insertRows('dst', [{ SubscriberKey: 'stale' }]);
  return { src, dst };
}

const NOW = Date.parse('2026-03-01T12:00:00Z');

async function filterActivity(x: Session, xmlConditions: (f: (n: string) => string) => string) {
  const { src, dst } = seed(x);
  const f = (n: string) => src.fields.find((y) => y.name === n)!.objectId;
  const def = await x.rest('POST', '/email/v1/filters/filterdefinition/', {
    key: 'fd',
    name: 'fd',
    categoryId: 3,
    derivedFromType: 2,
    derivedFromObjectId: src.objectId,
    filterDefinitionXml: `<FilterDefinition Source="DataExtension" SourceID="${src.objectId}"><ConditionSet Operator="AND" ConditionSetName="Individual Filter Grouping">${xmlConditions(f)}</ConditionSet></FilterDefinition>`,
  });
  expect(def.status, JSON.stringify(def.body)).toBe(200);
  const create = await x.soap(
    'Create',
    `<CreateRequest ${P}><Objects xsi:type="FilterActivity"><CustomerKey>fa</CustomerKey><Name>fa</Name><FilterDefinitionID>${def.body.id}</FilterDefinitionID><SourceTypeID>2</SourceTypeID><SourceObjectID>${src.objectId}</SourceObjectID><DestinationTypeID>2</DestinationTypeID><DestinationObjectID>${dst.objectId}</DestinationObjectID></Objects></CreateRequest>`,
  );
  expect(tags(create.text, 'StatusMessage')).toEqual(['FilterActivity Created']);
  return tags(create.text, 'NewObjectID')[0];
}

describe('filter activities and automations', () => {
  it('runs a filter activity (Equal AND relative AtOrAfter) overwriting the destination', async () => {
    s = await session({ now: () => new Date(NOW) });
    const faId = await filterActivity(
      s,
      (f) =>
        `<Condition ID="${f('Country')}" Operator="Equal"><Value><![CDATA[US]]></Value></Condition><Condition ID="${f('Joined')}" Operator="AtOrAfter"><Value><![CDATA[;-;14;days]]></Value></Condition>`,
    );
    const perform = await s.soap(
      'Perform',
      `<PerformRequestMsg ${P}><Action>start</Action><Definitions><Definition xsi:type="FilterActivity"><ObjectID>${faId}</ObjectID></Definition></Definitions></PerformRequestMsg>`,
    );
    expect(tags(perform.text, 'StatusMessage')[0]).toBe('Performed Activity');
    await s.emu.core.idle();
    expect(s.emu.state.readRows('dst').map((r) => r.SubscriberKey)).toEqual(['a']);
    const rest = await s.rest('GET', `/automation/v1/filters/${faId}`);
    expect(rest.body).toMatchObject({
      filterActivityId: faId,
      customerKey: 'fa',
      sourceTypeId: 2,
      destinationTypeId: 2,
    });
  });

  it('filter operators: IsEmpty, Begins inside an OR set; an operator SFMC does not know is refused', async () => {
    s = await session({ now: () => new Date(NOW) });
    const faId = await filterActivity(
      s,
      (f) =>
        `<ConditionSet Operator="OR" ConditionSetName="Grouping"><Condition ID="${f('Country')}" Operator="IsEmpty"><Value/></Condition><Condition ID="${f('Country')}" Operator="Begins"><Value><![CDATA[D]]></Value></Condition></ConditionSet>`,
    );
    const src = s.emu.state.dataExtensions.get('src')!;
    const refused = await s.rest('POST', '/email/v1/filters/filterdefinition/', {
      key: 'bw',
      name: 'bw',
      derivedFromType: 2,
      derivedFromObjectId: src.objectId,
      filterDefinitionXml: `<FilterDefinition Source="DataExtension" SourceID="${src.objectId}"><ConditionSet Operator="AND" ConditionSetName="g"><Condition ID="${src.fields[0].objectId}" Operator="BeginsWith"><Value><![CDATA[D]]></Value></Condition></ConditionSet></FilterDefinition>`,
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/unknown operator BeginsWith/);
    s.emu.core.runner.runFilterActivity(faId);
    expect(s.emu.state.readRows('dst').map((r) => r.SubscriberKey)).toEqual(['c', 'd']);
  });

  it('runs an automation (query step then filter step) on demand and on schedule', async () => {
    let clock = NOW;
    s = await session({ now: () => new Date(clock), tokenTtlSec: 30 * 86_400 });
    const faId = await filterActivity(
      s,
      (f) => `<Condition ID="${f('Country')}" Operator="Equal"><Value><![CDATA[DE]]></Value></Condition>`,
    );
    s.emu.state.createDataExtension({
      customerKey: 'log',
      name: 'Log',
      fields: [{ name: 'SubscriberKey', isPrimaryKey: true }],
    });
    const q = await s.rest('POST', '/automation/v1/queries/', {
      name: 'all',
      key: 'all',
      queryText: "SELECT SubscriberKey FROM Source WHERE Country = 'US'",
      targetKey: 'log',
      targetUpdateTypeId: 0,
      categoryId: 2,
    });
    const a = await s.rest('POST', '/automation/v1/automations/', {
      name: 'nightly',
      key: 'nightly',
      categoryId: 5,
      startSource: {
        typeId: 1,
        schedule: {
          scheduleTypeId: 3,
          startDate: '2026-03-01T13:00:00',
          icalRecur: 'FREQ=DAILY;INTERVAL=1',
          timezoneId: 5,
        },
      },
      steps: [
        {
          annotation: 'Step 1',
          stepNumber: 0,
          activities: [
            { name: 'all', objectTypeId: 300, activityObjectId: q.body.queryDefinitionId, displayOrder: 1 },
            { name: 'fa', objectTypeId: 303, activityObjectId: faId, displayOrder: 2 },
          ],
        },
      ],
    });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ statusId: 4, key: 'nightly' });
    const perform = await s.soap(
      'Perform',
      `<PerformRequestMsg ${P}><Action>start</Action><Definitions><Definition xsi:type="Automation"><ObjectID>${a.body.id}</ObjectID></Definition></Definitions></PerformRequestMsg>`,
    );
    expect(tags(perform.text, 'OverallStatus')).toEqual(['OK']);
    await s.emu.core.idle();
    expect(s.emu.state.readRows('log').map((r) => r.SubscriberKey)).toEqual(['a', 'b']);
    expect(s.emu.state.readRows('dst').map((r) => r.SubscriberKey)).toEqual(['c']);

    // Schedules start paused; the legacy endpoint activates them.
    s.emu.state.insertRows('src', [{ SubscriberKey: 'e', Country: 'US' }]);
    clock += 2 * 3_600_000;
    expect(s.emu.core.runner.tick()).toEqual([]);
    // The POST answer carries legacyId; the legacy definition names the schedule (as sfmc-devtools reads it).
    const def = await s.rest(
      'GET',
      `/legacy/v1/beta/bulk/automations/automation/definition/${a.body.legacyId}`,
    );
    const scheduleId = def.body.scheduleObject.id;
    expect((await s.rest('GET', `/automation/v1/automations/${a.body.id}`)).body).not.toHaveProperty(
      'legacyId',
    );
    const sched = await s.rest(
      'POST',
      '/legacy/v1/beta/bulk/automations/automation/definition/?action=schedule',
      {
        id: a.body.legacyId,
        scheduleObject: { id: scheduleId },
      },
    );
    expect(sched.body, JSON.stringify(sched.body)).toEqual({ id: a.body.legacyId });
    expect((await s.rest('GET', `/automation/v1/automations/${a.body.id}`)).body).toMatchObject({
      status: 'Scheduled',
      statusId: 6,
    });
    // The start (13:00 W. Europe = 12:00Z) has passed today: the first run is tomorrow's, not a catch-up.
    expect(s.emu.core.runner.tick()).toEqual([]);
    clock += 86_400_000;
    expect(s.emu.core.runner.tick()).toEqual([a.body.id]);
    expect(s.emu.state.readRows('log').map((r) => r.SubscriberKey)).toEqual(['a', 'b', 'e']);
    expect(s.emu.core.runner.tick()).toEqual([]);
    clock += 86_400_000;
    expect(s.emu.core.runner.tick()).toEqual([a.body.id]);
    await s.rest('POST', '/legacy/v1/beta/bulk/automations/automation/definition/?action=pauseSchedule', {
      id: a.body.legacyId,
      scheduleObject: { id: scheduleId },
    });
    clock += 86_400_000;
    expect(s.emu.core.runner.tick()).toEqual([]);
  });

  it('refuses an automation whose activity does not exist', async () => {
    s = await session();
    const r = await s.rest('POST', '/automation/v1/automations/', {
      name: 'x',
      key: 'x',
      steps: [
        {
          stepNumber: 0,
          activities: [{ name: 'q', objectTypeId: 300, activityObjectId: 'nope', displayOrder: 1 }],
        },
      ],
    });
    expect(r.status).toBe(400);
  });
});
