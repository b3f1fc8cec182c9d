import { describe, expect, it } from 'vitest';
import type { RowBatch } from '../../src/client/index.ts';
import { createSfmcSink, rowBatchOf, type SinkClient } from '../../src/sync/index.ts';

/** A fake async rows API that, like SFMC, reports errors without saying which row they belong to. */
function fakeRows() {
  const sends: number[] = [];
  const client = {
    dataExtensions: {},
    rows: {
      upsert: async (_key: string, batch: RowBatch) => {
        sends.push(batch.count);
        const errors = batch.rows.flatMap((r) => [
          ...(String(r.Email).includes('@')
            ? []
            : [
                {
                  requestId: 'r1',
                  errorCode: 'ValidationError',
                  message: 'Email: The value for column [Email] is not a valid email address.',
                },
              ]),
          ...(r.Id === '00Q000000000000003'
            ? [
                {
                  requestId: 'r1',
                  errorCode: 'UnexpectedError',
                  message: `Violation of PRIMARY KEY constraint 'PK_x'. The duplicate key value is (${r.Id}).`,
                },
              ]
            : []),
        ]);
        return { requestIds: ['r1'], rowsSent: batch.count, errors };
      },
    },
  } as unknown as SinkClient;
  return { client, sends };
}

describe('createSfmcSink rejects', () => {
  it('names the row of every reject: by the Id a message quotes, else by sending halves again', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => ({
      Id: `00Q00000000000000${i}`,
      Email: i === 5 ? 'not-an-email' : `r${i}@example.com`,
    }));
    const { client, sends } = fakeRows();
    const { rejected } = await createSfmcSink(client).upsert('k', rowBatchOf(rows));
    expect(rejected.map((r) => [r.row.Id, r.row.Email])).toEqual([
      ['00Q000000000000003', 'r3@example.com'],
      ['00Q000000000000005', 'not-an-email'],
    ]);
    expect(rejected[0].reason).toBe(
      "UnexpectedError: Violation of PRIMARY KEY constraint 'PK_x'. The duplicate key value is (00Q000000000000003). (request r1)",
    );
    expect(rejected[1].reason).toMatch(/not a valid email address/);
    // 8 → halves of 4: the first's only error quotes row 3, so it stops there; the second splits on
    // down to row 5.
    expect(sends).toEqual([8, 4, 4, 2, 1, 1, 2]);
  });

  it('needs no extra send when every message quotes its row', async () => {
    const { client, sends } = fakeRows();
    const rows = [
      { Id: '00Q000000000000001', Email: 'a@example.com' },
      { Id: '00Q000000000000003', Email: 'c@example.com' },
    ];
    const { rejected } = await createSfmcSink(client).upsert('k', rowBatchOf(rows));
    expect(rejected.map((r) => r.row.Id)).toEqual(['00Q000000000000003']);
    expect(sends).toEqual([2]);
  });
});
