import type { SfmcClient } from '../client/index.ts';
import type { CompiledSegment } from '../compiler/index.ts';
import type { MemberSource } from './plan-activation.ts';

/** Member keys read from each segment's target data extension through the SFMC rowset API. */
export function clientMemberSource(client: Pick<SfmcClient, 'rows'>): MemberSource {
  return async function* readMembers(seg: CompiledSegment, keyField: string) {
    const lower = keyField.toLowerCase();
    // The rowset API answers field names in lower case; match without case.
    for await (const row of client.rows.read(seg.targetKey, { fields: [keyField] })) {
      const name = Object.keys(row).find((k) => k.toLowerCase() === lower);
      const value = name === undefined ? '' : String(row[name] ?? '').trim();
      if (value !== '') yield value;
    }
  };
}
