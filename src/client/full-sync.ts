/**
 * Full mode (the Herd model): a complete local copy of the log, replayed through the ledger's state
 * machine, so the vendor key state a verdict rests on is complete. `syncFull` fetches the entry bundles
 * after the stored size, proves that all entries together give the new checkpoint's root (which also
 * proves the stored checkpoint is a prefix: no fork, no rewrite), replays the new ones, and commits them
 * with the checkpoint in one transaction. Fetched bundles are staged, so an interrupted sync resumes.
 */
import { SignetError, isSignetError } from '../errors.js';
import { forkError, ledgerBreach, rollbackError } from './log-evidence.js';
import type { NoteVerifier } from '../crypto/note.js';
import { type Entry, type LedgerConfig, LedgerState, applyInPlace, entryLookupKeys, parseEntry } from '../ledger/index.js';
import { publicKeyFor } from '../ledger/statements.js';
import { keyIdOf } from '../crypto/keys.js';
import { decodeCanonicalBase64 } from '../crypto/base64.js';
import type { Ed25519PublicKey } from '../crypto/ed25519.js';
import { type CheckedSignature, type SignatureCheck, VerifyPool, checkedResult } from '../log/verify-pool.js';
import { BACKEND_ENV, type Ed25519Backend, chooseEd25519Backend } from '../crypto/ed25519-bulk.js';
import { checkpointText, openCheckpoint } from '../tlog/audit.js';
import type { Checkpoint } from '../tlog/checkpoint.js';
import { decodeBundle, MAX_ENTRY_SIZE } from '../tlog/bundle.js';
import { b64, hashEqual, leafHash } from '../tlog/hash.js';
import type { LogSource } from '../tlog/source.js';
import { TILE_WIDTH, fullTile, tilePath } from '../tlog/tile.js';
import { MerkleTree } from '../tlog/tree.js';
import { CompactRange } from '../tlog/compact.js';
import type { EntryDb } from './entry-db.js';
import { HeldEntries } from './held-entries.js';

const MAX_NOTE_BYTES = 1 << 20;
const MAX_BUNDLE_BYTES = TILE_WIDTH * (2 + MAX_ENTRY_SIZE);

export interface LocalLog {
  /** The replayed state: of the whole log, or (`partial`) of the vendors asked for only. */
  readonly state: LedgerState;
  readonly partial: boolean;
  /** The entries' Merkle tree as a compact range (enough for the root and for appending). */
  readonly range: CompactRange;
  /** The checkpoint the local copy is proven against, if any. */
  readonly checkpoint?: { readonly raw: string; readonly parsed: Checkpoint };
  /** Entry index → parsed entry, for explain and bundles. */
  entry(index: number): Entry | undefined;
  /** The whole tree (read from the stored entries on first use), for inclusion proofs. */
  tree(): MerkleTree;
}

/**
 * Loads the local copy: from the state saved with the last sync when it is current (fast: no entry is
 * parsed, and with `vendors` only those vendors are loaded), else by replaying the stored entries (their
 * signatures were checked when they were synced); either way the tree must give the stored checkpoint's
 * root.
 */
