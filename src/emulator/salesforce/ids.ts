/**
 * Salesforce record Ids: 3-char key prefix + 12 base-62 chars = 15 chars, plus the 3-char
 * case-safety suffix that makes the 18-char form (each suffix char encodes which of 5 chars are upper case).
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function toBase62(n: number, width: number): string {
  let out = '';
  let v = Math.floor(n);
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15[chunk * 5 + i];
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return suffix;
}

/** An 18-char Id for the n-th record with this prefix; `pod` keeps generators' Ids apart from inserts. */
export function makeId(prefix: string, n: number, pod = '0'): string {
  const id15 = `${prefix}${pod}${toBase62(n, 11)}`;
  return id15 + idSuffix(id15);
}
