/**
 * Worker thread that owns the log database's write connection, so the event loop never waits on a
 * commit's fsync: it keeps reading requests and checking signatures while a batch is made durable.
 * Messages are handled strictly in order; each is answered once its transaction has committed.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * A batch packed for the message channel: all entry bytes in one buffer (with offsets), all leaf
 * hashes in another, both transferred, not copied. (Structured clone would copy the whole underlying
 * ArrayBuffer of every Uint8Array view, e.g. a whole request body per entry.)
 */
export interface PackedBatch {
  readonly first: number;
  readonly data: Uint8Array;
  readonly offsets: Uint32Array;
  readonly leafHashes: Uint8Array;
  readonly lookupKeys: readonly (readonly string[])[];
}

export type WriterRequest =
  | { readonly id: number; readonly op: 'append'; readonly batch: PackedBatch; readonly checkpoint?: string }
  | { readonly id: number; readonly op: 'meta'; readonly key: string; readonly value: string };

export interface WriterReply {
  readonly id: number;
  readonly error?: string;
}

const { path } = workerData as { path: string };
const db = new Database(path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const insertEntry = db.prepare<[number, Buffer, Buffer]>('INSERT INTO entries (idx, data, leaf_hash) VALUES (?, ?, ?)');
const insertLookup = db.prepare<[string, number]>('INSERT INTO lookups (lkey, idx) VALUES (?, ?)');
const upsertMeta = db.prepare<[string, string]>('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v');
const append = db.transaction((b: PackedBatch, checkpoint: string | undefined) => {
  const data = Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength);
  const hashes = Buffer.from(b.leafHashes.buffer, b.leafHashes.byteOffset, b.leafHashes.byteLength);
  for (let i = 0; i < b.lookupKeys.length; i++) {
    const index = b.first + i;
    insertEntry.run(index, data.subarray(b.offsets[i]!, b.offsets[i + 1]!), hashes.subarray(i * 32, i * 32 + 32));
    for (const k of b.lookupKeys[i]!) insertLookup.run(k, index);
  }
  if (checkpoint !== undefined) upsertMeta.run('checkpoint', checkpoint);
});

parentPort!.on('message', (req: WriterRequest | 'close') => {
  if (req === 'close') {
    db.close();
    parentPort!.postMessage('closed');
    return;
  }
  let reply: WriterReply;
  try {
    if (req.op === 'append') append(req.batch, req.checkpoint);
    else upsertMeta.run(req.key, req.value);
    reply = { id: req.id };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
