/**
 * Follows a log: fetches its checkpoint and the new entry bundles, proves that the entries are the
 * signed tree (their Merkle root equals the checkpoint's), and only then replays them through the
 * ledger's state machine. A registry, a mirror and a full-mode verifier all keep their ledger state
 * this way. It keeps the whole tree's hashes in memory (32 bytes per entry), but not the entries: past
 * a budget, the bundles hashed for the proof are fetched again to be applied, and each entry fetched
 * again must hash to the leaf that was proven.
 */
import { SignetError } from '../errors.js';
import type { NoteVerifier } from '../crypto/note.js';
import { type Entry, type LedgerConfig, LedgerState, applyInPlace, parseEntry } from '../ledger/index.js';
import { checkpointText, openCheckpoint, readBundle } from '../tlog/audit.js';
import { b64, hashEqual, leafHash } from '../tlog/hash.js';
import type { LogSource } from '../tlog/source.js';
import { CompactRange } from '../tlog/compact.js';
import { TILE_WIDTH } from '../tlog/tile.js';
import { MerkleTree } from '../tlog/tree.js';
import { HeldEntries } from './held-entries.js';
import { forkError, rollbackError } from './log-evidence.js';

const MAX_NOTE_BYTES = 1 << 20;
const DEFAULT_MAX_HELD_BYTES = 64 * 1024 * 1024;

export interface FollowerOptions {
  readonly source: LogSource;
  readonly verifier: NoteVerifier;
  readonly config: LedgerConfig;
  /** Called for each entry once it is proven and applied, in log order. */
  readonly onEntry?: (index: number, entry: Entry) => void;
  /**
   * Most entry bytes a sync holds while it proves them (default 64 MiB). The bundles beyond are
   * dropped once hashed and fetched again to be applied, so a first sync of a large log needs memory
   * for the tree's hashes, not for every entry.
   */
  readonly maxHeldBytes?: number;
}

export class LedgerFollower {
  readonly state = new LedgerState();
  readonly #tree = new MerkleTree();
  #checkpoint: string | undefined;
  #syncing: Promise<number> | undefined;

  constructor(private readonly opts: FollowerOptions) {}

  /** Entries proven and applied. */
  get size(): number {
    return this.#tree.size;
  }

  /** The leaf hash of entry `index`, if it has been proven. */
  leafHashAt(index: number): Buffer | undefined {
    return index < this.#tree.size ? Buffer.from(this.#tree.leafHashAt(index)) : undefined;
  }

  /**
   * The last checkpoint (raw signed note) the follower reached. The state may be ahead of it, never
   * behind: a sync that failed while applying entries it had proven keeps those it applied.
   */
  get checkpoint(): string | undefined {
    return this.#checkpoint;
  }

