import { describe, expect, it } from 'vitest';
import { createSfmcSink, rowBatchOf, type SinkClient } from '../../src/sync/index.ts';

describe('createSfmcSink rejects', () => {
  it('names the row of a message that quotes its Id, and no row for one that names only a column', async () => {
    const rows = [
      { Id: '00Q000000000000001', Email: 'a@example.com' },
      { Id: '00Q000000000000002', Email: 'not-an-email' },
      { Id: '00Q000000000000003', Email: 'c@example.com' },
    ];
    const client = {
      dataExtensions: {},
      rows: {
        upsert: async () => ({
          requestIds: ['r1'],
          rowsSent: 3,
          errors: [
            {
              requestId: 'r1',
              errorCode: 'UnexpectedError',
              message:
                "Violation of PRIMARY KEY constraint 'PK_x'. The duplicate key value is (00Q000000000000003).",
            },
            {
              requestId: 'r1',
              errorCode: 'ValidationError',
              message: 'Email: The value for column [Email] is not a valid email address.',
            },
          ],
        }),
      },
    } as unknown as SinkClient;
    const { rejected } = await createSfmcSink(client).upsert('k', rowBatchOf(rows));
    expect(rejected.map((r) => r.row.Id)).toEqual(['00Q000000000000003', null]);
    expect(rejected[0].reason).toBe(
      "UnexpectedError: Violation of PRIMARY KEY constraint 'PK_x'. The duplicate key value is (00Q000000000000003). (request r1)",
    );
  });
});
