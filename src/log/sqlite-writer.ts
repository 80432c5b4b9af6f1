/**
 * Worker thread that owns the log database's write connection, so the event loop never waits on a
 * commit's fsync: it keeps reading requests and checking signatures while a batch is made durable.
 * Messages are handled strictly in order; each is answered once its transaction has committed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type PackedBatch, openLogDatabase, prepareWrites } from './sqlite-db.js';

export type WriterRequest =
  | { readonly id: number; readonly op: 'append'; readonly batch: PackedBatch; readonly checkpoint?: string }
  | { readonly id: number; readonly op: 'meta'; readonly key: string; readonly value: string };

export interface WriterReply {
  readonly id: number;
  readonly error?: string;
}

const db = openLogDatabase((workerData as { path: string }).path);
const writes = prepareWrites(db);

parentPort!.on('message', (req: WriterRequest | 'close') => {
  if (req === 'close') {
    db.close();
    parentPort!.postMessage('closed');
    return;
  }
  let reply: WriterReply;
  try {
    if (req.op === 'append') writes.append(req.batch, req.checkpoint);
    else writes.setMeta(req.key, req.value);
    reply = { id: req.id };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
