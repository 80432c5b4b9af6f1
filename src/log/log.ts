/**
 * The transparency log: sequences submissions in batches, stores each batch durably in one commit,
 * integrates it into the Merkle tree, signs one checkpoint per batch, and answers every submitter with
 * its index, the checkpoint and an inclusion proof. Reads (tiles, bundles, proofs, lookups) are served
 * from the same state.
 *
 * Crash safety: an entry is acknowledged only after its batch is on stable storage; indexes are assigned
 * in order inside that commit, so a crash at any point loses nothing acknowledged and never reuses or
 * skips an index. At start-up the tree and the ledger state are rebuilt from storage, checked against
 * the last signed checkpoint, and a checkpoint is signed for entries stored after it.
 */
import { SignetError, isSignetError } from '../errors.js';
import { signNote, openNote, ed25519NoteVerifier } from '../crypto/note.js';
import { type Checkpoint, formatCheckpoint, parseCheckpoint } from '../tlog/checkpoint.js';
import { b64, hashEqual, leafHash } from '../tlog/hash.js';
import { consistencyProof, inclusionProof } from '../tlog/proof.js';
import { MerkleTree } from '../tlog/tree.js';
import { LookupIndex } from './lookup-index.js';
import { TILE_WIDTH, type Tile, tileWidthAt } from '../tlog/tile.js';
import { hashTileData } from '../tlog/tilewriter.js';
import type { Admission, Candidate, PrecheckedSignatures } from './admission.js';
import { type CheckedSignature, type SignatureCheck, type VerifyPool, checkedResult } from './verify-pool.js';
import type { LogKey } from './logkey.js';
import type { LogStore, StoredEntry } from './store.js';

export interface LogOptions {
  readonly store: LogStore;
  readonly key: LogKey;
  readonly admission: Admission;
  /** Most entries in one batch (one commit, one checkpoint). Default 4096. */
  readonly maxBatch?: number;
  /** Most submissions waiting; beyond it new ones get LOG_OVERLOADED. Default 100,000. */
  readonly maxQueue?: number;
  readonly clock?: () => Date;
  /**
   * Called with each newly signed checkpoint before it is published; returns the note to publish (the
   * seam where witness cosignatures are collected and appended). `proofFrom(old)` is the consistency
   * proof from an older size to this checkpoint's size (witnesses ask for it).
   */
  readonly cosign?: (note: string, size: number, proofFrom: (old: number) => Uint8Array[]) => Promise<string>;
  /** Worker threads to check signatures on before admission (the admission must offer signatureChecks). */
  readonly verifyPool?: VerifyPool;
  /** Called after each published checkpoint (e.g. to mirror tiles to a folder). */
  readonly onPublish?: (size: number, note: string) => void;
}

export interface AddResult {
  readonly index: number;
  /** The signed checkpoint the proof is against (its size is the tree size). */
  readonly checkpoint: string;
  readonly size: number;
  readonly leafHash: Buffer;
  readonly proof: Buffer[];
}

/** One submission's outcome in a batch: its result, or why it was refused. */
export type SubmitOutcome = { readonly ok: AddResult } | { readonly error: unknown };

/** Settles one submission: with its result, or (result undefined) with the error. */
type Settle = (result: AddResult | undefined, error?: unknown) => void;

interface Pending {
  readonly candidate: Candidate;
  readonly prechecked?: PrecheckedSignatures;
  readonly settle: Settle;
}

function asBuffer(h: Uint8Array): Buffer {
  return Buffer.isBuffer(h) ? h : Buffer.from(h.buffer, h.byteOffset, h.byteLength);
}

export const META_CHECKPOINT = 'checkpoint';
export const META_ORIGIN = 'origin';

export class TransparencyLog {
  private readonly tree = new MerkleTree();
  private readonly lookups = new LookupIndex();
  private readonly queue: Pending[] = [];
  private flushing = false;
  /** Submissions whose signatures are being checked on the pool, not yet queued. */
  private verifying = 0;
  private scheduled = false;
  private closed = false;
  private fatal: unknown;
  private note = '';
  private published = 0;
  private readonly maxBatch: number;
  private readonly maxQueue: number;
  private readonly clock: () => Date;

  private constructor(private readonly opts: LogOptions) {
    this.maxBatch = opts.maxBatch ?? 4096;
    this.maxQueue = opts.maxQueue ?? 100_000;
    this.clock = opts.clock ?? (() => new Date());
  }

