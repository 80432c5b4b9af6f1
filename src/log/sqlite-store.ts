/**
 * LogStore on SQLite (better-sqlite3 12) in WAL mode with synchronous=FULL: a resolved append has
 * been fsynced, so an acknowledged entry survives a crash or a power cut. The SQL stays portable
 * (plain tables, no SQLite-only syntax in queries) for the PostgreSQL driver to mirror.
 */
import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { SignetError } from '../errors.js';
import { type LogWrites, openLogDatabase, packBatch, prepareWrites } from './sqlite-db.js';
import type { WriterReply, WriterRequest } from './sqlite-writer.js';
import type { LogStore, StoredEntry } from './store.js';

export class SqliteLogStore implements LogStore {
  private readonly db: Database.Database;
  private count: number;
  private readonly selectEntries: Database.Statement<[number, number], { data: Buffer }>;
  private readonly selectRows: Database.Statement<[number, number], { data: Buffer; leaf_hash: Buffer }>;
  private readonly selectMeta: Database.Statement<[string], { v: string }>;
  /** Writes on this thread's connection, or on the writer thread's. */
  private readonly writes: LogWrites | undefined;
  private readonly writer: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private writerError: Error | undefined;
  private closing = false;
  private exited = false;

  /**
   * With `writerThread`, commits run on a worker thread holding its own connection (the event loop
   * does not block on fsync); reads stay on this thread's connection, which WAL lets run alongside.
   */
  constructor(path: string, opts: { writerThread?: boolean } = {}) {
    this.db = openLogDatabase(path);
    this.selectEntries = this.db.prepare('SELECT data FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx');
    this.selectRows = this.db.prepare('SELECT data, leaf_hash FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx');
    this.selectMeta = this.db.prepare('SELECT v FROM meta WHERE k = ?');
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
      const lost = (e: Error): void => {
        this.writerError ??= e;
        for (const w of this.waiting.values()) w.reject(this.writerError);
        this.waiting.clear();
      };
      this.writer.on('error', lost);
      // A writer that ends on its own (killed, out of memory) would leave its commits unanswered.
      this.writer.on('exit', (code) => {
        this.exited = true;
        if (!this.closing) lost(new Error(`the writer thread exited with code ${code}`));
      });
    } else {
      this.writes = prepareWrites(this.db);
    }
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
      const packed = packBatch(batch);
      if (this.writes) {
        this.writes.append(packed, checkpoint);
      } else {
        await this.write({ id: 0, op: 'append', batch: packed, ...(checkpoint === undefined ? {} : { checkpoint }) }, [
          packed.data.buffer as ArrayBuffer,
          packed.offsets.buffer as ArrayBuffer,
          packed.leafHashes.buffer as ArrayBuffer,
        ]);
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

  async getMeta(key: string): Promise<string | undefined> {
    return this.selectMeta.get(key)?.v;
  }

  async setMeta(key: string, value: string): Promise<void> {
    if (this.writes) this.writes.setMeta(key, value);
    else await this.write({ id: 0, op: 'meta', key, value });
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
    if (this.writer && !this.exited) {
      this.closing = true;
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
