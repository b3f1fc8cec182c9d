import type { SyncCursor } from './types.ts';

/** SOQL datetime literal (UTC, no quotes). */
export const soqlDateTime = (iso: string): string => `${new Date(iso).toISOString().slice(0, 19)}Z`;
const soqlString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The WHERE clause of an extraction: user filter, watermark, and the resume cursor. */
export function extractionWhere(parts: {
  where?: string;
  since?: string | null;
  cursor?: SyncCursor;
}): string {
  const clauses: string[] = [];
  if (parts.where?.trim()) clauses.push(`(${parts.where})`);
  if (parts.since) clauses.push(`SystemModstamp >= ${soqlDateTime(parts.since)}`);
  if (parts.cursor) {
    const at = soqlDateTime(parts.cursor.modstamp);
    clauses.push(
      `(SystemModstamp > ${at} OR (SystemModstamp = ${at} AND Id > ${soqlString(parts.cursor.id)}))`,
    );
  }
  return clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
}

/**
 * The REST query is ordered by SystemModstamp then Id so a checkpointed cursor marks exactly what was
 * committed. A Bulk 2.0 query is not ordered: "Use of ORDER BY in a Bulk 2.0 query disables PKChunking
 * for the query … and potentially results in query timeouts" (Bulk API 2.0 Developer Guide,
 * "Troubleshooting Query Timeouts"); a Bulk run checkpoints at job level instead.
 */
export function extractionSoql(object: string, fields: string[], where: string, ordered = true): string {
  return `SELECT ${fields.join(', ')} FROM ${object}${where}${ordered ? ' ORDER BY SystemModstamp, Id' : ''}`;
}