  /** Opens the log: rebuilds the tree and ledger state from storage and checks them against the last checkpoint. */
  static async open(opts: LogOptions): Promise<TransparencyLog> {
    const log = new TransparencyLog(opts);
    await log.recover();
    return log;
  }

  get origin(): string {
    return this.opts.key.origin;
  }

  get verifierKey(): string {
    return this.opts.key.verifierKey;
  }

  /** The latest published checkpoint (signed note, with any cosignatures). */
  get checkpoint(): string {
    return this.note;
  }

  /** The size of the latest published checkpoint. */
  get size(): number {
    return this.published;
  }

  private async recover(): Promise<void> {
    const { store, admission } = this.opts;
    const storedOrigin = await store.getMeta(META_ORIGIN);
    if (storedOrigin !== undefined && storedOrigin !== this.origin) {
      throw new SignetError('LOG_CORRUPT', `the database belongs to the log ${storedOrigin}, not ${this.origin}`, {
        expected: this.origin,
        got: storedOrigin,
        hint: 'use the data folder and log key that belong together',
      });
    }
    if (storedOrigin === undefined) await store.setMeta(META_ORIGIN, this.origin);
    const total = await store.size();
    let index = 0;
    await store.scan(0, total, (rows) => {
      for (const row of rows) {
        const lh = leafHash(row.data);
        if (!hashEqual(lh, row.leafHash)) {
          throw new SignetError('LOG_CORRUPT', `stored entry ${index} does not match its stored leaf hash`, {
            expected: b64(row.leafHash),
            got: b64(lh),
            attack: 'storage altered behind the log server',
          });
        }
        this.lookups.add(index, admission.replay(row.data));
        this.tree.appendLeafHash(lh);
        index++;
      }
    });
    const saved = await store.getMeta(META_CHECKPOINT);
    if (saved !== undefined) {
      const checkpoint = this.verifyOwn(saved);
      if (checkpoint.size > total) {
        throw new SignetError('LOG_CORRUPT', `the last checkpoint is for size ${checkpoint.size} but only ${total} entries are stored`, {
          attack: 'storage rolled back behind the log server (acknowledged entries lost)',
          hint: 'restore the database from a backup that includes every checkpointed entry',
        });
      }
      if (!hashEqual(this.tree.root(checkpoint.size), checkpoint.root)) {
        throw new SignetError('LOG_CORRUPT', `the stored entries do not give the root of the last checkpoint (size ${checkpoint.size})`, {
          expected: b64(checkpoint.root),
          got: b64(this.tree.root(checkpoint.size)),
          attack: 'storage altered behind the log server',
        });
      }
      this.note = saved;
      this.published = checkpoint.size;
      // The stored checkpoint may lack the witnesses' cosignatures: it is stored with its entries before
      // they are asked, and a crash (or witnesses down) can come in between. With witnesses configured,
      // ask them again before serving it, so --witness-min holds across restarts too. The log's own
      // signature is deterministic (Ed25519), so this is the same signed checkpoint.
      if (this.opts.cosign !== undefined && this.published === total) await this.publish(total, this.sign(total), true);
    }
    // Entries stored after the last checkpoint (a crash between commit and signing), or a new log.
    if (saved === undefined || this.published < total) await this.publish(total, this.sign(total), false);
  }

  private verifyOwn(note: string): Checkpoint {
    return parseCheckpoint(openNote(note, [ed25519NoteVerifier(this.verifierKey)]).text);
  }

  /** Signs the checkpoint for the tree at `size` with the log key. */
  private sign(size: number): string {
    const body = formatCheckpoint({ origin: this.origin, size, root: Buffer.from(this.tree.root(size)), extensions: [] });
    return signNote(body, [this.opts.key.signer]);
  }

  /**
   * Publishes a checkpoint already signed (and stored with its entries, when `stored`): collects the
   * witnesses' cosignatures, stores the result, and makes it the one served.
   */
  private async publish(size: number, signed: string, stored: boolean): Promise<string> {
    let note = signed;
    if (this.opts.cosign) note = await this.opts.cosign(signed, size, (old) => consistencyProof(this.tree, old, size));
    if (!stored || note !== signed) await this.opts.store.setMeta(META_CHECKPOINT, note);
    this.note = note;
    this.published = size;
    this.opts.onPublish?.(size, note);
    return note;
  }

