/**
 * The witness's state: for each log origin, the latest checkpoint it cosigned (size, root, the note as
 * submitted) and the timestamp of its last cosignature. One SQLite database in the data folder, in WAL
 * mode with synchronous=FULL: a commit has reached the disk before `update` returns, and a crash
 * (SIGKILL, power cut) leaves either the old row or the new one, never a mix.
 *
 * `update` runs the caller's check and the write in one BEGIN IMMEDIATE transaction that re-reads the
 * row first: the check always sees the latest committed state, and no other writer (not even another
 * process that opened the same file) can commit between the read and the write. So two racing
 * requests can never roll the stored size back (the race tlog-witness warns about).
 *
 * Refused submissions that carried a valid log signature but were inconsistent (a fork at the same
 * size, a failing proof) are kept in `evidence`, the most recent few per origin, for the operator.
 */
import Database from 'better-sqlite3';
import { SignetError } from '../errors.js';
/** Evidence rows kept per origin (oldest dropped first). */
export const MAX_EVIDENCE_PER_ORIGIN = 100;
const SCHEMA = [
    `CREATE TABLE IF NOT EXISTS logs (
     origin TEXT PRIMARY KEY,
     size INTEGER NOT NULL CHECK (size >= 0),
     root BLOB NOT NULL CHECK (length(root) = 32),
     checkpoint TEXT NOT NULL,
     timestamp INTEGER NOT NULL CHECK (timestamp >= 0)
   )`,
    `CREATE TABLE IF NOT EXISTS evidence (
     id INTEGER PRIMARY KEY,
     origin TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     status INTEGER NOT NULL,
     reason TEXT NOT NULL,
     request TEXT NOT NULL
   )`,
    `CREATE INDEX IF NOT EXISTS evidence_origin ON evidence (origin, id)`,
];
function storageError(what, e) {
    return new SignetError('STORAGE_FAILED', `witness state: cannot ${what}: ${e.message}`, { cause: e });
}
export class WitnessStore {
    #db;
    #get;
    #all;
    #put;
    #addEvidence;
    #trimEvidence;
    #evidence;
    constructor(db) {
        this.#db = db;
        this.#get = db.prepare('SELECT origin, size, root, checkpoint, timestamp FROM logs WHERE origin = ?');
        this.#all = db.prepare('SELECT origin, size, root, checkpoint, timestamp FROM logs ORDER BY origin');
        this.#put = db.prepare(`INSERT INTO logs (origin, size, root, checkpoint, timestamp) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, checkpoint = excluded.checkpoint, timestamp = excluded.timestamp`);
        this.#addEvidence = db.prepare('INSERT INTO evidence (origin, received_at, status, reason, request) VALUES (?, ?, ?, ?, ?)');
        this.#trimEvidence = db.prepare('DELETE FROM evidence WHERE origin = ? AND id NOT IN (SELECT id FROM evidence WHERE origin = ? ORDER BY id DESC LIMIT ?)');
        this.#evidence = db.prepare('SELECT origin, received_at, status, reason, request FROM evidence WHERE origin = ? ORDER BY id');
    }
    /** Opens (creating if needed) the state database at `path`. */
    static open(path) {
        let db;
        try {
            db = new Database(path);
            db.pragma('journal_mode = WAL');
            db.pragma('synchronous = FULL');
            db.pragma('busy_timeout = 5000');
            for (const s of SCHEMA)
                db.exec(s);
        }
        catch (e) {
            throw storageError(`open ${path}`, e);
        }
        return new WitnessStore(db);
    }
    get(origin) {
        const r = this.#get.get(origin);
        return r === undefined ? undefined : toRecord(r);
    }
    all() {
        return this.#all.all().map(toRecord);
    }
    /**
     * Atomically checks and updates one origin's record: `decide` gets the current record (re-read
     * inside the transaction) and returns the new record and a result, or throws to refuse (nothing is
     * written). The new record is committed, and on disk, before `update` returns the result.
     */
    update(origin, decide) {
        const run = this.#db.transaction(() => {
            const current = this.get(origin);
            const { record, result } = decide(current);
            if (record.origin !== origin) {
                throw new SignetError('INTERNAL', `witness state: a record for ${record.origin} written under ${origin}`);
            }
            this.#put.run(record.origin, record.size, record.root, record.checkpoint, record.timestamp);
            return result;
        });
        try {
            return run.immediate();
        }
        catch (e) {
            if (e instanceof SignetError)
                throw e;
            throw storageError(`update ${origin}`, e);
        }
    }
    /** Keeps a refused but validly signed submission as evidence of a misbehaving log. */
    addEvidence(e) {
        try {
            this.#db.transaction(() => {
                this.#addEvidence.run(e.origin, e.receivedAt, e.status, e.reason, e.request);
                this.#trimEvidence.run(e.origin, e.origin, MAX_EVIDENCE_PER_ORIGIN);
            }).immediate();
        }
        catch (err) {
            throw storageError('record evidence', err);
        }
    }
    evidence(origin) {
        return this.#evidence.all(origin).map((r) => ({ origin: r.origin, receivedAt: r.received_at, status: r.status, reason: r.reason, request: r.request }));
    }
    close() {
        if (this.#db.open)
            this.#db.close();
    }
}
function toRecord(r) {
    return { origin: r.origin, size: r.size, root: Buffer.from(r.root), checkpoint: r.checkpoint, timestamp: r.timestamp };
}
//# sourceMappingURL=state.js.map