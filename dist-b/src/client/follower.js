/**
 * Follows a log: fetches its checkpoint and the new entry bundles, proves that the entries are the
 * signed tree (their Merkle root equals the checkpoint's), and only then replays them through the
 * ledger's state machine. A registry, a mirror and a full-mode verifier all keep their ledger state
 * this way. It keeps the whole tree's hashes in memory (32 bytes per entry).
 */
import { SignetError } from '../errors.js';
import { LedgerState, applyInPlace, parseEntry } from '../ledger/index.js';
import { openCheckpoint, readBundle } from '../tlog/audit.js';
import { b64, hashEqual, leafHash } from '../tlog/hash.js';
import { TILE_WIDTH } from '../tlog/tile.js';
import { MerkleTree } from '../tlog/tree.js';
import { forkError, rollbackError } from './log-evidence.js';
const MAX_NOTE_BYTES = 1 << 20;
export class LedgerFollower {
    opts;
    state = new LedgerState();
    #tree = new MerkleTree();
    #checkpoint;
    #syncing;
    constructor(opts) {
        this.opts = opts;
    }
    /** Entries proven and applied. */
    get size() {
        return this.#tree.size;
    }
    /** The leaf hash of entry `index`, if it has been proven. */
    leafHashAt(index) {
        return index < this.#tree.size ? Buffer.from(this.#tree.leafHashAt(index)) : undefined;
    }
    /** The last checkpoint (raw signed note) the state is proven against. */
    get checkpoint() {
        return this.#checkpoint;
    }
    /** Catches up with the log's current checkpoint; concurrent calls share one run. Returns the new size. */
    sync() {
        if (this.#syncing === undefined) {
            this.#syncing = this.#sync().finally(() => {
                this.#syncing = undefined;
            });
        }
        return this.#syncing;
    }
    async #sync() {
        const { source, verifier } = this.opts;
        const raw = await source.read('checkpoint', MAX_NOTE_BYTES);
        if (raw === null)
            throw new SignetError('FETCH_FAILED', `${source.description} serves no checkpoint`, { hint: 'is the log running?' });
        const note = Buffer.from(raw).toString('utf8');
        const { checkpoint } = openCheckpoint(note, verifier);
        const have = this.#tree.size;
        if (checkpoint.size < have) {
            throw rollbackError(have, this.#checkpoint, note, checkpoint.size);
        }
        if (checkpoint.size === have) {
            if (!hashEqual(this.#tree.root(), checkpoint.root))
                throw forkError(this.#checkpoint, note);
            this.#checkpoint = note;
            return have;
        }
        // Fetch and hash every new entry first; apply nothing until the root is proven.
        const fresh = [];
        const start = Math.floor(have / TILE_WIDTH);
        const end = Math.ceil(checkpoint.size / TILE_WIDTH);
        for (let n = start; n < end; n++) {
            const width = Math.min(TILE_WIDTH, checkpoint.size - n * TILE_WIDTH);
            const bundle = await readBundle(source, { level: 'entries', index: n, width });
            const skip = n === start ? have - n * TILE_WIDTH : 0;
            for (let i = skip; i < bundle.length; i++)
                fresh.push(bundle[i]);
        }
        const tree = this.#tree;
        const mark = tree.size;
        for (const e of fresh)
            tree.appendLeafHash(leafHash(e));
        const root = tree.root();
        if (!hashEqual(root, checkpoint.root)) {
            // The in-memory tree now holds unproven leaves: this follower cannot go on.
            this.#broken(new SignetError('ROOT_MISMATCH', `the log's entries ${mark}..${checkpoint.size - 1} do not give the signed root`, {
                expected: b64(checkpoint.root),
                got: b64(root),
                attack: "a log whose entries are not the signed tree (altered bundles, or a fork)",
                evidence: { checkpoint: note, previous: this.#checkpoint },
            }));
        }
        // A failing onEntry callback must not stop the replay: the tree already holds these leaves, so
        // every one of them is applied (and reported); the callback's first error is thrown afterwards.
        let callbackFailed = false;
        let callbackError;
        for (let i = 0; i < fresh.length; i++) {
            const index = mark + i;
            let entry;
            try {
                entry = parseEntry(fresh[i]);
                applyInPlace(this.state, entry, this.opts.config);
            }
            catch (e) {
                this.#broken(new SignetError('LOG_CORRUPT', `entry ${index} is in the signed log but breaks the ledger's rules: ${e.message}`, {
                    attack: 'a log that admitted an entry the state machine refuses (a misbehaving or malicious log)',
                    evidence: { index, checkpoint: note },
                    cause: e,
                }));
            }
            try {
                this.opts.onEntry?.(index, entry);
            }
            catch (e) {
                if (!callbackFailed)
                    callbackError = e;
                callbackFailed = true;
            }
        }
        this.#checkpoint = note;
        if (callbackFailed)
            throw callbackError;
        return checkpoint.size;
    }
    #failure;
    #broken(e) {
        this.#failure = e;
        this.sync = () => Promise.reject(this.#failure);
        throw e;
    }
}
//# sourceMappingURL=follower.js.map