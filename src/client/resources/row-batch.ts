/** A data extension row as the REST rows APIs take it. */
export type Row = Record<string, string | number | boolean | null>;

/**
 * Rows already serialized into the async rows request body `{"items":[…]}`. Each row is turned into
 * JSON once, when it joins the batch, and written straight into a buffer: the byte count that bounds
 * the batch is exact, the body is sent as is, and a batch waiting on SFMC holds one buffer instead of
 * thousands of row objects and strings (what keeps a million-row sync's heap small).
 */
export interface RowBatch {
  readonly count: number;
  /** UTF-8 bytes of the body. */
  readonly bytes: number;
  /** The request body, ready to send. */
  readonly body: Buffer;
  /** The rows, decoded from the body on first use (rejects, tests). */
  readonly rows: Row[];
}

const OPEN = Buffer.from('{"items":[');
const CLOSE = Buffer.from(']}');

export function isRowBatch(value: unknown): value is RowBatch {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as RowBatch).body);
}

function sealed(body: Buffer, count: number): RowBatch {
  let rows: Row[] | undefined;
  return {
    count,
    bytes: body.length,
    body,
    get rows() {
      rows ??= (JSON.parse(body.toString('utf8')) as { items: Row[] }).items;
      return rows;
    },
  };
}

/**
 * A bigger buffer holding the first `used` bytes of `buf`, with room for `more`: doubled, but not past
 * `cap` (what a batch can hold) unless the room asked for needs it.
 */
function grow(buf: Buffer, used: number, more: number, cap: number): Buffer {
  const grown = Buffer.allocUnsafe(Math.max(used + more, Math.min(buf.length * 2, cap)));
  buf.copy(grown, 0, 0, used);
  return grown;
}

/**
 * Collects rows into batches bounded by row count and by body bytes (the async rows API caps both).
 * `add` returns the full batch a row would overflow, `flush` the rest.
 */
export function createRowBatcher(maxRows: number, maxBytes: number) {
  // Sized from the batch before (batches of one sync are alike), so a batch costs one allocation.
  let capacity = Math.min(Math.max(maxBytes, 1024), 256 * 1024);
  let buf: Buffer = Buffer.allocUnsafe(capacity);
  let length = 0;
  let count = 0;
  const reset = () => {
    buf = Buffer.allocUnsafe(capacity);
    OPEN.copy(buf, 0);
    length = OPEN.length;
    count = 0;
  };
  reset();
  const take = (): RowBatch => {
    if (length + CLOSE.length > buf.length) buf = grow(buf, length, CLOSE.length, length + CLOSE.length);
    CLOSE.copy(buf, length);
    const batch = sealed(buf.subarray(0, length + CLOSE.length), count);
    capacity = Math.min(Math.ceil((length + CLOSE.length) * 1.1) + 1024, Math.max(maxBytes, 1024) + 1024);
    reset();
    return batch;
  };
  /** Appends `text` (with its comma) unless it would pass maxBytes; returns whether it did. */
  const append = (text: string): boolean => {
    const comma = count > 0 ? 1 : 0;
    // A string's length is a lower bound of its UTF-8 bytes: a row that cannot fit is refused before
    // the buffer grows for it (else every batch cut by the byte cap would end in a doubled buffer).
    if (count > 0 && length + comma + text.length + CLOSE.length > maxBytes) return false;
    if (length + comma + text.length * 3 + CLOSE.length > buf.length) {
      const need = comma + Buffer.byteLength(text) + CLOSE.length;
      if (count > 0 && length + need > maxBytes) return false;
      if (length + need > buf.length) buf = grow(buf, length, need, maxBytes + CLOSE.length);
    }
    if (comma) buf[length] = 0x2c;
    const written = buf.write(text, length + comma, 'utf8');
    if (count > 0 && length + comma + written + CLOSE.length > maxBytes) return false;
    length += comma + written;
    count += 1;
    return true;
  };
  return {
    add(row: Row): RowBatch | undefined {
      const text = JSON.stringify(row);
      if (count < maxRows && append(text)) return undefined;
      const full = take();
      append(text);
      return full;
    },
    flush(): RowBatch | undefined {
      return count ? take() : undefined;
    },
    get size(): number {
      return count;
    },
  };
}

/** Splits rows by count and serialized size so every call stays under both limits. */
export function batchRows(rows: Row[], maxRows: number, maxBytes: number): RowBatch[] {
  const batcher = createRowBatcher(maxRows, maxBytes);
  const batches: RowBatch[] = [];
  for (const row of rows) {
    const full = batcher.add(row);
    if (full) batches.push(full);
  }
  const rest = batcher.flush();
  if (rest) batches.push(rest);
  return batches;
}

/** The rows as one batch, whatever their count and size (for small writes and tests). */
export function rowBatchOf(rows: Row[]): RowBatch {
  return (
    batchRows(rows, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)[0] ??
    sealed(Buffer.concat([OPEN, CLOSE]), 0)
  );
}
