import { Worker } from 'node:worker_threads';
import { SignetError } from '../errors.js';
import { openLogDatabase, packBatch, prepareWrites } from './sqlite-db.js';
export class SqliteLogStore {
    db;
    count;
    selectEntries;
    selectRows;
    selectMeta;
    /** Writes on this thread's connection, or on the writer thread's. */
    writes;
    writer;
    waiting = new Map();
    nextId = 1;
    writerError;
    /**
     * With `writerThread`, commits run on a worker thread holding its own connection (the event loop
     * does not block on fsync); reads stay on this thread's connection, which WAL lets run alongside.
     */
    constructor(path, opts = {}) {
        this.db = openLogDatabase(path);
        this.selectEntries = this.db.prepare('SELECT data FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx');
        this.selectRows = this.db.prepare('SELECT data, leaf_hash FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx');
        this.selectMeta = this.db.prepare('SELECT v FROM meta WHERE k = ?');
        const row = this.db.prepare('SELECT COUNT(*) AS n, MAX(idx) AS top FROM entries').get();
        if (row.n !== (row.top === null ? 0 : row.top + 1)) {
            throw new SignetError('STORAGE_FAILED', `the log database ${path} has a gap: ${row.n} entries but the last index is ${row.top}`, {
                hint: 'restore the database from a backup; never edit it by hand',
            });
        }
        this.count = row.n;
        if (opts.writerThread) {
            this.writer = new Worker(new URL('./sqlite-writer.js', import.meta.url), { workerData: { path } });
            this.writer.on('message', (m) => {
                if (m === 'closed')
                    return;
                const w = this.waiting.get(m.id);
                this.waiting.delete(m.id);
                if (m.error === undefined)
                    w?.resolve();
                else
                    w?.reject(new Error(m.error));
            });
            this.writer.on('error', (e) => {
                this.writerError = e;
                for (const w of this.waiting.values())
                    w.reject(e);
                this.waiting.clear();
            });
        }
        else {
            this.writes = prepareWrites(this.db);
        }
    }
    async size() {
        return this.count;
    }
    async append(batch, checkpoint) {
        if (batch.length === 0 && checkpoint === undefined)
            return;
        batch.forEach((e, i) => {
            if (e.index !== this.count + i) {
                throw new SignetError('STORAGE_FAILED', `append out of sequence: entry ${e.index} where ${this.count + i} was next`);
            }
        });
        try {
            const packed = packBatch(batch);
            if (this.writes) {
                this.writes.append(packed, checkpoint);
            }
            else {
                await this.write({ id: 0, op: 'append', batch: packed, ...(checkpoint === undefined ? {} : { checkpoint }) }, [
                    packed.data.buffer,
                    packed.offsets.buffer,
                    packed.leafHashes.buffer,
                ]);
            }
        }
        catch (e) {
            throw new SignetError('STORAGE_FAILED', `cannot store ${batch.length} entries: ${e.message}`, { cause: e });
        }
        this.count += batch.length;
    }
    async entries(from, to) {
        return this.selectEntries.all(from, to).map((r) => r.data);
    }
    async scan(from, to, chunk) {
        const step = 16384;
        for (let lo = from; lo < to; lo += step) {
            chunk(this.selectRows.all(lo, Math.min(to, lo + step)).map((r) => ({ data: r.data, leafHash: r.leaf_hash })));
        }
    }
    async getMeta(key) {
        return this.selectMeta.get(key)?.v;
    }
    async setMeta(key, value) {
        if (this.writes)
            this.writes.setMeta(key, value);
        else
            await this.write({ id: 0, op: 'meta', key, value });
    }
    write(req, transfer = []) {
        if (this.writerError)
            return Promise.reject(this.writerError);
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            this.waiting.set(id, { resolve, reject });
            this.writer.postMessage({ ...req, id }, transfer);
        });
    }
    async close() {
        if (this.writer) {
            const writer = this.writer;
            await new Promise((resolve) => {
                writer.once('message', () => resolve());
                writer.once('exit', () => resolve());
                writer.postMessage('close');
            });
            await writer.terminate();
        }
        this.db.close();
    }
}
//# sourceMappingURL=sqlite-store.js.map