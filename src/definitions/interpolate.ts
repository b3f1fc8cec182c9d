/**
 * `${var}` interpolation inside YAML string scalars, done on the parsed document so positions survive.
 * `$${x}` stays a literal `${x}`. A scalar that is exactly `${var}` takes the variable's type (number, boolean).
 */
import { visit } from 'yaml';
import type { Diagnostic } from './diagnostics.ts';
import type { SourceFile } from './source-file.ts';

export type Variables = Record<string, string | number | boolean>;

const REF = /\$(\$?)\{([^}]*)\}/g;

export function interpolate(source: SourceFile, vars: Variables): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  visit(source.doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      const text = node.value;
      const whole = /^\$\{([A-Za-z_][\w.-]*)\}$/.exec(text);
      if (whole && Object.hasOwn(vars, whole[1])) {
        node.value = vars[whole[1]];
        return;
      }
      node.value = text.replace(REF, (match, escaped: string, name: string) => {
        if (escaped) return match.slice(1);
        if (Object.hasOwn(vars, name)) return String(vars[name]);
        const pos = source.lineCounter.linePos(node.range?.[0] ?? 0);
        const known = Object.keys(vars).sort().join(', ') || 'none';
        diagnostics.push({
          severity: 'error',
          code: 'unknown-variable',
          message: `unknown variable \${${name}}; expected one of: ${known}`,
          file: source.file,
          line: pos.line,
          column: pos.col,
        });
        return match;
      });
    },
  });
  return diagnostics;
}