export function loadLocal(db: EntryDb, verifier: NoteVerifier, config: LedgerConfig, vendors?: readonly string[]): LocalLog {
  const size = db.size();
  let state: LedgerState | undefined;
  let range: CompactRange | undefined;
  let partial = false;
  const saved = db.savedState();
  if (saved !== undefined && saved.size === size) {
    state = LedgerState.fromJSON({ size, vendors: db.vendorStates(vendors).map((j) => JSON.parse(j) as unknown) });
    range = CompactRange.restore(size, saved.range.map((h) => Buffer.from(h, 'base64')));
    partial = vendors !== undefined;
  }
  if (state === undefined || range === undefined) {
    state = new LedgerState();
    range = new CompactRange();
    const trusted = { verify: () => true };
    for (const bytes of db.entries()) {
      range.append(leafHash(bytes));
      applyInPlace(state, parseEntry(bytes), config, trusted);
    }
  }
  const raw = db.checkpoint();
  let checkpoint: LocalLog['checkpoint'];
  if (raw !== undefined) {
    const parsed = openCheckpoint(raw, verifier, 'stored checkpoint').checkpoint;
    if (parsed.size !== range.size || !hashEqual(range.root(), parsed.root)) {
      throw new SignetError('LOG_CORRUPT', `the local copy of the log (${db.path}) does not match its stored checkpoint`, {
        expected: `${parsed.size} entries with root ${b64(parsed.root)}`,
        got: `${range.size} entries`,
        hint: `delete ${db.path} and run signet sync again`,
      });
    }
    checkpoint = { raw, parsed };
  }
  return localLog(db, state, range, checkpoint, partial);
}

function localLog(db: EntryDb, state: LedgerState, range: CompactRange, checkpoint: LocalLog['checkpoint'], partial = false): LocalLog {
  let tree: MerkleTree | undefined;
  return {
    state,
    partial,
    range,
    ...(checkpoint === undefined ? {} : { checkpoint }),
    entry: (i) => {
      const b = db.entry(i);
      return b === undefined ? undefined : parseEntry(b);
    },
    tree: () => {
      if (tree === undefined) {
        tree = new MerkleTree();
        for (const bytes of db.entries()) {
          if (tree.size === range.size) break;
          tree.appendLeafHash(leafHash(bytes));
        }
      }
      return tree;
    },
  };
}

export interface SyncOptions {
  readonly source: LogSource;
  readonly verifier: NoteVerifier;
  readonly config: LedgerConfig;
  readonly db: EntryDb;
  /** Called after each fetched bundle: entries fetched so far, and how many are needed. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checks the new checkpoint before anything is fetched (witness cosignatures, age); throws to refuse it. */
  readonly acceptCheckpoint?: (raw: string, checkpoint: Checkpoint) => void;
  /** Sync to this checkpoint (raw signed note) instead of fetching one, e.g. the one a quorum agreed on. */
  readonly pinned?: string;
  /** When nothing is new, load only these vendors' state (a verifier's fast path); all when undefined. */
  readonly vendors?: readonly string[];
  /**
   * Most bytes of new entries held in memory (default 64 MiB). Beyond them only their leaf hashes are
   * kept, and the commit checks the staged bundles against those, so a first sync of a large log needs
   * memory for the hashes, not for every entry.
   */
  readonly maxHeldBytes?: number;
  /** Most entries parsed and not yet replayed (default 4,096). */
  readonly parseAhead?: number;
  /**
   * The Ed25519 backend the signature threads prefer when SIGNET_ED25519 does not say
   * (src/crypto/ed25519-bulk.ts): node:crypto for a verifier, libsodium for a mirror (a server).
   */
  readonly preferEd25519?: Ed25519Backend;
}

export interface SyncResult {
  readonly from: number;
  readonly to: number;
  readonly checkpoint: string;
  readonly local: LocalLog;
  /** The Ed25519 backend of the signature threads, when the sync used them (a large sync). */
  readonly signatureThreads?: Ed25519Backend;
}

