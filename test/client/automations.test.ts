import './setup.ts';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { fixture, jsonFixture, makeClient, mockToken, REST, SOAP, soapBodyIncludes } from './helpers.ts';

const ID = '08afb0e2-b00a-4c88-ad2e-1f7f8788c560';
const LEGACY = 'RkpOcE9qSVh2VUdnYTVJbWFfWW14dzoyNTow';

describe('automations', () => {
  it('creates with schedule and steps in the upsert shape', async () => {
    mockToken();
    let body: unknown;
    nock(REST)
      .post('/automation/v1/automations/', (b) => {
        body = b;
        return true;
      })
      .reply(200, { ...jsonFixture('automation-get.json'), statusId: 4 });
    const { client } = makeClient();
    const automation = await client.automations.create({
      key: 'nightly',
      name: 'nightly',
      folderId: 290937,
      schedule: { startDate: '2024-01-01T06:00:00', icalRecur: 'FREQ=DAILY;INTERVAL=1', timezoneId: 5 },
      steps: [
        {
          activities: [
            { name: 'q', kind: 'query', objectId: 'qid' },
            { name: 'f', kind: 'filter', objectId: 'fid' },
          ],
        },
      ],
    });
    expect(body).toEqual({
      name: 'nightly',
      key: 'nightly',
      categoryId: 290937,
      startSource: {
        typeId: 1,
        schedule: {
          scheduleTypeId: 3,
          startDate: '2024-01-01T06:00:00',
          endDate: '2079-06-06T00:00:00',
          icalRecur: 'FREQ=DAILY;INTERVAL=1',
          timezoneId: 5,
        },
      },
      steps: [
        {
          annotation: 'Step 1',
          stepNumber: 0,
          activities: [
            { name: 'q', objectTypeId: 300, activityObjectId: 'qid', displayOrder: 1 },
            { name: 'f', objectTypeId: 303, activityObjectId: 'fid', displayOrder: 2 },
          ],
        },
      ],
    });
    expect(automation).toMatchObject({ id: ID, legacyId: LEGACY, statusId: 4, status: 'PausedSchedule' });
  });

  it('activates the schedule through the legacy endpoint', async () => {
    mockToken();
    nock(REST)
      .get(`/automation/v1/automations/${ID}`)
      .reply(200, jsonFixture('automation-get.json'))
      .get(`/legacy/v1/beta/bulk/automations/automation/definition/${LEGACY}`)
      .reply(200, { id: LEGACY, scheduleObject: { id: 'sched-legacy-1' } })
      .post('/legacy/v1/beta/bulk/automations/automation/definition/', {
        id: LEGACY,
        scheduleObject: { id: 'sched-legacy-1' },
      })
      .query({ action: 'schedule' })
      .reply(200, { id: LEGACY });
    const { client, log } = makeClient();
    await client.automations.activate(ID);
    expect(log()).toEqual([
      'POST /v2/token',
      `GET /automation/v1/automations/${ID}`,
      `GET /legacy/v1/beta/bulk/automations/automation/definition/${LEGACY}`,
      'POST /legacy/v1/beta/bulk/automations/automation/definition/?action=schedule',
    ]);
  });

  it('runs once via SOAP Perform start on the automation ObjectID', async () => {
    mockToken();
    nock(SOAP)
      .post(
        '/Service.asmx',
        soapBodyIncludes(
          '<PerformRequestMsg',
          '<Action>start</Action>',
          `<Definition xsi:type="Automation"><ObjectID>${ID}</ObjectID></Definition>`,
        ),
      )
      .reply(200, fixture('automation-perform.xml'));
    const { client, log } = makeClient();
    await client.automations.runOnce(ID);
    expect(log()).toEqual(['POST /v2/token', 'POST /Service.asmx Perform']);
  });

  it('reads status, lists, updates and deletes', async () => {
    mockToken();
    const raw = jsonFixture('automation-get.json');
    nock(REST)
      .get(`/automation/v1/automations/${ID}`)
      .reply(200, { ...raw, statusId: 3 })
      .get('/automation/v1/automations/')
      .query({ $page: '1', $pageSize: '50' })
      .reply(200, { count: 1, page: 1, pageSize: 50, items: [raw] })
      .patch(`/automation/v1/automations/${ID}`, { name: 'nightly2' })
      .reply(200, { ...raw, name: 'nightly2' })
      .delete(`/automation/v1/automations/${ID}`)
      .reply(200, '');
    const { client } = makeClient();
    expect(await client.automations.status(ID)).toEqual({ statusId: 3, status: 'Running' });
    const keys: string[] = [];
    for await (const a of client.automations.list()) keys.push(a.key);
    expect(keys).toEqual(['nightly']);
    expect((await client.automations.update(ID, { name: 'nightly2' })).name).toBe('nightly2');
    await client.automations.delete(ID);
  });
});
