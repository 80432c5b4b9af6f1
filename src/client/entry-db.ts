/**
 * The full-mode verifier's local copy of a log (SQLite in the state folder): every proven entry, the
 * checkpoint they were proven against, and bundles fetched but not yet proven (so an interrupted sync
 * resumes without fetching them again). Written only by `signet sync`.
 *
 * Entries are stored as entry bundles of 256 (the log's own tiles, C2SP tlog-tiles), one row per bundle:
 * a sync writes ~80 rows per 20,000 entries instead of 20,000. A bundle is written once, when it is
 * fetched; the proven size (in meta, changed only by a commit, with the checkpoint that proves it)
 * says how many of the stored entries are proven. Nothing beyond it is ever read as an entry, and a
 * bundle that overlaps it keeps the proven entries it already had (staging never rewrites them).
 */
import Database from 'better-sqlite3';
import { SignetError } from '../errors.js';
import { TILE_WIDTH } from '../tlog/tile.js';
import { bundleHoldsAt, bundleOffset, decodeBundle, encodeBundle } from '../tlog/bundle.js';
import { hashEqual, leafHash } from '../tlog/hash.js';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS bundles (tile INTEGER PRIMARY KEY, width INTEGER NOT NULL, data BLOB NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS vendor_state (vendor TEXT PRIMARY KEY, json TEXT NOT NULL)`,
];

/**
 * What a commit proves, when the caller no longer holds every entry (a large sync): the entries' bytes
 * where it still has them, else only their leaf hashes, which the staged rows must then match.
 */
export interface ProvenEntries {
  readonly length: number;
  /** Entries [lo, hi) of the commit (0 is its first), or undefined when their bytes are not held. */
  slice(lo: number, hi: number): readonly Uint8Array[] | undefined;
  /** The leaf hash of entry `i` of the commit. */
  leafHash(i: number): Uint8Array;
}

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

  /** Read afresh each time: a monitor and a verifier may share the folder (and commit in turn). */
  get #size(): number {
    return Number((this.#db.prepare("SELECT v FROM meta WHERE k = 'size'").get() as { v: string } | undefined)?.v ?? 0);
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
      this.#db.prepare("INSERT OR REPLACE INTO meta (k, v) VALUES ('size', ?)").run(String(next));
      this.#db.exec('DROP TABLE entries');
      // Bundles fetched but not proven by that version: fetched again.
      this.#db.exec('DROP TABLE IF EXISTS staged');
    })();
  }

  close(): void {
    this.#db.close();
  }

  /** The number of proven entries. */
  size(): number {
    return this.#size;
  }

  /** The checkpoint (raw signed note) the stored entries were proven against. */
  checkpoint(): string | undefined {
    const r = this.#db.prepare("SELECT v FROM meta WHERE k = 'checkpoint'").get() as { v: string } | undefined;
    return r?.v;
  }

  /** The proven entries from `from` on. */
  *entries(from = 0): Generator<Buffer> {
    const size = this.#size;
    const rows = this.#db.prepare('SELECT tile, data FROM bundles WHERE tile >= ? AND tile * ? < ? ORDER BY tile').iterate(Math.floor(from / TILE_WIDTH), TILE_WIDTH, size) as Iterable<{
      tile: number;
      data: Buffer;
    }>;
    for (const r of rows) {
      const entries = this.#proven(r.tile, r.data, size);
      for (let i = Math.max(0, from - r.tile * TILE_WIDTH); i < entries.length; i++) yield entries[i]!;
    }
  }

  /** A proven entry. */
  entry(index: number): Buffer | undefined {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.#size) return undefined;
    const tile = Math.floor(index / TILE_WIDTH);
    const r = this.#row(tile);
    return r === undefined ? undefined : this.#proven(tile, r.data, this.#size)[index - tile * TILE_WIDTH];
  }

  /** The proven entries of a stored bundle: every one below `size`, which must all be there. */
  #proven(tile: number, data: Buffer, size: number): Buffer[] {
    const width = Math.min(TILE_WIDTH, size - tile * TILE_WIDTH);
    const entries = this.#decode(tile, data);
    if (entries.length < width) {
      throw new SignetError('LOG_CORRUPT', `the local copy of the log (${this.path}) has ${entries.length} entries in bundle ${tile}, not ${width}`, {
        expected: `${width} entries`,
        got: `${entries.length}`,
        hint: `delete ${this.path} and run signet sync again`,
      });
    }
    return entries.slice(0, width);
  }

  /** Throws unless the row holds, from its entry `skip` on, `count` entries with the given leaf hashes. */
  #checkHashes(tile: number, data: Buffer | undefined, skip: number, count: number, hashOf: (k: number) => Uint8Array): void {
    const stored = data === undefined ? [] : this.#decode(tile, data);
    for (let k = 0; k < count; k++) {
      const e = stored[skip + k];
      if (e === undefined || !hashEqual(leafHash(e), hashOf(k))) {
        throw new SignetError('STORAGE_FAILED', `bundle ${tile} of the local copy of the log (${this.path}) changed during the sync: entry ${tile * TILE_WIDTH + skip + k} is not the one proven`, {
          hint: 'another signet process may be syncing into the same state folder; run signet sync again',
        });
      }
    }
  }

  #decode(tile: number, data: Buffer): Buffer[] {
    try {
      return decodeBundle(data, undefined, { maxEntries: TILE_WIDTH });
    } catch (e) {
      throw new SignetError('LOG_CORRUPT', `the local copy of the log (${this.path}) has a damaged bundle ${tile}`, {
        hint: `delete ${this.path} and run signet sync again`,
        cause: e,
      });
    }
  }

  /** A fetched bundle holding at least `width` entries (its first ones may be proven ones), if one is stored. */
  staged(tile: number, width: number): Buffer | undefined {
    const r = this.#row(tile);
    return r !== undefined && r.width >= width && tile * TILE_WIDTH + r.width > this.#size ? r.data : undefined;
  }

  /** Forgets the entries fetched beyond the proven size (after they failed to prove). */
  clearStaged(): void {
    this.#db.transaction(() => {
      const size = this.#size;
      const last = Math.floor(size / TILE_WIDTH);
      const offset = size - last * TILE_WIDTH;
      this.#db.prepare('DELETE FROM bundles WHERE tile >= ?').run(offset === 0 ? last : last + 1);
      this.#written.clear();
      if (offset === 0) return;
      const r = this.#row(last);
      if (r !== undefined && r.width > offset) this.#write(last, this.#proven(last, r.data, size));
    })();
  }

  /**
   * Stores a fetched bundle (`width` entries of it; `data` may hold more) for the commit that proves
   * it, or a later sync. Where it overlaps the proven entries, those stay as they are: only the fetched
   * entries beyond them are taken. `decoded`: the caller's decodeBundle of `data`, if it has one.
   */
  stage(tile: number, width: number, data: Uint8Array, decoded?: readonly Buffer[]): void {
    let entries = (decoded ?? this.#decode(tile, Buffer.from(data.buffer, data.byteOffset, data.byteLength))).slice(0, width);
    const proven = this.#size - tile * TILE_WIDTH;
    if (proven > 0) {
      const r = this.#row(tile);
      const kept = r === undefined ? [] : this.#proven(tile, r.data, this.#size);
      entries = [...kept, ...entries.slice(Math.min(proven, TILE_WIDTH))];
    }
    // The fetched bytes as they are when they hold exactly these entries; else encoded afresh.
    const exact = entries.length === width && entries.length > 0 && proven <= 0 && data.byteLength === bundleBytes(entries);
    this.#put(tile, entries.length, exact ? data : encodeBundle(entries));
  }

  #row(tile: number): { width: number; data: Buffer } | undefined {
    return this.#db.prepare('SELECT width, data FROM bundles WHERE tile = ?').get(tile) as { width: number; data: Buffer } | undefined;
  }

  #write(tile: number, entries: readonly Uint8Array[]): void {
    this.#put(tile, entries.length, encodeBundle(entries));
  }

  #put(tile: number, width: number, data: Uint8Array): void {
    this.#db.prepare('INSERT OR REPLACE INTO bundles (tile, width, data) VALUES (?, ?, ?)').run(tile, width, data);
    this.#written.set(tile, data);
    this.#version = this.#dataVersion();
  }

  /**
   * The rows this connection wrote, as it wrote them, and the database's data_version after its last
   * write: while no other connection has changed the file since (a monitor may share the folder), the
   * rows are still these bytes, and a commit need not read ~300 KB per bundle back to compare them.
   */
  readonly #written = new Map<number, Uint8Array>();
  #version = -1;

  #dataVersion(): number {
    return this.#db.pragma('data_version', { simple: true }) as number;
  }

  /** Drops this connection's copy of a staged bundle (a large sync): the commit reads it back instead. */
  forget(tile: number): void {
    this.#written.delete(tile);
  }

  /** A bundle row's bytes: from what this connection wrote when nothing else wrote since, else read. */
  #rowData(tile: number): Buffer | undefined {
    const mine = this.#written.get(tile);
    if (mine !== undefined && this.#dataVersion() === this.#version) return Buffer.from(mine.buffer, mine.byteOffset, mine.byteLength);
    return this.#row(tile)?.data;
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
   * Records `entries` as proven (the next ones after `first`, which must be the proven size), with the
   * checkpoint that proves them and the state they lead to (the vendors it changed), in one
   * transaction. The entries are normally the staged ones, already stored; any bundle that does not
   * hold exactly them is written afresh (and entries staged beyond them stay staged). Where only their
   * leaf hashes are given, the staged rows must hold entries with those hashes.
   */
  commit(first: number, entries: readonly Uint8Array[] | ProvenEntries, checkpoint: string, state?: { saved: SavedState; vendors: ReadonlyMap<string, string> }): void {
    const meta = this.#db.prepare('INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)');
    const vendor = this.#db.prepare('INSERT OR REPLACE INTO vendor_state (vendor, json) VALUES (?, ?)');
    const size = first + entries.length;
    this.#db.transaction(() => {
      if (first !== this.#size) throw new SignetError('STORAGE_FAILED', `append out of sequence: entries from ${first} where ${this.#size} was next`);
      for (let tile = Math.floor(first / TILE_WIDTH); tile * TILE_WIDTH < size; tile++) {
        const lo = tile * TILE_WIDTH;
        const hi = Math.min(lo + TILE_WIDTH, size);
        const data = this.#rowData(tile);
        const from = Math.max(lo, first) - first;
        const want = entries.slice(from, hi - first);
        if (want === undefined) {
          this.#checkHashes(tile, data, Math.max(0, first - lo), hi - Math.max(lo, first), (k) => (entries as ProvenEntries).leafHash(from + k));
          continue;
        }
        // The usual case: the row is the staged bundle, holding the proven entries below `first` and
        // then exactly the committed ones, mostly as views of its own bytes (bundleHoldsAt).
        const at = data === undefined ? -1 : bundleOffset(data, Math.max(0, first - lo));
        if (at >= 0 && bundleHoldsAt(data!, at, want)) continue;
        const stored = data === undefined ? [] : this.#decode(tile, data);
        // Proven entries already stored below `first`; the rest must be exactly the ones committed.
        const kept = stored.slice(0, Math.max(0, first - lo));
        if (kept.length < Math.max(0, first - lo)) throw new SignetError('LOG_CORRUPT', `the local copy of the log (${this.path}) lost proven entries of bundle ${tile}`, { hint: `delete ${this.path} and run signet sync again` });
        this.#write(tile, [...kept, ...want]);
      }
      meta.run('size', String(size));
      meta.run('checkpoint', checkpoint);
      // Proven now: the copies kept for this comparison are not needed again.
      this.#written.clear();
      if (state !== undefined) {
        for (const [name, json] of state.vendors) vendor.run(name, json);
        meta.run('state', JSON.stringify(state.saved));
      }
    })();
  }
}

/** The size of the bundle encoding of `entries` (2-byte length prefix each). */
function bundleBytes(entries: readonly Uint8Array[]): number {
  let n = 0;
  for (const e of entries) n += 2 + e.byteLength;
  return n;
}
