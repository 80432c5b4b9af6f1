/**
 * The full-mode verifier's local copy of a log (SQLite in the state folder): every proven entry, the
 * checkpoint they were proven against, and bundles fetched but not yet proven (so an interrupted sync
 * resumes without fetching them again). Written only by `signet sync`.
 *
 * Proven entries are stored as entry bundles of 256 (the log's own tiles, C2SP tlog-tiles), one row per
 * bundle: a sync writes ~80 rows per 20,000 entries instead of 20,000, and all but the last bundle are
 * full. Only entries that were proven are ever in a bundle row: the last, partial bundle is rewritten
 * from the proven entries when the log grows.
 */
import Database from 'better-sqlite3';
import { SignetError } from '../errors.js';
import { TILE_WIDTH } from '../tlog/tile.js';
import { decodeBundle, encodeBundle } from '../tlog/bundle.js';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS bundles (tile INTEGER PRIMARY KEY, width INTEGER NOT NULL, data BLOB NOT NULL)`,
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
    this.#migrate();
  }

  /** A copy written before entries were stored as bundles (one row per entry): rewritten once, in one transaction. */
  #migrate(): void {
    const old = this.#db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'entries'").get();
    if (old === undefined) return;
    this.#db.transaction(() => {
      // Read a bundle's worth at a time (a statement cannot write while another iterates).
      const select = this.#db.prepare('SELECT idx, data FROM entries WHERE idx >= ? ORDER BY idx LIMIT ?');
      const insert = this.#db.prepare('INSERT OR REPLACE INTO bundles (tile, width, data) VALUES (?, ?, ?)');
      let pending: Buffer[] = [];
      let next = 0;
      for (;;) {
        const rows = select.all(next, TILE_WIDTH) as { idx: number; data: Buffer }[];
        if (rows.length === 0) break;
        for (const r of rows) {
          if (r.idx !== next) throw new SignetError('LOG_CORRUPT', `the local copy of the log (${this.path}) has no entry ${next}`, { hint: `delete ${this.path} and run signet sync again` });
          pending.push(r.data);
          next++;
          if (pending.length === TILE_WIDTH) {
            insert.run(next / TILE_WIDTH - 1, TILE_WIDTH, encodeBundle(pending));
            pending = [];
          }
        }
      }
      if (pending.length > 0) insert.run(Math.floor(next / TILE_WIDTH), pending.length, encodeBundle(pending));
      this.#db.exec('DROP TABLE entries');
    })();
  }

  close(): void {
    this.#db.close();
  }

  size(): number {
    const r = this.#db.prepare('SELECT tile, width FROM bundles ORDER BY tile DESC LIMIT 1').get() as { tile: number; width: number } | undefined;
    return r === undefined ? 0 : r.tile * TILE_WIDTH + r.width;
  }

  /** The checkpoint (raw signed note) the stored entries were proven against. */
  checkpoint(): string | undefined {
    const r = this.#db.prepare("SELECT v FROM meta WHERE k = 'checkpoint'").get() as { v: string } | undefined;
    return r?.v;
  }

  *entries(from = 0): Generator<Buffer> {
    const rows = this.#db.prepare('SELECT tile, width, data FROM bundles WHERE tile >= ? ORDER BY tile').iterate(Math.floor(from / TILE_WIDTH)) as Iterable<{
      tile: number;
      width: number;
      data: Buffer;
    }>;
    for (const r of rows) {
      const entries = this.#decode(r.tile, r.width, r.data);
      for (let i = Math.max(0, from - r.tile * TILE_WIDTH); i < entries.length; i++) yield entries[i]!;
    }
  }

  entry(index: number): Buffer | undefined {
    if (!Number.isSafeInteger(index) || index < 0) return undefined;
    const tile = Math.floor(index / TILE_WIDTH);
    const r = this.#db.prepare('SELECT width, data FROM bundles WHERE tile = ?').get(tile) as { width: number; data: Buffer } | undefined;
    return r === undefined ? undefined : this.#decode(tile, r.width, r.data)[index - tile * TILE_WIDTH];
  }

  #decode(tile: number, width: number, data: Buffer): Buffer[] {
    const entries = decodeBundle(data, undefined, { maxEntries: TILE_WIDTH });
    if (entries.length !== width) {
      throw new SignetError('LOG_CORRUPT', `the local copy of the log (${this.path}) has ${entries.length} entries in bundle ${tile}, not ${width}`, {
        expected: `${width} entries`,
        got: `${entries.length}`,
        hint: `delete ${this.path} and run signet sync again`,
      });
    }
    return entries;
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
   * Appends proven entries (the next `entries.length` after `first`, which must be the stored size),
   * their checkpoint and the state they lead to (the vendors it changed), in one transaction, and drops
   * the staged bundles. The entries are written as bundles; a partial last bundle is completed from
   * the entries already stored in it.
   */
  commit(first: number, entries: readonly Uint8Array[], checkpoint: string, state?: { saved: SavedState; vendors: ReadonlyMap<string, string> }): void {
    const bundle = this.#db.prepare('INSERT OR REPLACE INTO bundles (tile, width, data) VALUES (?, ?, ?)');
    const meta = this.#db.prepare('INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)');
    const vendor = this.#db.prepare('INSERT OR REPLACE INTO vendor_state (vendor, json) VALUES (?, ?)');
    this.#db.transaction(() => {
      const size = this.size();
      if (first !== size) throw new SignetError('STORAGE_FAILED', `append out of sequence: entries from ${first} where ${size} was next`);
      let at = 0;
      let index = first;
      while (at < entries.length) {
        const tile = Math.floor(index / TILE_WIDTH);
        const offset = index - tile * TILE_WIDTH;
        const stored = offset === 0 ? [] : (this.#decode(tile, offset, (this.#db.prepare('SELECT data FROM bundles WHERE tile = ?').get(tile) as { data: Buffer }).data));
        const take = Math.min(TILE_WIDTH - offset, entries.length - at);
        const all = [...stored, ...entries.slice(at, at + take)];
        bundle.run(tile, all.length, encodeBundle(all));
        at += take;
        index += take;
      }
      meta.run('checkpoint', checkpoint);
      if (state !== undefined) {
        for (const [name, json] of state.vendors) vendor.run(name, json);
        meta.run('state', JSON.stringify(state.saved));
      }
      this.#db.exec('DELETE FROM staged');
    })();
  }
}
