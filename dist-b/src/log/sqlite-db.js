/**
 * The log database's layout and its writes, shared by the store (reads, and writes when it runs them
 * itself) and the writer thread: one definition of the tables, pragmas and the batch transaction.
 */
import Database from 'better-sqlite3';
import { SignetError } from '../errors.js';
// SQLite DDL: INTEGER PRIMARY KEY makes idx the rowid (one B-tree, not two). The PostgreSQL driver
// declares the same tables with BIGINT. The lookup index is kept in memory (lookup-index.ts): a table
// of it, written by earlier versions, is dropped (its random-order inserts cost more than the entries).
const SCHEMA = [
    `CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, data BLOB NOT NULL, leaf_hash BLOB NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`,
    `DROP TABLE IF EXISTS lookups`,
];
/** Opens (creating if needed) the log database: WAL, synchronous=FULL (a commit has been fsynced). */
export function openLogDatabase(path) {
    let db;
    try {
        db = new Database(path);
    }
    catch (e) {
        throw new SignetError('STORAGE_FAILED', `cannot open the log database ${path}: ${e.message}`, { cause: e });
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    for (const s of SCHEMA)
        db.exec(s);
    return db;
}
export function packBatch(batch) {
    let total = 0;
    for (const e of batch)
        total += e.data.byteLength;
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
    return { first: batch[0]?.index ?? 0, data, offsets, leafHashes, count: batch.length };
}
export function prepareWrites(db) {
    const insertEntry = db.prepare('INSERT INTO entries (idx, data, leaf_hash) VALUES (?, ?, ?)');
    const upsertMeta = db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v');
    const append = db.transaction((b, checkpoint) => {
        const data = Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength);
        const hashes = Buffer.from(b.leafHashes.buffer, b.leafHashes.byteOffset, b.leafHashes.byteLength);
        for (let i = 0; i < b.count; i++) {
            insertEntry.run(b.first + i, data.subarray(b.offsets[i], b.offsets[i + 1]), hashes.subarray(i * 32, i * 32 + 32));
        }
        if (checkpoint !== undefined)
            upsertMeta.run('checkpoint', checkpoint);
    });
    return {
        append: (batch, checkpoint) => append(batch, checkpoint),
        setMeta: (key, value) => void upsertMeta.run(key, value),
    };
}
//# sourceMappingURL=sqlite-db.js.map