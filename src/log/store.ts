/**
 * The log's storage, behind one small interface so that SQLite (embedded default) and PostgreSQL
 * (later) run the same server code. Methods are async so a networked database fits; the SQLite driver
 * answers synchronously underneath.
 */

/** One sequenced entry, ready to be stored. */
export interface StoredEntry {
  readonly index: number;
  readonly data: Uint8Array;
  readonly leafHash: Uint8Array;
}

export interface LogStore {
  /** Number of entries stored (the next index). */
  size(): Promise<number>;
  /**
   * Appends a batch durably and atomically, with the checkpoint signed for it (stored as the meta value
   * "checkpoint"): when the promise resolves, every entry and the checkpoint are on stable storage;
   * when it rejects, none is. Indexes must continue the log without a gap.
   */
  append(batch: readonly StoredEntry[], checkpoint?: string): Promise<void>;
  /** Entries [from, to) in order. */
  entries(from: number, to: number): Promise<Buffer[]>;
  /** Entries and their stored leaf hashes [from, to) in order, in chunks (to rebuild the tree and state at start-up). */
  scan(from: number, to: number, chunk: (rows: { data: Buffer; leafHash: Buffer }[]) => void): Promise<void>;
  /** Small named values: the origin, the latest signed checkpoint, the tiles folder's size. */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}
