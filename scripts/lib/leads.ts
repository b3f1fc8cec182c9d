/** Lead records for sync benchmarks and reliability runs: deterministic, varied types, unique emails. */
export function leadRecord(i: number): Record<string, unknown> {
  return {
    FirstName: `F${i}`,
    LastName: `L${i}`,
    Company: `Co${i % 97}`,
    Email: `lead${i}@example.com`,
    Status: i % 3 === 0 ? 'Working - Contacted' : 'Open - Not Contacted',
    pi__score__c: i % 1000,
    IsConverted: i % 10 === 0,
    AnnualRevenue: (i % 5000) * 1000,
    ConvertedDate: i % 10 === 0 ? '2026-01-15' : null,
  };
}

export const LEAD_SYNC_FIELDS = [
  'LastName',
  'Email',
  'Status',
  'pi__score__c',
  'IsConverted',
  'ConvertedDate',
];

export function* leadRecords(n: number, chunk = 5000): Generator<Array<Record<string, unknown>>> {
  for (let from = 0; from < n; from += chunk) {
    const size = Math.min(chunk, n - from);
    yield Array.from({ length: size }, (_, k) => leadRecord(from + k));
  }
}
