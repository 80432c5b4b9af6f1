/**
 * Worker thread that owns the log database's write connection, so the event loop never waits on a
 * commit's fsync: it keeps reading requests and checking signatures while a batch is made durable.
 * Messages are handled strictly in order; each is answered once its transaction has committed.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

export interface WriterRow {
  readonly index: number;
  readonly data: Uint8Array;
  readonly leafHash: Uint8Array;
  readonly lookupKeys: readonly string[];
}

export type WriterRequest =
  | { readonly id: number; readonly op: 'append'; readonly rows: readonly WriterRow[]; readonly checkpoint?: string }
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
const append = db.transaction((rows: readonly WriterRow[], checkpoint: string | undefined) => {
  for (const r of rows) {
    insertEntry.run(r.index, Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength), Buffer.from(r.leafHash.buffer, r.leafHash.byteOffset, r.leafHash.byteLength));
    for (const k of r.lookupKeys) insertLookup.run(k, r.index);
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
    if (req.op === 'append') append(req.rows, req.checkpoint);
    else upsertMeta.run(req.key, req.value);
    reply = { id: req.id };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
