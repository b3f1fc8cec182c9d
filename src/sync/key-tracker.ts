/**
 * The primary keys a run has written, as SFMC compares them: a Text primary key is matched without
 * regard to case and to trailing spaces (SQL Server's case-insensitive collation and ANSI padding), so
 * `00Qxx…` and `00QXX…` are one row in a DE though they are two records in Salesforce (15-character Ids
 * differ only by case). `add` tells whether a key is new, the same record again (a record changed while
 * it was being read comes twice), or another record's key (a collision: the later row overwrites the
 * earlier one in the DE).
 *
 * Keys are kept as hashes in typed arrays (12 bytes a slot, about 25 MB for a million keys) instead of
 * a Set of strings (about three times that): a 64-bit hash of the normalised key and a 32-bit hash of
 * the exact Id. Two different keys share a 64-bit hash with odds of about 1 in 10^7 at a million keys.
 */
export interface KeyTracker {
  add(id: string): 'new' | 'same' | 'collision';
  has(id: string): boolean;
  readonly size: number;
}

const EMPTY = 0;

/** FNV-1a over the key as SFMC compares it (ASCII case folded, trailing spaces dropped). */
function hashes(id: string): [number, number, number] {
  let end = id.length;
  while (end > 0 && id.charCodeAt(end - 1) === 32) end--;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  let exact = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    const raw = id.charCodeAt(i);
    exact = Math.imul(exact ^ raw, 0x01000193);
    if (i >= end) continue;
    const c = raw >= 65 && raw <= 90 ? raw + 32 : raw;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  // 0 marks an empty slot.
  return [a >>> 0 || 1, b >>> 0, exact >>> 0];
}

export function createKeyTracker(initialSlots = 1 << 12): KeyTracker {
  let slots = initialSlots;
  let table = new Uint32Array(slots * 3);
  let size = 0;

  const find = (a: number, b: number): number => {
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & (slots - 1);
    for (;;) {
      const at = i * 3;
      if (table[at] === EMPTY || (table[at] === a && table[at + 1] === b)) return at;
      i = (i + 1) & (slots - 1);
    }
  };
  const grow = (): void => {
    const old = table;
    slots *= 2;
    table = new Uint32Array(slots * 3);
    for (let at = 0; at < old.length; at += 3) {
      if (old[at] === EMPTY) continue;
      const to = find(old[at], old[at + 1]);
      table[to] = old[at];
      table[to + 1] = old[at + 1];
      table[to + 2] = old[at + 2];
    }
  };

  return {
    get size() {
      return size;
    },
    has(id) {
      const [a, b] = hashes(id);
      return table[find(a, b)] !== EMPTY;
    },
    add(id) {
      const [a, b, exact] = hashes(id);
      const at = find(a, b);
      if (table[at] !== EMPTY) return table[at + 2] === exact ? 'same' : 'collision';
      table[at] = a;
      table[at + 1] = b;
      table[at + 2] = exact;
      size += 1;
      if (size * 4 > slots * 3) grow();
      return 'new';
    },
  };
}