export async function syncFull(opts: SyncOptions): Promise<SyncResult> {
  const { source, verifier, db } = opts;
  // Judged before anything is fetched, so that a wrong SIGNET_ED25519 fails every sync, not only large ones.
  const ed25519 = chooseEd25519Backend(process.env[BACKEND_ENV], opts.preferEd25519 ?? 'openssl').backend;
  let raw = opts.pinned;
  if (raw === undefined) {
    const rawBytes = await source.read('checkpoint', MAX_NOTE_BYTES);
    if (rawBytes === null) throw new SignetError('FETCH_FAILED', `${source.description} serves no checkpoint`, { hint: 'check the log URL in your config' });
    raw = checkpointText(rawBytes, `checkpoint served by ${source.description}`);
  }
  const { checkpoint } = openCheckpoint(raw, verifier);
  opts.acceptCheckpoint?.(raw, checkpoint);
  // Nothing new (the usual case for a verifier): load only what is needed.
  const storedRaw = db.checkpoint();
  const stored = storedRaw === undefined ? undefined : openCheckpoint(storedRaw, verifier, 'stored checkpoint').checkpoint;
  const quick = stored !== undefined && stored.size === checkpoint.size && hashEqual(stored.root, checkpoint.root);
  const local = loadLocal(db, verifier, opts.config, quick ? opts.vendors : undefined);
  const have = local.range.size;
  const old = local.checkpoint;
  if (checkpoint.size < have) {
    throw rollbackError(have, old?.raw, raw, checkpoint.size);
  }
  if (checkpoint.size === have) {
    if (old !== undefined && !hashEqual(old.parsed.root, checkpoint.root)) throw forkError(old.raw, raw);
    if (old?.raw !== raw) db.commit(have, [], raw);
    return { from: have, to: have, checkpoint: raw, local: localLog(db, local.state, local.range, { raw, parsed: checkpoint }, local.partial) };
  }
  // Fetch every new entry (staged per bundle), then prove them all at once. While later bundles
  // download, the entries whose signatures came back are replayed in order onto the state loaded above,
  // which lives only in this call: nothing is saved, and nothing is reported, unless the root proves
  // them; on any failure the state is dropped with the error.
  // The new entries: their bytes up to a budget (the bench's 20,000 fit), their leaf hashes always.
  const fresh = new HeldEntries(opts.maxHeldBytes ?? MAX_HELD_BYTES, (tile) => db.forget(tile));
  const start = Math.floor(have / TILE_WIDTH);
  const end = Math.ceil(checkpoint.size / TILE_WIDTH);
  const total = checkpoint.size - have;
  const prechecker = new Prechecker(local.state, opts.config, total >= PARALLEL_FROM, ed25519);
  const range = CompactRange.restore(local.range.size, local.range.hashes());
  const touched = new Set<string>();
  // Each vendor's last entry in this sync, and the saved JSON of vendors replayed past it (see snapshot).
  const lastOf = new Map<string, number>();
  const snapshots = new Map<string, string>();
  const vendorJson = (n: string): string | undefined => local.state.vendorSnapshot(n);
  let applied = 0;
  // The first entry that breaks a rule: replay stops there, and it is reported once the root is proven.
  let breach: unknown;
  const replayUpTo = (upTo: number): void => {
    for (; applied < upTo && breach === undefined; applied++) {
      const index = have + applied;
      try {
        const entry = prechecker.parsed[applied];
        if (entry === undefined) throw new Error(`entry ${index} was not parsed`);
        if (entry instanceof Error) throw entry;
        const known = prechecker.results?.[applied];
        applyInPlace(local.state, entry, opts.config, known === undefined ? {} : { verify: (pk, msg, sig) => checkedResult(known, pk.raw, sig) ?? pk.verify(msg, sig) });
        touched.add(entryLookupKeys(entry).vendor);
      } catch (e) {
        breach = ledgerBreach(e, index, raw);
      }
      // Replayed: its parsed form is not needed again (a large sync need not hold them all).
      prechecker.release(applied);
    }
  };
  // The next bundle is requested before this one is parsed, so the main thread (the sync's long pole)
  // does not wait on the network between bundles. Staged bundles are not fetched again.
  const widthOf = (n: number): number => Math.min(TILE_WIDTH, checkpoint.size - n * TILE_WIDTH);
  const fetchBundle = (n: number): Promise<{ data: Uint8Array; fetched: boolean }> => {
    const staged = db.staged(n, widthOf(n));
    const p = staged !== undefined ? Promise.resolve({ data: staged, fetched: false }) : readBundleBytes(source, n, widthOf(n)).then((data) => ({ data, fetched: true }));
    p.catch(() => undefined); // awaited below, or dropped when an earlier bundle failed
    return p;
  };
  try {
    let next = start < end ? fetchBundle(start) : undefined;
    for (let n = start; n < end; n++) {
      const width = widthOf(n);
      const { data, fetched } = await next!;
      next = n + 1 < end ? fetchBundle(n + 1) : undefined;
      const decoded = decodeBundle(data, undefined, { maxEntries: TILE_WIDTH });
      if (fetched) db.stage(n, width, data, decoded);
      const bundle = decoded.slice(0, width);
      if (bundle.length < width) {
        throw new SignetError('BUNDLE_TRUNCATED', `${tilePath({ level: 'entries', index: n, width })} has ${bundle.length} entries`, {
          expected: `${width} entries`,
          got: `${bundle.length}`,
          attack: 'a log hiding entries its checkpoint covers',
        });
      }
      const skip = n === start ? have - n * TILE_WIDTH : 0;
      const first = fresh.length;
      const mine = skip === 0 ? bundle : bundle.slice(skip);
      fresh.add(n, mine, (h) => range.append(h));
      // Parse now and start checking signatures on the workers while the next bundle downloads.
      prechecker.add(mine, first);
      for (let i = first; i < fresh.length; i++) {
        const e = prechecker.parsed[i];
        if (e !== undefined && !(e instanceof Error)) lastOf.set(entryLookupKeys(e).vendor, i);
      }
      replayUpTo(prechecker.ready);
      // Parse at most a window ahead of the replay: the main thread outruns the workers, and every
      // parsed entry waiting for its signature results is held in memory until it is replayed.
      while (fresh.length - applied > (opts.parseAhead ?? PARSE_AHEAD) && breach === undefined) {
        const oldest = prechecker.jobs()[0];
        if (oldest === undefined) break;
        await oldest;
        replayUpTo(prechecker.ready);
      }
      opts.onProgress?.(fresh.length, total);
    }
    // The downloads usually end well before the workers do: replay each bundle as its results come
    // in, rather than all of the rest at the end while the workers stand idle.
    // Meanwhile the main thread mostly waits: it serialises each vendor whose last entry is replayed
    // (an entry changes only its own vendor's state, as `touched` assumes), rather than all at the end.
    const order = [...lastOf].sort((a, b) => a[1] - b[1]);
    let snapped = 0;
    const snapshot = (): void => {
      for (; snapped < order.length && order[snapped]![1] < applied && breach === undefined; snapped++) {
        const json = vendorJson(order[snapped]![0]);
        if (json !== undefined) snapshots.set(order[snapped]![0], json);
      }
    };
    for (const done of prechecker.jobs()) {
      snapshot();
      await done;
      replayUpTo(prechecker.ready);
    }
    await prechecker.settled();
    replayUpTo(fresh.length);
  } catch (e) {
    // What was staged may be what is wrong (an altered or truncated bundle): fetch it afresh next time.
    if (isSignetError(e) && e.kind !== 'unavailable') db.clearStaged();
    throw e;
  } finally {
    await prechecker.finish().catch(() => undefined);
  }
  const root = range.root();
  if (!hashEqual(root, checkpoint.root)) {
    db.clearStaged();
    // Either the entries were altered, or the log rewrote what the stored checkpoint covers (a fork):
    // the served log's own first entries tell which.
    const forked = old !== undefined && (await servedPrefixDiffers(source, old.parsed, checkpoint.size));
    throw !forked
      ? new SignetError('ROOT_MISMATCH', `the log's entries ${have}..${checkpoint.size - 1} do not give its signed root`, {
          expected: b64(checkpoint.root),
          got: b64(root),
          attack: 'a log whose entries are not the signed tree (altered entry bundles)',
          evidence: { checkpoint: raw },
        })
      : forkError(old.raw, raw);
  }
  if (breach !== undefined) throw breach;
  // Save the vendors the new entries changed (all of them the first time a state is saved).
  const names = db.savedState()?.size === have ? [...touched] : local.state.vendors();
  const vendors = new Map(names.flatMap((n) => {
    const json = snapshots.get(n) ?? vendorJson(n);
    return json === undefined ? [] : [[n, json] as const];
  }));
  db.commit(have, fresh, raw, { saved: { size: range.size, range: range.hashes().map((h) => Buffer.from(h).toString('base64')) }, vendors });
  return {
    from: have,
    to: checkpoint.size,
    checkpoint: raw,
    local: localLog(db, local.state, range, { raw, parsed: checkpoint }),
    ...(prechecker.backend === undefined ? {} : { signatureThreads: prechecker.backend }),
  };
}

