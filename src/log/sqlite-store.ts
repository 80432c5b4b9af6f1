/**
 * LogStore on SQLite (better-sqlite3 12) in WAL mode with synchronous=FULL: a resolved append has
 * been fsynced, so an acknowledged entry survives a crash or a power cut. The SQL stays portable
 * (plain tables, no SQLite-only syntax in queries) for the PostgreSQL driver to mirror.
 */
import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type { PackedBatch, WriterReply, WriterRequest } from './sqlite-writer.js';
import { SignetError } from '../errors.js';
import type { LogStore, StoredEntry } from './store.js';

// SQLite DDL: INTEGER PRIMARY KEY makes idx the rowid (one B-tree, not two) and WITHOUT ROWID keeps the
// lookup index in its primary key only. The PostgreSQL driver declares the same tables with BIGINT.
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, data BLOB NOT NULL, leaf_hash BLOB NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS lookups (lkey TEXT NOT NULL, idx INTEGER NOT NULL, PRIMARY KEY (lkey, idx)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`,
];

/** Packs a batch into fresh buffers that can be transferred to the writer thread. */
function pack(batch: readonly StoredEntry[]): PackedBatch {
  let total = 0;
  for (const e of batch) total += e.data.byteLength;
  const data = new Uint8Array(total);
  const offsets = new Uint32Array(batch.length + 1);
  const leafHashes = new Uint8Array(batch.length * 32);
  let off = 0;
  batch.forEach((e, i) => {
    offsets[i] = off;
    data.set(e.data, off);
    off += e.data.byteLength;
    leafHashes.set(e.leafHash, i * 32);
  });
  offsets[batch.length] = off;
  return { first: batch[0]?.index ?? 0, data, offsets, leafHashes, lookupKeys: batch.map((e) => e.lookupKeys) };
}

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

export class SqliteLogStore implements LogStore {
  private readonly db: Database.Database;
  private count: number;
  private readonly insertEntry: Database.Statement<[number, Buffer, Buffer]>;
  private readonly insertLookup: Database.Statement<[string, number]>;
  private readonly selectEntries: Database.Statement<[number, number], { data: Buffer }>;
  private readonly selectRows: Database.Statement<[number, number], { data: Buffer; leaf_hash: Buffer }>;
  private readonly selectLookup: Database.Statement<[string, number, number], { idx: number }>;
  private readonly selectMeta: Database.Statement<[string], { v: string }>;
  private readonly upsertMeta: Database.Statement<[string, string]>;
  private readonly appendTx: (batch: readonly StoredEntry[], checkpoint: string | undefined) => void;
  private readonly writer: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private writerError: Error | undefined;

  /**
   * With `writerThread`, commits run on a worker thread holding its own connection (the event loop
   * does not block on fsync); reads stay on this thread's connection, which WAL lets run alongside.
   */
  constructor(path: string, opts: { writerThread?: boolean } = {}) {
    try {
      this.db = new Database(path);
    } catch (e) {
      throw new SignetError('STORAGE_FAILED', `cannot open the log database ${path}: ${(e as Error).message}`, { cause: e });
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    for (const s of SCHEMA) this.db.exec(s);
    this.insertEntry = this.db.prepare('INSERT INTO entries (idx, data, leaf_hash) VALUES (?, ?, ?)');
    this.insertLookup = this.db.prepare('INSERT INTO lookups (lkey, idx) VALUES (?, ?)');
    this.selectEntries = this.db.prepare('SELECT data FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx');
    this.selectRows = this.db.prepare('SELECT data, leaf_hash FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx');
    this.selectLookup = this.db.prepare('SELECT idx FROM lookups WHERE lkey = ? AND idx > ? ORDER BY idx LIMIT ?');
    this.selectMeta = this.db.prepare('SELECT v FROM meta WHERE k = ?');
    this.upsertMeta = this.db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v');
    const row = this.db.prepare('SELECT COUNT(*) AS n, MAX(idx) AS top FROM entries').get() as { n: number; top: number | null };
    if (row.n !== (row.top === null ? 0 : row.top + 1)) {
      throw new SignetError('STORAGE_FAILED', `the log database ${path} has a gap: ${row.n} entries but the last index is ${row.top}`, {
        hint: 'restore the database from a backup; never edit it by hand',
      });
    }
    this.count = row.n;
    if (opts.writerThread) {
      this.writer = new Worker(new URL('./sqlite-writer.js', import.meta.url), { workerData: { path } });
      this.writer.on('message', (m: WriterReply | 'closed') => {
        if (m === 'closed') return;
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.error === undefined) w?.resolve();
        else w?.reject(new Error(m.error));
      });
      this.writer.on('error', (e) => {
        this.writerError = e;
        for (const w of this.waiting.values()) w.reject(e);
        this.waiting.clear();
      });
    }
    this.appendTx = this.db.transaction((batch: readonly StoredEntry[], checkpoint: string | undefined) => {
      for (const e of batch) {
        this.insertEntry.run(e.index, asBuffer(e.data), asBuffer(e.leafHash));
        for (const k of e.lookupKeys) this.insertLookup.run(k, e.index);
      }
      if (checkpoint !== undefined) this.upsertMeta.run('checkpoint', checkpoint);
    });
  }

  async size(): Promise<number> {
    return this.count;
  }

  async append(batch: readonly StoredEntry[], checkpoint?: string): Promise<void> {
    if (batch.length === 0 && checkpoint === undefined) return;
    batch.forEach((e, i) => {
      if (e.index !== this.count + i) {
        throw new SignetError('STORAGE_FAILED', `append out of sequence: entry ${e.index} where ${this.count + i} was next`);
      }
    });
    try {
      if (this.writer) {
        const packed = pack(batch);
        await this.write({ id: 0, op: 'append', batch: packed, ...(checkpoint === undefined ? {} : { checkpoint }) }, [
          packed.data.buffer as ArrayBuffer,
          packed.offsets.buffer as ArrayBuffer,
          packed.leafHashes.buffer as ArrayBuffer,
        ]);
      } else {
        this.appendTx(batch, checkpoint);
      }
    } catch (e) {
      throw new SignetError('STORAGE_FAILED', `cannot store ${batch.length} entries: ${(e as Error).message}`, { cause: e });
    }
    this.count += batch.length;
  }

  async entries(from: number, to: number): Promise<Buffer[]> {
    return this.selectEntries.all(from, to).map((r) => r.data);
  }

  async scan(from: number, to: number, chunk: (rows: { data: Buffer; leafHash: Buffer }[]) => void): Promise<void> {
    const step = 16384;
    for (let lo = from; lo < to; lo += step) {
      chunk(this.selectRows.all(lo, Math.min(to, lo + step)).map((r) => ({ data: r.data, leafHash: r.leaf_hash })));
    }
  }

  async lookup(key: string, after: number, limit: number): Promise<number[]> {
    return this.selectLookup.all(key, after, limit).map((r) => r.idx);
  }

  async getMeta(key: string): Promise<string | undefined> {
    return this.selectMeta.get(key)?.v;
  }

  async setMeta(key: string, value: string): Promise<void> {
    if (this.writer) await this.write({ id: 0, op: 'meta', key, value });
    else this.upsertMeta.run(key, value);
  }

  private write(req: WriterRequest, transfer: ArrayBuffer[] = []): Promise<void> {
    if (this.writerError) return Promise.reject(this.writerError);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.writer!.postMessage({ ...req, id }, transfer);
    });
  }

  async close(): Promise<void> {
    if (this.writer) {
      const writer = this.writer;
      await new Promise<void>((resolve) => {
        writer.once('message', () => resolve());
        writer.once('exit', () => resolve());
        writer.postMessage('close');
      });
      await writer.terminate();
    }
    this.db.close();
  }
}
