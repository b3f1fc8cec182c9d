import type { CountExpectation } from './types.ts';

export interface Comparison {
  pass: boolean;
  missing: string[];
  unexpected: string[];
  countMismatch?: string;
}

/**
 * Compares a segment's members with a case's expectation: exact members (as sets) and/or a count,
 * exact or bounded. Members compare as written: audience keys are the values the target holds.
 */
export function compareMembers(
  actual: string[],
  expected: { members?: string[]; count?: CountExpectation },
): Comparison {
  const have = new Set(actual);
  const want = new Set(expected.members ?? []);
  const missing = expected.members ? [...want].filter((m) => !have.has(m)).sort() : [];
  const unexpected = expected.members ? [...have].filter((m) => !want.has(m)).sort() : [];
  const countMismatch = checkCount(actual.length, expected.count);
  return {
    pass: missing.length === 0 && unexpected.length === 0 && countMismatch === undefined,
    missing,
    unexpected,
    ...(countMismatch ? { countMismatch } : {}),
  };
}

function checkCount(size: number, count: CountExpectation | undefined): string | undefined {
  if (count === undefined) return undefined;
  if (typeof count === 'number') return size === count ? undefined : `expected ${count} members, got ${size}`;
  if (count.min !== undefined && size < count.min)
    return `expected at least ${count.min} members, got ${size}`;
  if (count.max !== undefined && size > count.max)
    return `expected at most ${count.max} members, got ${size}`;
  return undefined;
}

/** The expectation in words, for the summary line of a case. */
export function describeCount(count: CountExpectation): string {
  if (typeof count === 'number') return String(count);
  if (count.min !== undefined && count.max !== undefined) return `${count.min}..${count.max}`;
  return count.min !== undefined ? `>= ${count.min}` : `<= ${count.max}`;
}