/** Most bytes of new entries a sync holds by default (see SyncOptions.maxHeldBytes). */
const MAX_HELD_BYTES = 64 * 1024 * 1024;

/**
 * Most entries parsed and not yet replayed: enough queued work for the workers (16 bundles), and a
 * bound on the memory of a large sync (measured: no change in the 20,000-entry sync's time).
 */
const PARSE_AHEAD = 4096;

/** Below this many new entries, starting worker threads costs more than it saves. */
const PARALLEL_FROM = 512;

/**
 * Parses new entries as they arrive and, for a large sync, verifies every signature whose key can be
 * known (a key ID is the hash of the key: the candidates are the trust roots, the keys in the state,
 * and the keys earlier entries introduce) on worker threads, one per core. The replay still decides
 * which signatures count, and checks any other on the spot. A parse failure is kept, not thrown: an
 * entry that does not parse is reported only once the root proves the log really holds it.
 */
class Prechecker {
  readonly #keys = new Map<string, Ed25519PublicKey>();
  readonly #pool: VerifyPool | undefined;
  /** The parsed entries (or their parse errors), by position in the sync; undefined once released. */
  readonly parsed: (Entry | Error | undefined)[] = [];
  /** Signature jobs in order of position: [start, end) and whether their results are in. */
  readonly #jobs: { start: number; end: number; done: boolean; promise: Promise<void> }[] = [];
  readonly #results: (CheckedSignature[] | undefined)[] = [];
  #failed: unknown;

