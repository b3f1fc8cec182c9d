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

/** Ordered by SystemModstamp then Id so a checkpointed cursor marks exactly what was committed. */
export function extractionSoql(object: string, fields: string[], where: string): string {
  return `SELECT ${fields.join(', ')} FROM ${object}${where} ORDER BY SystemModstamp, Id`;
}
