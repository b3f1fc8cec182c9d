import type { DatabaseSync } from 'node:sqlite';
import { createSalesforceStore, type SalesforceStore } from '../salesforce/store.ts';
import type { EmailView } from './email-events.ts';
import type { Dataset, WEB_EVENT_COLUMNS } from './generate.ts';

const CHUNK = 5000;

function* chunks<T>(it: Iterable<T>, size = CHUNK): Generator<T[]> {
  let buf: T[] = [];
  for (const x of it) {
    buf.push(x);
    if (buf.length >= size) {
      yield buf;
      buf = [];
    }
  }
  if (buf.length) yield buf;
}

/** Inserts the dataset's CRM records into the Salesforce emulator's tables, streamed in chunks. */
export function loadIntoSalesforce(
  target: DatabaseSync | SalesforceStore,
  ds: Dataset,
): Record<string, number> {
  const store = 'insert' in target ? target : createSalesforceStore(target);
  const out: Record<string, number> = {};
  const tables: Array<[string, () => Iterable<Record<string, unknown>>]> = [
    ['User', ds.users],
    ['Account', ds.accounts],
    ['Contact', ds.contacts],
    ['Lead', ds.leads],
    ['Campaign', ds.campaigns],
    ['CampaignMember', ds.campaignMembers],
    ['Opportunity', ds.opportunities],
    ['OpportunityContactRole', ds.opportunityContactRoles],
  ];
  for (const [name, rows] of tables) {
    out[name] = 0;
    for (const chunk of chunks(rows())) out[name] += store.insert(name, chunk).length;
  }
  return out;
}

/** The part of the SFMC emulator state this loader needs. */
export interface SfmcRowTarget {
  insertRows(deKeyOrDataViewName: string, rows: Record<string, unknown>[]): number;
}

/**
 * Inserts the SFMC side: system data views and, when their keys are given, web-event data extensions
 * (which must exist with WEB_EVENT_COLUMNS) and a score snapshot DE.
 */
export function loadIntoSfmc(
  state: SfmcRowTarget,
  ds: Dataset,
  opts: {
    webEventDEs?: Partial<Record<keyof typeof WEB_EVENT_COLUMNS, string>>;
    scoreSnapshotDE?: string;
  } = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (key: string, rows: Iterable<Record<string, unknown>>): void => {
    out[key] ??= 0;
    for (const chunk of chunks(rows)) out[key] += state.insertRows(key, chunk);
  };
  put('_Subscribers', ds.email('_Subscribers'));
  put('_Job', ds.email('_Job'));
  // One pass over the events, buffered per view.
  const buffers = new Map<EmailView, Record<string, unknown>[]>();
  for (const { view, row } of ds.emailEvents()) {
    let buf = buffers.get(view);
    if (!buf) {
      buf = [];
      buffers.set(view, buf);
    }
    buf.push(row);
    if (buf.length >= CHUNK) {
      out[view] = (out[view] ?? 0) + state.insertRows(view, buf);
      buffers.set(view, []);
    }
  }
  for (const [view, buf] of buffers)
    if (buf.length) out[view] = (out[view] ?? 0) + state.insertRows(view, buf);
  for (const [kind, key] of Object.entries(opts.webEventDEs ?? {})) {
    if (key) put(key, ds.webEvents(kind as keyof typeof WEB_EVENT_COLUMNS));
  }
  if (opts.scoreSnapshotDE) put(opts.scoreSnapshotDE, ds.scoreSnapshots());
  return out;
}