  constructor(state: LedgerState, config: LedgerConfig, parallel: boolean, backend: Ed25519Backend) {
    const add = (k: Ed25519PublicKey): void => void this.#keys.set(keyIdOf(k), k);
    config.registryKeys.forEach(add);
    if (config.coreKey !== undefined) add(config.coreKey);
    for (const v of state.vendors()) for (const k of state.keysOf(v)) this.#keys.set(k.id, k.publicKey);
    // The main thread parses, hashes and replays every entry: it is the long pole, so the workers that
    // check signatures yield to it (measured: ~3% faster syncs on 2 cores; bench/README.md).
    this.#pool = parallel ? new VerifyPool(undefined, { nice: 4, backend }) : undefined;
  }

  /** The Ed25519 backend of the threads, when the signatures are checked in parallel. */
  get backend(): Ed25519Backend | undefined {
    return this.#pool?.backend;
  }

  /** The signature results when checked in parallel (by position), else undefined. */
  get results(): readonly (CheckedSignature[] | undefined)[] | undefined {
    return this.#pool === undefined ? undefined : this.#results;
  }

  /** Drops what was kept for the entry at `i` (once it is replayed). */
  release(i: number): void {
    this.parsed[i] = undefined;
    if (this.#results[i] !== undefined) this.#results[i] = undefined;
  }

  /** How many entries, from the first, have all their signature results (or need none). */
  get ready(): number {
    while (this.#pending < this.#jobs.length && this.#jobs[this.#pending]!.done) this.#pending++;
    return this.#pending < this.#jobs.length ? this.#jobs[this.#pending]!.start : this.parsed.length;
  }

  /** The first job whose results are not in yet. */
  #pending = 0;

  add(bytes: readonly Buffer[], offset: number): void {
    const checks: SignatureCheck[] = [];
    const owner: number[] = [];
    bytes.forEach((b, j) => {
      const i = offset + j;
      let e: Entry;
      try {
        e = parseEntry(b);
      } catch (err) {
        this.parsed[i] = err instanceof Error ? err : new Error(String(err));
        return;
      }
      this.parsed[i] = e;
      const s = e.statement;
      if (s.kind === 'vendor') s.keys.forEach((k) => this.#keys.set(k.id, publicKeyFor(k)));
      else if (s.kind === 'key-add') this.#keys.set(s.key.id, publicKeyFor(s.key));
      else if (s.kind === 'attestation') this.#keys.set(s.attester.id, publicKeyFor(s.attester));
      if (this.#pool === undefined) return;
      for (const sig of e.signatures) {
        const k = this.#keys.get(sig.keyid);
        const signature = decodeCanonicalBase64(sig.sig);
        if (k === undefined || signature === undefined) continue;
        checks.push({ publicKey: k.raw, message: e.pae, signature });
        owner.push(i);
      }
    });
    if (this.#pool === undefined || checks.length === 0) return;
    const job = { start: offset, end: offset + bytes.length, done: false, promise: Promise.resolve() };
    job.promise = this.#pool.verify(checks).then(
      (r) => {
        checks.forEach((c, j) => {
          const i = owner[j]!;
          (this.#results[i] ??= []).push({ publicKey: c.publicKey, signature: c.signature, ok: r[j]! });
        });
        job.done = true;
      },
      (e: unknown) => {
        this.#failed ??= e;
        job.done = true;
      },
    );
    this.#jobs.push(job);
  }

  /** The signature jobs not yet answered, in order (each settles, never rejects). */
  jobs(): Promise<void>[] {
    return this.#jobs.slice(this.#pending).map((j) => j.promise);
  }

  /** Waits for every signature result; throws if the workers failed. */
  async settled(): Promise<void> {
    await Promise.all(this.#jobs.map((j) => j.promise));
    if (this.#failed !== undefined) throw this.#failed;
  }

  /**
   * Waits for the workers' answers, then stops them without waiting for their threads to end (~7 ms
   * on the sync's serial path): they hold nothing the sync needs, and do not keep the process alive.
   */
  async finish(): Promise<void> {
    try {
      await this.settled();
    } finally {
      this.#pool?.close().catch(() => undefined);
    }
  }
}

/** Whether the served log's entries below `old.size` give another root than the stored checkpoint's. */
async function servedPrefixDiffers(source: LogSource, old: Checkpoint, size: number): Promise<boolean> {
  const tree = new MerkleTree();
  for (let n = 0; n * TILE_WIDTH < old.size; n++) {
    const width = Math.min(TILE_WIDTH, size - n * TILE_WIDTH);
    const bundle = decodeBundle(await readBundleBytes(source, n, width), undefined, { maxEntries: TILE_WIDTH });
    for (const e of bundle.slice(0, Math.min(width, old.size - n * TILE_WIDTH))) tree.appendLeafHash(leafHash(e));
  }
  return tree.size < old.size || !hashEqual(tree.root(old.size), old.root);
}

async function readBundleBytes(source: LogSource, n: number, width: number): Promise<Uint8Array> {
  const path = tilePath({ level: 'entries', index: n, width });
  const data = await source.read(path, MAX_BUNDLE_BYTES);
  if (data !== null) return data;
  if (width < TILE_WIDTH) {
    const full = await source.read(tilePath(fullTile({ level: 'entries', index: n, width })), MAX_BUNDLE_BYTES);
    if (full !== null) return full;
  }
  throw new SignetError('TILE_MISSING', `${source.description} does not serve ${path}`, { expected: path, got: 'not found' });
}
