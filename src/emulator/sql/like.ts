/**
 * T-SQL LIKE: `%`, `_`, `[abc]`, `[a-z]`, `[^a]`, an optional ESCAPE character, and case-insensitive
 * like SQL Server's default collation. Compiled to a JS RegExp (Unicode-aware case folding).
 */
const cache = new Map<string, RegExp>();

export function likeToRegExp(
  pattern: string,
  escapeChar: string | null | undefined,
  anchored = true,
): RegExp {
  const key = `${anchored ? 'a' : 'u'}${escapeChar ?? ''}\u0000${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (escapeChar && c === escapeChar && i + 1 < pattern.length) {
      src += escapeRegExp(pattern[++i]);
    } else if (c === '%') {
      src += '[\\s\\S]*';
    } else if (c === '_') {
      src += '[\\s\\S]';
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) {
        src += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      let negate = '';
      if (body.startsWith('^')) {
        negate = '^';
        body = body.slice(1);
      }
      src += `[${negate}${body.replace(/[\\\]^[]/g, '\\$&')}]`;
      i = close;
    } else {
      src += escapeRegExp(c);
    }
  }
  const re = new RegExp(anchored ? `^${src}$` : src, 'iu');
  if (cache.size > 500) cache.clear();
  cache.set(key, re);
  return re;
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A literal pattern SQLite's own LIKE handles identically (no character classes): run it natively. */
export function isNativeLikePattern(pattern: string): boolean {
  return !pattern.includes('[');
}
