/**
 * The full-mode verifier's local copy of a log (SQLite in the state folder): every proven entry, the
 * checkpoint they were proven against, and bundles fetched but not yet proven (so an interrupted sync
 * resumes without fetching them again). Written only by `signet sync`.
 */
import Database from 'better-sqlite3';
import { SignetError } from '../errors.js';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, data BLOB NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS staged (tile INTEGER PRIMARY KEY, width INTEGER NOT NULL, data BLOB NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS vendor_state (vendor TEXT PRIMARY KEY, json TEXT NOT NULL)`,
];

/** The replayed state saved with a commit: per vendor, so a verifier loads only the vendors it needs. */
export interface SavedState {
  /** The number of entries the state covers. */
  readonly size: number;
  /** The compact range of the tree at that size (base64 hashes). */
  readonly range: readonly string[];
}

export class EntryDb {
  readonly #db: Database.Database;

  constructor(readonly path: string) {
    try {
      this.#db = new Database(path);
    } catch (e) {
      throw new SignetError('STORAGE_FAILED', `cannot open the local log copy ${path}: ${(e as Error).message}`, { cause: e });
    }
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    // A monitor and a verifier may share the state folder: wait for the other's write rather than fail.
    this.#db.pragma('busy_timeout = 10000');
    for (const s of SCHEMA) this.#db.exec(s);
  }

  close(): void {
    this.#db.close();
  }

  size(): number {
    const r = this.#db.prepare('SELECT MAX(idx) AS m FROM entries').get() as { m: number | null };
    return r.m === null ? 0 : r.m + 1;
  }

  /** The checkpoint (raw signed note) the stored entries were proven against. */
  checkpoint(): string | undefined {
    const r = this.#db.prepare("SELECT v FROM meta WHERE k = 'checkpoint'").get() as { v: string } | undefined;
    return r?.v;
  }

  *entries(from = 0): Generator<Buffer> {
    for (const r of this.#db.prepare('SELECT data FROM entries WHERE idx >= ? ORDER BY idx').iterate(from) as Iterable<{ data: Buffer }>) yield r.data;
  }

  entry(index: number): Buffer | undefined {
    return (this.#db.prepare('SELECT data FROM entries WHERE idx = ?').get(index) as { data: Buffer } | undefined)?.data;
  }

  staged(tile: number, width: number): Buffer | undefined {
    const r = this.#db.prepare('SELECT width, data FROM staged WHERE tile = ?').get(tile) as { width: number; data: Buffer } | undefined;
    return r !== undefined && r.width >= width ? r.data : undefined;
  }

  /** Forgets the staged bundles (after they failed to prove). */
  clearStaged(): void {
    this.#db.exec('DELETE FROM staged');
  }

  stage(tile: number, width: number, data: Uint8Array): void {
    this.#db.prepare('INSERT OR REPLACE INTO staged (tile, width, data) VALUES (?, ?, ?)').run(tile, width, data);
  }

  /** What the saved state covers (size and tree range), if a state was saved. */
  savedState(): SavedState | undefined {
    const r = this.#db.prepare("SELECT v FROM meta WHERE k = 'state'").get() as { v: string } | undefined;
    return r === undefined ? undefined : (JSON.parse(r.v) as SavedState);
  }

  /** The saved JSON of the given vendors (all when `vendors` is undefined). */
  vendorStates(vendors?: readonly string[]): string[] {
    if (vendors === undefined) return (this.#db.prepare('SELECT json FROM vendor_state').all() as { json: string }[]).map((r) => r.json);
    const q = this.#db.prepare('SELECT json FROM vendor_state WHERE vendor = ?');
    return vendors.flatMap((v) => {
      const r = q.get(v) as { json: string } | undefined;
      return r === undefined ? [] : [r.json];
    });
  }

  /**
   * Appends proven entries, their checkpoint and the state they lead to (the vendors it changed), in
   * one transaction, and drops the staged bundles.
   */
  commit(first: number, entries: readonly Uint8Array[], checkpoint: string, state?: { saved: SavedState; vendors: ReadonlyMap<string, string> }): void {
    const insert = this.#db.prepare('INSERT INTO entries (idx, data) VALUES (?, ?)');
    const meta = this.#db.prepare('INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)');
    const vendor = this.#db.prepare('INSERT OR REPLACE INTO vendor_state (vendor, json) VALUES (?, ?)');
    this.#db.transaction(() => {
      entries.forEach((e, i) => insert.run(first + i, e));
      meta.run('checkpoint', checkpoint);
      if (state !== undefined) {
        for (const [name, json] of state.vendors) vendor.run(name, json);
        meta.run('state', JSON.stringify(state.saved));
      }
      this.#db.exec('DELETE FROM staged');
    })();
  }
}
