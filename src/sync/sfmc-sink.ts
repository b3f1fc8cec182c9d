import { type RowBatch, rowBatchOf, type SfmcClient } from '../client/index.ts';
import type { RowError } from '../client/resources/rows.ts';
import { KitError } from '../errors/index.ts';
import type { DeField, DeRow, RejectedRow, RowSink } from './types.ts';

/** The parts of the SFMC client the sink uses (narrow, so tests can pass a double). */
export interface SinkClient {
  dataExtensions: Pick<SfmcClient['dataExtensions'], 'get' | 'create' | 'addFields'>;
  rows: Pick<SfmcClient['rows'], 'upsert' | 'delete' | 'read'>;
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
 * (a duplicate-key message does; a bad-value message names only the column). The sync's rows are keyed
 * by Salesforce Id, so Ids are picked out of the message and looked up in a map, rather than every
 * row's Id searched for in every message.
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

const reasonOf = (e: RowError): string =>
  `${e.errorCode ? `${e.errorCode}: ` : ''}${e.message} (request ${e.requestId})`;

/**
 * Upserts a batch and names the row behind every error SFMC reports. An error whose message quotes a
 * row's Id is that row's; when any error names no row, the batch is split in halves and each half sent
 * again (an upsert by primary key is idempotent, so rows that landed land again unchanged), down to
 * the single rows that fail, rather than guessed (Census does the same: census-docs
 * `syncs/retry-handling.md`, failing batches split in half until the bad rows are isolated).
 * Costs about 2 × log2(batch rows) extra sends per unnamed reject.
 */
export async function upsertFindingRejects(
  send: (batch: RowBatch) => Promise<RowError[]>,
  batch: RowBatch,
): Promise<{ rejected: RejectedRow[] }> {
  const errors = await send(batch);
  if (!errors.length) return { rejected: [] };
  if (batch.count === 1)
    return { rejected: [{ row: batch.rows[0] as DeRow, reason: errors.map(reasonOf).join('; ') }] };
  const rowFor = rowFinder(batch);
  const named = errors.map((e) => rowFor(e.message));
  if (named.every(Boolean) && new Set(named).size === named.length) {
    return { rejected: errors.map((e, i) => ({ row: named[i]!, reason: reasonOf(e) })) };
  }
  const half = Math.ceil(batch.count / 2);
  const rejected: RejectedRow[] = [];
  for (const part of [batch.rows.slice(0, half), batch.rows.slice(half)]) {
    rejected.push(...(await upsertFindingRejects(send, rowBatchOf(part))).rejected);
  }
  return { rejected };
}

/**
 * A RowSink over the SFMC client: creates or widens the DE, upserts through the async rows API
 * (which batches and polls), and maps SFMC's per-row errors to rejects.
 */
export function createSfmcSink(
  client: SinkClient,
  opts: { folderId?: number; maxBatchRows?: number; maxBatchBytes?: number; pollIntervalMs?: number } = {},
): RowSink {
  const ensureOnce = async (key: string, fields: DeField[]): Promise<void> => {
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
    // A primary key cannot change on a DE (sfmc-devtools DataExtensionField.prepareDeployColumnsOnUpdate),
    // so rows keyed differently would be refused one by one or overwrite each other: say so first.
    const keyOf = (names: string[]) =>
      names
        .map((n) => n.toLowerCase())
        .sort()
        .join(', ');
    const liveKey = keyOf(existing.fields.filter((f) => f.isPrimaryKey).map((f) => f.name));
    const wantKey = keyOf(fields.filter((f) => f.isPrimaryKey).map((f) => f.name));
    if (liveKey !== wantKey) {
      throw new KitError(
        'SYNC_FAILED',
        `data extension ${key} has primary key (${liveKey || 'none'}); the sync writes rows keyed by (${wantKey})`,
        { hint: 'recreate the data extension with that primary key, or sync into another one' },
      );
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
  };
  // Schemas this sink already made sure of, by DE key: a process that syncs night after night (or
  // several syncs into one DE) reads the DE once, not on every run.
  const ensured = new Map<string, string>();
  const signature = (fields: DeField[]) => JSON.stringify(fields.map(toFieldInput));
  return {
    async ensureSchema(key, fields) {
      if (ensured.get(key) === signature(fields)) return;
      await ensureOnce(key, fields);
      ensured.set(key, signature(fields));
    },
    upsert(key, batch) {
      const send = async (b: RowBatch) =>
        (
          await client.rows.upsert(key, b, {
            maxBatchRows: opts.maxBatchRows,
            maxBatchBytes: opts.maxBatchBytes,
            pollIntervalMs: opts.pollIntervalMs,
          })
        ).errors;
      return upsertFindingRejects(send, batch);
    },
    async *readKeys(key, fields) {
      // The rowset API names fields in lower case (`keys: { id: … }`): map them back to the asked names.
      for await (const row of client.rows.read(key, { fields })) {
        const byLower = new Map(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
        yield Object.fromEntries(fields.map((f) => [f, byLower.get(f.toLowerCase()) ?? null]));
      }
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
