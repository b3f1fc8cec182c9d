import { describe, expect, it } from 'vitest';
import { toDeDateTime } from '../../src/sync/index.ts';

describe('toDeDateTime', () => {
  it('cuts UTC datetimes from Bulk and REST into the DE form', () => {
    expect(toDeDateTime('2026-03-04T05:06:07.000Z')).toBe('2026-03-04 05:06:07');
    expect(toDeDateTime('2026-03-04T05:06:07Z')).toBe('2026-03-04 05:06:07');
    expect(toDeDateTime('2026-03-04T05:06:07.000+0000')).toBe('2026-03-04 05:06:07');
  });

  it("rolls days past a month's end over as a date does", () => {
    expect(toDeDateTime('2024-02-30T10:00:00.000Z')).toBe('2024-03-01 10:00:00');
    expect(toDeDateTime('2024-02-29T10:00:00.000Z')).toBe('2024-02-29 10:00:00');
    expect(toDeDateTime('2024-01-31T23:59:59Z')).toBe('2024-01-31 23:59:59');
  });

  it('converts other offsets to UTC through a date', () => {
    expect(toDeDateTime('2026-03-04T23:30:00.000+0200')).toBe('2026-03-04 21:30:00');
    expect(toDeDateTime('2026-03-04T23:30:00-05:00')).toBe('2026-03-05 04:30:00');
  });

  it('refuses what is not a datetime, out-of-range fields included', () => {
    expect(() => toDeDateTime('yesterday')).toThrow('not a datetime: yesterday');
    expect(() => toDeDateTime('2026-13-04T05:06:07.000Z')).toThrow('not a datetime');
    expect(() => toDeDateTime('2026-03-04T25:06:07.000Z')).toThrow('not a datetime');
  });
});
