/**
 * The Salesforce side of activation through jsforce: find or create the Campaign, read its members,
 * and write CampaignMembers through sObject Collections (small changes, 200 a call) or Bulk API 2.0
 * ingest (large ones). Results come back per record, matched to what was sent.
 */
import type { Connection } from 'jsforce';
import { KitError } from '../errors/index.ts';
import { SALESFORCE_ID } from '../definitions/schemas/activation.ts';
import { BULK_INGEST_MAX_BYTES, COLLECTIONS_MAX_RECORDS, splitForBulk } from './batch-sizing.ts';
import type { CampaignMemberRecord } from './types.ts';

export type WriteOperation = 'insert' | 'update' | 'delete';
export type WriteRecord = Record<string, string>;
export interface WriteOutcome {
  record: WriteRecord;
  ok: boolean;
  id?: string;
  reason?: string;
}

export interface CampaignPort {
  findCampaign(ref: string): Promise<{ Id: string; Name: string } | undefined>;
  createCampaign(fields: Record<string, unknown>): Promise<string>;
  listMembers(campaignId: string): Promise<CampaignMemberRecord[]>;
  /** Writes CampaignMembers; `bulk` picks Bulk API 2.0 over sObject Collections. */
  write(operation: WriteOperation, records: WriteRecord[], bulk: boolean): Promise<WriteOutcome[]>;
  /** Calls made so far, by kind (what tests and the summary report). */
  calls: { collections: number; bulkJobs: number; queries: number };
}

/** SOQL string literal: backslash and quote escaped (SOQL reference, "Quoted String Escape Sequences"). */
export const soqlString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

interface SaveResult {
  id?: string;
  success: boolean;
  errors: Array<{ statusCode?: string; message?: string } | string>;
}
const reasonOf = (r: SaveResult): string =>
  r.errors
    .map((e) => (typeof e === 'string' ? e : `${e.statusCode ?? 'ERROR'}: ${e.message ?? ''}`))
    .join('; ');

export function jsforceCampaignPort(
  conn: Connection,
  options: { pollIntervalMs?: number; pollTimeoutMs?: number; bulkMaxBytes?: number } = {},
): CampaignPort {
  const calls = { collections: 0, bulkJobs: 0, queries: 0 };
  const members = conn.sobject('CampaignMember');

  async function viaCollections(op: WriteOperation, records: WriteRecord[]): Promise<WriteOutcome[]> {
    const out: WriteOutcome[] = [];
    for (let i = 0; i < records.length; i += COLLECTIONS_MAX_RECORDS) {
      const chunk = records.slice(i, i + COLLECTIONS_MAX_RECORDS);
      calls.collections++;
      const res = (
        op === 'insert'
          ? await members.create(chunk, { allOrNone: false })
          : op === 'update'
            ? await members.update(chunk as Array<WriteRecord & { Id: string }>, { allOrNone: false })
            : await members.destroy(
                chunk.map((r) => r.Id),
                { allOrNone: false },
              )
      ) as SaveResult[];
      chunk.forEach((record, j) => {
        const r = res[j];
        out.push(
          r?.success
            ? { record, ok: true, id: r.id }
            : { record, ok: false, reason: r ? reasonOf(r) : 'no result' },
        );
      });
    }
    return out;
  }

  async function viaBulk(op: WriteOperation, records: WriteRecord[]): Promise<WriteOutcome[]> {
    const out: WriteOutcome[] = [];
    for (const chunk of splitForBulk(records, options.bulkMaxBytes ?? BULK_INGEST_MAX_BYTES)) {
      out.push(...(await bulkJob(op, chunk)));
    }
    return out;
  }

  /** One Bulk API 2.0 ingest job: its upload is under the size cap (see batch-sizing.ts). */
  async function bulkJob(op: WriteOperation, records: WriteRecord[]): Promise<WriteOutcome[]> {
    calls.bulkJobs++;
    const res = await conn.bulk2.loadAndWaitForResults({
      object: 'CampaignMember',
      operation: op,
      input: records,
      pollInterval: options.pollIntervalMs ?? 1000,
      pollTimeout: options.pollTimeoutMs ?? 600_000,
    });
    // Bulk 2.0 results are not in upload order: match them back by the record's identity.
    const identity = (r: Record<string, unknown>) =>
      op === 'insert'
        ? `${String(r.LeadId ?? '')}|${String(r.ContactId ?? '')}`
        : String(r.Id ?? r.sf__Id ?? '');
    const done = new Map<string, WriteOutcome>();
    for (const r of res.successfulResults as Array<Record<string, unknown>>) {
      done.set(identity(r), { record: {}, ok: true, id: String(r.sf__Id) });
    }
    for (const r of res.failedResults as Array<Record<string, unknown>>) {
      done.set(identity(op === 'insert' ? r : { Id: r.Id ?? r.sf__Id }), {
        record: {},
        ok: false,
        reason: String(r.sf__Error),
      });
    }
    return records.map((record) => {
      const hit = done.get(identity(record));
      return hit ? { ...hit, record } : { record, ok: false, reason: 'not processed by the Bulk API job' };
    });
  }

  return {
    calls,
    async findCampaign(ref) {
      calls.queries++;
      const where =
        SALESFORCE_ID.test(ref) && ref.startsWith('701')
          ? `Id = ${soqlString(ref)}`
          : `Name = ${soqlString(ref)}`;
      const res = await conn.query<{ Id: string; Name: string }>(
        `SELECT Id, Name FROM Campaign WHERE ${where}`,
      );
      if (res.records.length > 1) {
        throw new KitError('CONFLICT', `${res.records.length} Salesforce Campaigns are named "${ref}"`, {
          hint: 'use the Campaign Id (701…) in activate.salesforceCampaign',
        });
      }
      const [c] = res.records;
      return c ? { Id: c.Id, Name: c.Name } : undefined;
    },
    async createCampaign(fields) {
      calls.collections++;
      // One record through sObject Collections, like every other write here.
      const [res] = (await conn.sobject('Campaign').create([fields], { allOrNone: true })) as SaveResult[];
      if (!res.success || !res.id) {
        throw new KitError(
          'API_ERROR',
          `creating Salesforce Campaign "${String(fields.Name)}" failed: ${reasonOf(res)}`,
        );
      }
      return res.id;
    },
    async listMembers(campaignId) {
      calls.queries++;
      const res = await conn.query<CampaignMemberRecord>(
        `SELECT Id, LeadId, ContactId, Status FROM CampaignMember WHERE CampaignId = ${soqlString(campaignId)}`,
        { autoFetch: true, maxFetch: Number.MAX_SAFE_INTEGER },
      );
      return res.records.map((r) => ({
        Id: r.Id,
        LeadId: r.LeadId ?? null,
        ContactId: r.ContactId ?? null,
        Status: r.Status ?? null,
      }));
    },
    async write(op, records, bulk) {
      if (!records.length) return [];
      return bulk ? viaBulk(op, records) : viaCollections(op, records);
    },
  };
}
