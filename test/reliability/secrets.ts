import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EmuHandler } from '../../src/emulator/index.ts';

/** Every file under `dir` (recursively) as [path, text]. */
export function filesUnder(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push([p, readFileSync(p, 'utf8')]);
    }
  };
  walk(dir);
  return out;
}

/** Where any secret appears in the given texts: `label: secret kind`. Empty means clean. */
export function findSecrets(texts: Array<[string, string]>, secrets: Record<string, string>): string[] {
  const hits: string[] = [];
  for (const [label, text] of texts) {
    for (const [kind, value] of Object.entries(secrets)) {
      if (value && value.length >= 6 && text.includes(value)) hits.push(`${label}: ${kind}`);
    }
  }
  return hits;
}

/**
 * An emulator handler that passes every request on and remembers the bearer tokens clients sent:
 * exactly the tokens the emulator issued and the campaign used.
 */
export function tokenRecorder(): { handler: EmuHandler; tokens: Set<string> } {
  const tokens = new Set<string>();
  return {
    tokens,
    handler: async (req) => {
      const m = /^(?:Bearer|OAuth)\s+(\S+)/i.exec(req.headers.authorization ?? '');
      if (m) tokens.add(m[1]);
      return undefined;
    },
  };
}