  /**
   * Submits one entry. Malformed input is refused at once (typed error); otherwise the promise
   * settles when the entry's batch is durable and checkpointed, or with the rule it broke.
   */
  submit(bytes: Uint8Array): Promise<AddResult> {
    return new Promise((resolve, reject) => this.enter([bytes], (_, r, e) => (r !== undefined ? resolve(r) : reject(e))));
  }

  /**
   * Submits several entries (POST /add-batch): each is admitted on its own exactly as by submit, in
   * the order given (an entry may rely on an earlier one of the same call, e.g. a vendor's claim and
   * its first release). Resolves, once every entry is settled, with one outcome per entry, in order.
   */
  submitBatch(entries: readonly Uint8Array[]): Promise<SubmitOutcome[]> {
    return new Promise((resolve) => {
      const out = new Array<SubmitOutcome>(entries.length);
      let left = entries.length;
      if (left === 0) return resolve(out);
      this.enter(entries, (i, r, e) => {
        out[i] = r !== undefined ? { ok: r } : { error: e };
        if (--left === 0) resolve(out);
      });
    });
  }

  /**
   * Parses the entries, has their signatures checked on the pool (one request for all of them), then
   * queues them together in order. `settle(i, ...)` is called exactly once per entry.
   */
  private enter(entries: readonly Uint8Array[], settle: (i: number, result: AddResult | undefined, error?: unknown) => void): void {
    const admitted: { candidate: Candidate; settle: Settle; checks: SignatureCheck[] }[] = [];
    const pool = this.opts.verifyPool;
    const admission = this.opts.admission;
    for (let i = 0; i < entries.length; i++) {
      const one: Settle = (r, e) => settle(i, r, e);
      if (this.fatal !== undefined) {
        one(undefined, this.unavailable());
        continue;
      }
      if (this.closed) {
        one(undefined, new SignetError('LOG_OVERLOADED', 'the log is shutting down', { hint: 'retry shortly' }));
        continue;
      }
      if (this.queue.length + this.verifying + admitted.length >= this.maxQueue) {
        one(undefined, new SignetError('LOG_OVERLOADED', `the log has ${this.queue.length} submissions waiting`, { hint: 'retry after a short pause' }));
        continue;
      }
      let candidate: Candidate;
      try {
        candidate = admission.parse(entries[i]!);
      } catch (e) {
        one(undefined, e);
        continue;
      }
      const checks = pool !== undefined && admission.signatureChecks ? admission.signatureChecks(candidate) : [];
      admitted.push({ candidate, settle: one, checks });
    }
    if (admitted.length === 0) return;
    const all = admitted.length === 1 ? admitted[0]!.checks : admitted.flatMap((a) => a.checks);
    if (pool === undefined || all.length === 0) {
      for (const a of admitted) this.queue.push({ candidate: a.candidate, settle: a.settle });
      this.schedule();
      return;
    }
    const count = admitted.length;
    this.verifying += count;
    pool.verify(all).then(
      (results) => {
        this.verifying -= count;
        let at = 0;
        for (const a of admitted) {
          if (this.fatal !== undefined) {
            a.settle(undefined, this.unavailable());
            continue;
          }
          const known: CheckedSignature[] = a.checks.map((c, k) => ({ publicKey: c.publicKey, signature: c.signature, ok: results[at + k]! }));
          at += a.checks.length;
          const prechecked: PrecheckedSignatures = (publicKey, signature) => checkedResult(known, publicKey, signature);
          this.queue.push({ candidate: a.candidate, prechecked, settle: a.settle });
        }
        this.schedule();
      },
      (e: unknown) => {
        this.verifying -= count;
        for (const a of admitted) a.settle(undefined, e);
      },
    );
  }

  /**
   * Group commit: a flush starts on the next turn of the event loop and takes everything queued by
   * then; submissions arriving while a batch commits (on the writer thread) form the next batch.
   */
  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private unavailable(): SignetError {
    return new SignetError('STORAGE_FAILED', 'the log stopped after a storage failure; it must be restarted', {
      cause: this.fatal,
      hint: 'check the disk and restart the log server; nothing acknowledged was lost',
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0 && this.fatal === undefined) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.integrate(batch);
        // Let the event loop read new requests and hand their signatures to the workers before the
        // next batch: the (synchronous) commit would otherwise starve them.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.flushing = false;
    }
  }

