import type { RowBatch, SfmcClient } from '../client/index.ts';
import { KitError } from '../errors/index.ts';
import type { DeField, DeRow, RejectedRow, RowSink } from './types.ts';

/** The parts of the SFMC client the sink uses (narrow, so tests can pass a double). */
export interface SinkClient {
  dataExtensions: Pick<SfmcClient['dataExtensions'], 'get' | 'create' | 'addFields'>;
  rows: Pick<SfmcClient['rows'], 'upsert' | 'delete'>;
}

const toFieldInput = (f: DeField) => ({
  name: f.name,
  type: f.type,
  length: f.type === 'Decimal' ? f.precision : f.length,
  scale: f.type === 'Decimal' ? f.scale : undefined,
  isPrimaryKey: f.isPrimaryKey,
  isRequired: !f.isNullable,
});

const SALESFORCE_ID = /\b[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?\b/g;

/**
 * SFMC's async results name no row: an error is matched to a row when its message quotes the row's Id
 * (a duplicate-key message does; a bad-value message names only the column, so its row stays unknown).
 * The sync's rows are keyed by Salesforce Id, so Ids are picked out of the message and looked up in a
 * map, rather than every row's Id searched for in every message.
 */
function rowFinder(batch: RowBatch): (message: string) => DeRow | undefined {
  let byId: Map<string, DeRow> | undefined;
  return (message) => {
    byId ??= new Map(batch.rows.filter((r) => r.Id != null).map((r) => [String(r.Id), r]));
    for (const id of message.match(SALESFORCE_ID) ?? []) {
      const row = byId.get(id);
      if (row) return row;
    }
    return undefined;
  };
}

/**
 * A RowSink over the SFMC client: creates or widens the DE, upserts through the async rows API
 * (which batches and polls), and maps SFMC's per-row errors to rejects.
 */
export function createSfmcSink(
  client: SinkClient,
  opts: { folderId?: number; maxBatchRows?: number; maxBatchBytes?: number } = {},
): RowSink {
  return {
    async ensureSchema(key, fields) {
      const existing = await client.dataExtensions.get(key);
      if (!existing) {
        await client.dataExtensions.create({
          key,
          name: key,
          folderId: opts.folderId,
          fields: fields.map(toFieldInput),
        });
        return;
      }
      const have = new Set(existing.fields.map((f) => f.name.toLowerCase()));
      const missing = fields.filter((f) => !have.has(f.name.toLowerCase()));
      // New fields are added nullable: SFMC refuses required fields on a DE that holds rows.
      if (missing.length) {
        await client.dataExtensions.addFields(
          key,
          missing.map((f) => ({ ...toFieldInput(f), isPrimaryKey: false, isRequired: false })),
        );
      }
    },
    async upsert(key, batch) {
      const result = await client.rows.upsert(key, batch, {
        maxBatchRows: opts.maxBatchRows,
        maxBatchBytes: opts.maxBatchBytes,
      });
      const rowFor = rowFinder(batch);
      const rejected: RejectedRow[] = result.errors.map((e) => {
        const reason = `${e.errorCode ? `${e.errorCode}: ` : ''}${e.message} (request ${e.requestId})`;
        return { row: rowFor(e.message) ?? ({ Id: null } as DeRow), reason };
      });
      return { rejected };
    },
    async remove(key, ids) {
      // SOAP Delete by the DE's `Id` primary key; a row already gone answers OK, so reruns are safe.
      const { errors } = await client.rows.delete(
        key,
        ids.map((Id) => ({ Id })),
      );
      if (errors.length) {
        const shown = errors
          .slice(0, 5)
          .map(
            (e) =>
              `${e.keys.Id ?? JSON.stringify(e.keys)}: ${e.errorCode ? `${e.errorCode} ` : ''}${e.message}`,
          );
        throw new KitError(
          'SYNC_FAILED',
          `SFMC refused to delete ${errors.length} of ${ids.length} rows from ${key}: ${shown.join('; ')}${errors.length > shown.length ? '; …' : ''}`,
          {
            hint: 'the run resumes at the deletes phase; or set deletes: flag to keep rows with IsDeleted = true',
          },
        );
      }
    },
  };
}
