import { LEAD_SYNC_FIELDS } from '../../scripts/lib/leads.ts';
import type { RunningEmulator } from '../../src/emulator/index.ts';

export interface Difference {
  missing: string[];
  extra: string[];
  /** Ids whose values differ, with the first differing field. */
  unequal: Array<{ id: string; field: string; source: unknown; target: unknown }>;
  sourceCount: number;
  targetCount: number;
}

// Values compared in one canonical form: SQLite keeps booleans as 0/1 and dates as text in either store.
// `inDe`: the value as the DE holds it, where a date-time is SFMC's CST wall clock (UTC−6).
function canon(field: string, v: unknown, inDe = false): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (field === 'IsConverted' || field === 'IsDeleted')
    return v === true || v === 1 || v === '1' || v === 'true' ? 'true' : 'false';
  if (field === 'SystemModstamp' || field === 'ConvertedDate') {
    const t = Date.parse(
      String(v)
        .replace(' ', 'T')
        .replace(/([+-]\d\d)(\d\d)$/, '$1:$2'),
    );
    // Date-only values and DE dates without a zone both mean the same calendar instant here.
    const shift = inDe && field === 'SystemModstamp' ? 6 * 3_600_000 : 0;
    return Number.isNaN(t)
      ? String(v)
      : new Date(t + shift).toISOString().slice(0, field === 'ConvertedDate' ? 10 : 19);
  }
  if (field === 'pi__score__c') return String(Number(v));
  return String(v);
}

/** Every Lead in the emulated org against every row of the target DE, field by field. */
export function compareLeads(emu: RunningEmulator, targetKey: string): Difference {
  const fields = ['SystemModstamp', ...LEAD_SYNC_FIELDS];
  const source = emu
    .salesforce!.store.db.prepare(
      `SELECT Id, ${fields.map((f) => `"${f}"`).join(', ')} FROM "sf_Lead" WHERE IsDeleted = 0`,
    )
    .all() as Array<Record<string, unknown>>;
  const target = emu.state.readRows(targetKey) as Array<Record<string, unknown>>;
  const byId = new Map(target.map((r) => [String(r.Id), r]));
  const diff: Difference = {
    missing: [],
    extra: [],
    unequal: [],
    sourceCount: source.length,
    targetCount: target.length,
  };
  const seen = new Set<string>();
  for (const s of source) {
    const id = String(s.Id);
    seen.add(id);
    const t = byId.get(id);
    if (!t) {
      diff.missing.push(id);
      continue;
    }
    for (const f of fields) {
      if (canon(f, s[f]) !== canon(f, t[f], true)) {
        diff.unequal.push({ id, field: f, source: s[f], target: t[f] });
        break;
      }
    }
  }
  for (const id of byId.keys()) if (!seen.has(id)) diff.extra.push(id);
  return diff;
}

export const lostNothing = (d: Difference): boolean =>
  d.missing.length === 0 && d.extra.length === 0 && d.unequal.length === 0 && d.sourceCount === d.targetCount;

export const describeLoss = (d: Difference): string =>
  `source ${d.sourceCount} rows, target ${d.targetCount}; missing ${d.missing.length}, extra ${d.extra.length}, unequal ${d.unequal.length}${
    d.unequal.length ? ` (first: ${JSON.stringify(d.unequal[0])})` : ''
  }${d.missing.length ? ` (first missing: ${d.missing.slice(0, 3).join(', ')})` : ''}`;