  /** Catches up with the log's current checkpoint; concurrent calls share one run. Returns the new size. */
  sync(): Promise<number> {
    if (this.#syncing === undefined) {
      this.#syncing = this.#sync().finally(() => {
        this.#syncing = undefined;
      });
    }
    return this.#syncing;
  }

  async #sync(): Promise<number> {
    const { source, verifier } = this.opts;
    const raw = await source.read('checkpoint', MAX_NOTE_BYTES);
    if (raw === null) throw new SignetError('FETCH_FAILED', `${source.description} serves no checkpoint`, { hint: 'is the log running?' });
    const note = checkpointText(raw, `checkpoint served by ${source.description}`);
    const { checkpoint } = openCheckpoint(note, verifier);
    const have = this.#tree.size;
    if (checkpoint.size < have) {
      throw rollbackError(have, this.#checkpoint, note, checkpoint.size);
    }
    if (checkpoint.size === have) {
      if (!hashEqual(this.#tree.root(), checkpoint.root)) throw forkError(this.#checkpoint, note);
      this.#checkpoint = note;
      return have;
    }
    // Fetch and hash every new entry first; apply nothing until the root is proven. The hashes are
    // kept (32 bytes each), the entries only up to the budget.
    const start = Math.floor(have / TILE_WIDTH);
    const end = Math.ceil(checkpoint.size / TILE_WIDTH);
    const fetchNew = async (n: number): Promise<Buffer[]> => {
      const entries = await readBundle(source, { level: 'entries', index: n, width: Math.min(TILE_WIDTH, checkpoint.size - n * TILE_WIDTH) });
      return n === start ? entries.slice(have - n * TILE_WIDTH) : entries;
    };
    const fresh = new HeldEntries(this.opts.maxHeldBytes ?? DEFAULT_MAX_HELD_BYTES);
    const range = rangeOf(this.#tree);
    for (let n = start; n < end; n++) {
      fresh.add(n, await fetchNew(n), (h) => range.append(h));
    }
    const root = range.root();
    if (!hashEqual(root, checkpoint.root)) {
      this.#broken(new SignetError('ROOT_MISMATCH', `the log's entries ${have}..${checkpoint.size - 1} do not give the signed root`, {
        expected: b64(checkpoint.root),
        got: b64(root),
        attack: "a log whose entries are not the signed tree (altered bundles, or a fork)",
        evidence: { checkpoint: note, previous: this.#checkpoint },
      }));
    }
    // Proven: apply them in order, each leaf joining the tree as its entry joins the state, so the two
    // stay in step even if fetching a bundle again fails (the next sync goes on from there).
    // A failing onEntry callback must not stop the replay: every proven entry is applied (and
    // reported); the callback's first error is thrown afterwards.
    let callbackFailed = false;
    let callbackError: unknown;
    for (let n = start; n < end; n++) {
      const first = this.#tree.size;
      const count = Math.min((n + 1) * TILE_WIDTH, checkpoint.size) - first;
      let entries = fresh.slice(first - have, first - have + count);
      if (entries === undefined) {
        const again = await fetchNew(n);
        again.forEach((e, j) => {
          const proven = fresh.leafHash(first - have + j);
          if (!hashEqual(leafHash(e), proven)) {
            this.#broken(new SignetError('ENTRY_ALTERED', `entry ${first + j} (bundle ${n}) is not the one the log proved a moment ago`, {
              expected: `leaf hash ${b64(proven)}`,
              got: `leaf hash ${b64(leafHash(e))}`,
              attack: 'a log serving different bytes for an entry it has already proven (a split view)',
              evidence: { index: first + j, checkpoint: note },
            }));
          }
        });
        entries = again;
      }
      for (let j = 0; j < entries.length; j++) {
        const index = first + j;
        let entry: Entry;
        try {
          entry = parseEntry(entries[j]!);
          applyInPlace(this.state, entry, this.opts.config);
        } catch (e) {
          this.#broken(new SignetError('LOG_CORRUPT', `entry ${index} is in the signed log but breaks the ledger's rules: ${(e as Error).message}`, {
            attack: 'a log that admitted an entry the state machine refuses (a misbehaving or malicious log)',
            evidence: { index, checkpoint: note },
            cause: e,
          }));
        }
        this.#tree.appendLeafHash(fresh.leafHash(index - have));
        try {
          this.opts.onEntry?.(index, entry);
        } catch (e) {
          if (!callbackFailed) callbackError = e;
          callbackFailed = true;
        }
      }
    }
    this.#checkpoint = note;
    if (callbackFailed) throw callbackError;
    return checkpoint.size;
  }

  #failure: SignetError | undefined;

  #broken(e: SignetError): never {
    this.#failure = e;
    this.sync = () => Promise.reject(this.#failure);
    throw e;
  }
}

/** The compact range of the tree's right edge: the root of each complete subtree, largest first. */
function rangeOf(tree: MerkleTree): CompactRange {
  const hashes: Uint8Array[] = [];
  let start = 0;
  for (let h = 52; h >= 0; h--) {
    const span = 2 ** h;
    if (tree.size - start >= span) {
      hashes.push(tree.hashAt(h, start / span));
      start += span;
    }
  }
  return CompactRange.restore(tree.size, hashes);
}
