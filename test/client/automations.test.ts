import './setup.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    expect(automation).toMatchObject({ id: ID, statusId: 4, status: 'PausedSchedule' });
  });

  it('activates the schedule with the legacyId from the create answer (a GET has none)', async () => {
    // Recorded: the POST answer has legacyId, no GET answer does.
    const recorded = join(
      import.meta.dirname,
      '../../../shared/reference/sfmc-recorded/9999999/automation/v1/automations',
    );
    const post = JSON.parse(readFileSync(join(recorded, 'post-response.json'), 'utf8'));
    for (const dir of readdirSync(recorded, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const get = join(recorded, dir.name, 'get-response.json');
      if (existsSync(get)) expect(JSON.parse(readFileSync(get, 'utf8'))).not.toHaveProperty('legacyId');
    }
    const legacy = post.legacyId as string;
    mockToken();
    nock(REST)
      .post('/automation/v1/automations/')
      .reply(200, post)
      .get(`/legacy/v1/beta/bulk/automations/automation/definition/${legacy}`)
      .reply(200, { id: legacy, scheduleObject: { id: 'sched-legacy-1' } })
      .post('/legacy/v1/beta/bulk/automations/automation/definition/', {
        id: legacy,
        scheduleObject: { id: 'sched-legacy-1' },
      })
      .query({ action: 'schedule' })
      .reply(200, { id: legacy });
    const { client, log } = makeClient();
    const created = await client.automations.create({
      key: 'testNew_automation',
      name: 'testNew_automation',
      schedule: { startDate: '2024-01-01T06:00:00', icalRecur: 'FREQ=MINUTELY;INTERVAL=5', timezoneId: 5 },
      steps: [],
    });
    await client.automations.activate(created);
    expect(log()).toEqual([
      'POST /v2/token',
      'POST /automation/v1/automations/',
      `GET /legacy/v1/beta/bulk/automations/automation/definition/${legacy}`,
      'POST /legacy/v1/beta/bulk/automations/automation/definition/?action=schedule',
    ]);
  });

  it('without a legacyId, finds it by key in the legacy definition list', async () => {
    mockToken();
    nock(REST)
      .get('/legacy/v1/beta/bulk/automations/automation/definition/')
      .query({ $top: '50', $skip: '0' })
      .reply(200, {
        startIndex: 0,
        itemsPerPage: 50,
        totalResults: 1,
        entry: [{ id: LEGACY, key: 'Nightly' }],
      })
      .get(`/legacy/v1/beta/bulk/automations/automation/definition/${LEGACY}`)
      .reply(200, { id: LEGACY, scheduleObject: { id: 'sched-legacy-1' } })
      .post('/legacy/v1/beta/bulk/automations/automation/definition/', {
        id: LEGACY,
        scheduleObject: { id: 'sched-legacy-1' },
      })
      .query({ action: 'schedule' })
      .reply(200, { id: LEGACY });
    const { client } = makeClient();
    await client.automations.activate({ key: 'nightly' });
  });

  it('an activation SFMC does not confirm is an error', async () => {
    mockToken();
    nock(REST)
      .get(`/legacy/v1/beta/bulk/automations/automation/definition/${LEGACY}`)
      .reply(200, { id: LEGACY, scheduleObject: { id: 'sched-legacy-1' } })
      .post('/legacy/v1/beta/bulk/automations/automation/definition/')
      .query({ action: 'schedule' })
      .reply(200, {});
    const { client } = makeClient();
    await expect(client.automations.activate({ key: 'nightly', legacyId: LEGACY })).rejects.toThrow(
      /not confirmed/,
    );
  });

  it('scheduleTypeId follows FREQ', async () => {
    mockToken();
    const bodies: Array<{ startSource: { schedule: { scheduleTypeId: number } } }> = [];
    nock(REST)
      .post('/automation/v1/automations/', (b) => {
        bodies.push(b);
        return true;
      })
      .times(4)
      .reply(200, jsonFixture('automation-get.json'));
    const { client } = makeClient();
    for (const freq of ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY'])
      await client.automations.create({
        key: freq,
        name: freq,
        schedule: { startDate: '2024-01-01T06:00:00', icalRecur: `FREQ=${freq};INTERVAL=1`, timezoneId: 5 },
        steps: [],
      });
    expect(bodies.map((b) => b.startSource.schedule.scheduleTypeId)).toEqual([2, 3, 4, 5]);
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
