import type { Connection } from 'jsforce';
import { createRowBatcher, type RowBatch } from '../client/resources/row-batch.ts';
import { extractRest } from './extract.ts';
import type { DeField, DeRow, RejectedRow, RowSink } from './types.ts';

export interface ScoreSnapshotOptions {
  conn: Connection;
  target: RowSink;
  /** History DE key (default `ScoreSnapshot`). */
  key?: string;
  /** The instant the snapshot is taken; its day is SFMC's (CST, UTC−6), the day GETDATE() reports. */
  date: Date;
  objects?: Array<'Lead' | 'Contact'>;
  scoreField?: string;
  gradeField?: string;
  /** Funnel stage of a record; default: Lead → its Status, Contact → 'Contact'. */
  stage?: (object: 'Lead' | 'Contact', record: Record<string, unknown>) => string | null;
  batchRows?: number;
}

/**
 * The history DE, as definitions/data-extensions/Score_History.yaml declares it: the primary key is a
 * text `SnapshotId` (`SubscriberKey|YYYY-MM-DD`), not the Date: "Don't use Date values as primary keys"
 * (SOAP API, "Create a Data Extension": a Date is returned rounded to the second with AM/PM, which can
 * prevent retrieving unique rows).
 */
export const SCORE_SNAPSHOT_FIELDS: DeField[] = [
  { name: 'SnapshotId', type: 'Text', length: 40, isPrimaryKey: true, isNullable: false },
  { name: 'SubscriberKey', type: 'Text', length: 18, isPrimaryKey: false, isNullable: false },
  { name: 'SnapshotDate', type: 'Date', isPrimaryKey: false, isNullable: false },
  { name: 'Score', type: 'Number', isPrimaryKey: false, isNullable: true },
  { name: 'Grade', type: 'Text', length: 2, isPrimaryKey: false, isNullable: true },
  { name: 'Stage', type: 'Text', length: 40, isPrimaryKey: false, isNullable: true },
  { name: 'ObjectType', type: 'Text', length: 20, isPrimaryKey: false, isNullable: true },
];

/**
 * Appends today's score, grade and stage of every lead and contact to a history DE (primary key
 * SnapshotId = SubscriberKey|day, so running twice on one day rewrites, never duplicates).
 * The history feeds "score rose most in 30 days" / "score fell over 60 days" segments.
 */
export async function snapshotScores(
  o: ScoreSnapshotOptions,
): Promise<{ rows: number; rejected: RejectedRow[] }> {
  const key = o.key ?? 'ScoreSnapshot';
  const scoreField = o.scoreField ?? 'pi__score__c';
  const gradeField = o.gradeField ?? 'pi__grade__c';
  const day = new Date(o.date.getTime() - 6 * 3_600_000).toISOString().slice(0, 10);
  const stage =
    o.stage ??
    ((object: 'Lead' | 'Contact', r: Record<string, unknown>) =>
      object === 'Lead' ? ((r.Status as string | null) ?? null) : 'Contact');
  await o.target.ensureSchema(key, SCORE_SNAPSHOT_FIELDS);
  const batcher = createRowBatcher(o.batchRows ?? 5000, 4_000_000);
  const rejected: RejectedRow[] = [];
  let rows = 0;
  const write = async (batch: RowBatch | undefined): Promise<void> => {
    if (!batch) return;
    const res = await o.target.upsert(key, batch);
    rejected.push(...res.rejected);
    rows += batch.count - res.rejected.length;
  };
  for (const object of o.objects ?? ['Lead', 'Contact']) {
    const fields = ['Id', scoreField, gradeField, ...(object === 'Lead' ? ['Status'] : [])];
    for await (const page of extractRest(o.conn, `SELECT ${fields.join(', ')} FROM ${object}`)) {
      for (const r of page) {
        const score = r[scoreField];
        await write(
          batcher.add({
            SnapshotId: `${String(r.Id)}|${day}`,
            SubscriberKey: String(r.Id),
            SnapshotDate: day,
            ObjectType: object,
            Score: score === null || score === undefined || score === '' ? null : Math.round(Number(score)),
            Grade: (r[gradeField] as string | null) ?? null,
            Stage: stage(object, r),
          }),
        );
      }
    }
  }
  await write(batcher.flush());
  return { rows, rejected };
}
