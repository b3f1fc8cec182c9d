import type { DataExtension, SfmcClient } from '../client/index.ts';

/** What the row tools need of a client: the DE's fields and the rows API (a real client fits). */
export type RowsClient = Pick<SfmcClient, 'rows'> & {
  soap: Pick<SfmcClient['soap'], 'call'>;
  dataExtensions: Pick<SfmcClient['dataExtensions'], 'get'>;
};

export interface RowProgress {
  /** Rows read (from the file or the source DE). */
  read: number;
  /** Rows SFMC accepted (written) or, for export, rows written to the file. */
  done: number;
  rejected: number;
  /** Rows expected in all, when known. */
  total?: number;
  /** Share of the input consumed, 0..1, when the count is unknown but the size is (file imports). */
  fraction?: number;
}

export type { DataExtension };