  private async integrate(batch: Pending[]): Promise<void> {
    const now = this.clock();
    const start = this.tree.size;
    const accepted: Pending[] = [];
    const rows: StoredEntry[] = [];
    for (const p of batch) {
      try {
        this.opts.admission.admit(p.candidate, now, p.prechecked);
      } catch (e) {
        p.settle(undefined, e);
        continue;
      }
      const lh = leafHash(p.candidate.bytes);
      rows.push({ index: start + accepted.length, data: p.candidate.bytes, leafHash: lh });
      accepted.push(p);
    }
    if (accepted.length === 0) return;
    let note: string;
    try {
      // One commit holds the batch and the checkpoint signed for it: one fsync per batch. The tree is
      // extended first to compute that checkpoint; if the commit fails, the log stops (see below).
      for (const r of rows) this.tree.appendLeafHash(r.leafHash);
      const signed = this.sign(this.tree.size);
      await this.opts.store.append(rows, signed);
      note = await this.publish(this.tree.size, signed, true);
    } catch (e) {
      // The in-memory state may now be ahead of storage: stop taking entries. A restart rebuilds both.
      this.fatal = e;
      const err = isSignetError(e) ? e : this.unavailable();
      for (const p of accepted) p.settle(undefined, err);
      for (const p of this.queue.splice(0)) p.settle(undefined, err);
      return;
    }
    const size = this.tree.size;
    for (let i = 0; i < accepted.length; i++) this.lookups.add(rows[i]!.index, accepted[i]!.candidate.lookupKeys);
    // The tree's stored hashes never change once written, so the proofs can be views of them.
    const rightEdge = new Map<number, Uint8Array>();
    for (let i = 0; i < accepted.length; i++) {
      const row = rows[i]!;
      accepted[i]!.settle({
        index: row.index,
        checkpoint: note,
        size,
        leafHash: asBuffer(row.leafHash),
        proof: inclusionProof(this.tree, row.index, size, rightEdge).map(asBuffer),
      });
    }
  }

  /**
   * Hash tile bytes, if the published tree has the tile at that width or wider (a narrower partial tile
   * is a prefix of a wider one, so it stays well defined after the tree grows).
   */
  hashTile(tile: Tile): Buffer | null {
    if (tile.level === 'entries') return null;
    const available = tileWidthAt(this.published, tile.level, tile.index);
    if (tile.width > available) return null;
    return hashTileData(this.tree, tile);
  }

  /** Entry bundle bytes, if it exists in the published tree. */
  async bundle(tile: Tile): Promise<Buffer[] | null> {
    if (tile.level !== 'entries' || tile.width > tileWidthAt(this.published, 'entries', tile.index)) return null;
    const from = tile.index * TILE_WIDTH;
    return this.opts.store.entries(from, from + tile.width);
  }

  async entry(index: number): Promise<Buffer | null> {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.published) return null;
    return (await this.opts.store.entries(index, index + 1))[0] ?? null;
  }

  leafHashAt(index: number): Uint8Array {
    return this.tree.leafHashAt(index);
  }

  /** `rightEdge`: shared by calls for the same size (see tlog/proof.ts), e.g. the proofs of one answer. */
  inclusionProof(index: number, size: number, rightEdge?: Map<number, Uint8Array>): Buffer[] {
    this.checkSize(size);
    return inclusionProof(this.tree, index, size, rightEdge).map((h) => Buffer.from(h));
  }

  consistencyProof(from: number, to: number): Buffer[] {
    this.checkSize(to);
    return consistencyProof(this.tree, from, to).map((h) => Buffer.from(h));
  }

  rootAt(size: number): Buffer {
    this.checkSize(size);
    return Buffer.from(this.tree.root(size));
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.published) {
      throw new SignetError('INDEX_OUT_OF_RANGE', `tree size ${size} is beyond the published checkpoint`, {
        expected: `0..${this.published}`,
        got: String(size),
      });
    }
  }

  lookup(key: string, after: number, limit: number): Promise<number[]> {
    return Promise.resolve(this.lookups.find(key, after, this.published, limit));
  }

  /** Stops taking submissions and waits until every queued one is settled. */
  async drain(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.scheduled || this.queue.length > 0 || this.verifying > 0) {
      if (this.fatal !== undefined) break;
      if (!this.flushing && !this.scheduled && this.queue.length > 0) this.schedule();
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Drains, then closes storage. */
  async close(): Promise<void> {
    await this.drain();
    await this.opts.store.close();
  }
}
