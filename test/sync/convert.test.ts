import { describe, expect, it } from 'vitest';
import { createRowConverter, toDeDateTime, truncateText } from '../../src/sync/convert.ts';

describe('toDeDateTime: a Salesforce instant as SFMC system time (CST, UTC−6, no daylight saving)', () => {
  it('shifts UTC datetimes from Bulk and REST six hours back', () => {
    expect(toDeDateTime('2026-03-04T15:06:07.000Z')).toBe('2026-03-04 09:06:07');
    expect(toDeDateTime('2026-03-04T06:06:07Z')).toBe('2026-03-04 00:06:07');
    expect(toDeDateTime('2026-03-04T05:06:07.000+0000')).toBe('2026-03-03 23:06:07');
    // Summer too: SFMC's clock keeps no daylight saving.
    expect(toDeDateTime('2026-07-04T12:00:00.000Z')).toBe('2026-07-04 06:00:00');
  });

  it('crosses month and year ends backwards', () => {
    expect(toDeDateTime('2024-03-01T02:00:00.000Z')).toBe('2024-02-29 20:00:00');
    expect(toDeDateTime('2023-03-01T02:00:00.000Z')).toBe('2023-02-28 20:00:00');
    expect(toDeDateTime('2026-01-01T05:59:59Z')).toBe('2025-12-31 23:59:59');
    expect(toDeDateTime('2024-01-31T23:59:59Z')).toBe('2024-01-31 17:59:59');
  });

  it('converts other offsets through a date', () => {
    expect(toDeDateTime('2026-03-04T23:30:00.000+0200')).toBe('2026-03-04 15:30:00');
    expect(toDeDateTime('2026-03-04T23:30:00-05:00')).toBe('2026-03-04 22:30:00');
  });

  it('refuses what is not a datetime, out-of-range fields included', () => {
    expect(() => toDeDateTime('yesterday')).toThrow('not a datetime: yesterday');
    expect(() => toDeDateTime('2026-13-04T05:06:07.000Z')).toThrow('not a datetime');
    expect(() => toDeDateTime('2026-03-04T25:06:07.000Z')).toThrow('not a datetime');
  });

  it('agrees with a Date shift on every hour of a year', () => {
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += 3_600_000 + 61_000) {
      const iso = new Date(t).toISOString();
      const want = new Date(t - 6 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
      expect(toDeDateTime(iso)).toBe(want);
      expect(toDeDateTime(iso.replace('Z', '+0000'))).toBe(want);
    }
  });
});

describe('text longer than its DE field', () => {
  const fields = [
    { name: 'Id', type: 'id', length: 18 },
    { name: 'Description', type: 'textarea', length: 32000 },
    { name: 'Title', type: 'string', length: 128 },
  ];
  it('is cut to the field length and reported, the row kept', () => {
    const seen: unknown[] = [];
    const row = createRowConverter(fields)(
      { Id: '00Q000000000001AAA', Description: 'x'.repeat(4500), Title: 'ok' },
      (t) => seen.push(t),
    );
    expect(String(row.Description)).toHaveLength(4000);
    expect(row.Title).toBe('ok');
    expect(seen).toEqual([{ field: 'Description', from: 4500, to: 4000 }]);
  });
  it('never splits a surrogate pair', () => {
    expect(truncateText(`${'a'.repeat(3)}😀`, 4)).toBe('aaa');
    expect(truncateText('ab😀', 4)).toBe('ab😀');
  });
});
