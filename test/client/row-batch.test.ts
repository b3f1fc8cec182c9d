import { describe, expect, it } from 'vitest';
import { batchRows, createRowBatcher, rowBatchOf } from '../../src/client/index.ts';

const body = (b: { body: Buffer }) => JSON.parse(b.body.toString('utf8'));

describe('row batches', () => {
  it('hold the exact request body, its UTF-8 byte count and the rows decoded from it', () => {
    const rows = [
      { Id: 'a', Name: 'Zoë "Z" Ünal', Score: 1.5, Active: true, Note: null },
      { Id: 'b', Name: '日本語,\nnew line', Score: -2, Active: false, Note: 'x' },
    ];
    const [batch] = batchRows(rows, 10, 1_000_000);
    expect(body(batch)).toEqual({ items: rows });
    expect(batch.bytes).toBe(Buffer.byteLength(JSON.stringify({ items: rows })));
    expect(batch.body.length).toBe(batch.bytes);
    expect(batch.count).toBe(2);
    expect(batch.rows).toEqual(rows);
  });

  it('cut before the row that would pass the row cap or the byte cap, multi-byte text counted in bytes', () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ Id: i, Text: 'é'.repeat(50) }));
    expect(batchRows(rows, 3, 1_000_000).map((b) => b.count)).toEqual([3, 3, 1]);
    const twoRows = Buffer.byteLength(JSON.stringify({ items: rows.slice(0, 2) }));
    const cut = batchRows(rows, 100, twoRows);
    expect(cut.map((b) => b.count)).toEqual([2, 2, 2, 1]);
    expect(cut.every((b) => b.bytes <= twoRows)).toBe(true);
    expect(cut.flatMap((b) => body(b).items)).toEqual(rows);
  });

  it('send a row larger than the byte cap on its own rather than drop it', () => {
    const big = { Id: 'big', Text: 'x'.repeat(5000) };
    const batches = batchRows([{ Id: 's' }, big, { Id: 't' }], 100, 1000);
    expect(batches.map((b) => b.rows.map((r) => r.Id))).toEqual([['s'], ['big'], ['t']]);
  });

  it('grow past their first buffer without losing rows, and flush the remainder once', () => {
    const batcher = createRowBatcher(100_000, 50_000_000);
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ Id: `id${i}`, Email: `lead${i}@example.com` }));
    for (const r of rows) expect(batcher.add(r)).toBeUndefined();
    expect(batcher.size).toBe(20_000);
    const last = batcher.flush()!;
    expect(last.rows).toEqual(rows);
    expect(batcher.flush()).toBeUndefined();
  });

  it('rowBatchOf makes one batch of any rows, including none', () => {
    expect(rowBatchOf([]).count).toBe(0);
    expect(body(rowBatchOf([]))).toEqual({ items: [] });
    expect(rowBatchOf([{ Id: '1' }, { Id: '2' }]).rows).toEqual([{ Id: '1' }, { Id: '2' }]);
  });

  it('keep a batch cut by the byte cap in a buffer about its own size, wide rows included', () => {
    const maxBytes = 100_000;
    const rows = Array.from({ length: 1000 }, (_, i) => ({ Id: `id${i}`, Note: 'n'.repeat(900) }));
    const batches = batchRows(rows, 10_000, maxBytes);
    expect(batches.flatMap((b) => b.rows)).toEqual(rows);
    for (const b of batches) {
      expect(b.bytes).toBeLessThanOrEqual(maxBytes);
      // The body's backing memory, which a batch waiting on SFMC keeps alive.
      expect(b.body.buffer.byteLength).toBeLessThanOrEqual(maxBytes + 4096);
    }
  });
});
