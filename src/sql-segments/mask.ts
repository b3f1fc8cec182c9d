/**
 * The SQL with string literals' contents and comments blanked to spaces, same length and lines: the
 * parser never trips on T-SQL quoting (no backslash escapes, '' doubled), and every offset in the masked
 * text is the offset in the original, so positions reported stay true.
 */
export function maskSql(sql: string): string {
  let out = '';
  let i = 0;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'") {
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === "'" && sql[j + 1] === "'") j++;
        else if (sql[j] === "'") break;
      }
      // Contents become x (a string the parser accepts), quotes stay.
      out += `'${sql.slice(i + 1, j).replace(/[^\n]/g, 'x')}${j < sql.length ? "'" : ''}`;
      i = j + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const j = sql.indexOf('\n', i);
      const end = j < 0 ? sql.length : j;
      out += blank(sql.slice(i, end));
      i = end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const j = sql.indexOf('*/', i + 2);
      const end = j < 0 ? sql.length : j + 2;
      out += blank(sql.slice(i, end));
      i = end;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line += 1;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/**
 * Offset of the first use of an identifier in the masked SQL, as `qualifier.name`, `[name]` or a bare
 * word, outside strings and comments (they are masked): where an error about it points.
 */
export function findIdentifier(masked: string, name: string, qualifier?: string | null): number | undefined {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ident = `(?:\\[${esc(name)}\\]|${esc(name)}(?![\\w$#@]))`;
  const qual = qualifier ? `(?:\\[${esc(qualifier)}\\]|${esc(qualifier)})\\s*\\.\\s*` : '';
  const re = new RegExp(`(?<![\\w$#@.\\]])${qual}${ident}`, 'i');
  const m = re.exec(masked);
  if (!m) return undefined;
  // Point at the name itself, past a qualifier.
  const inner = m[0].search(new RegExp(`\\[?${esc(name)}`, 'i'));
  return m.index + Math.max(0, qualifier ? m[0].lastIndexOf(m[0].slice(inner)) : 0);
}

/** Offset of the first use of a column, qualified by any alias or not (for impact's line numbers). */
export function findColumn(masked: string, name: string): number | undefined {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?<![\\w$#@])\\[?${esc}\\]?(?![\\w$#@])`, 'i').exec(masked);
  return m?.index;
}
