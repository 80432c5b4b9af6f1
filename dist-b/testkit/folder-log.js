/**
 * A tiled log written as files from entries the test chooses (valid ledger entries, or entries that
 * break a rule), published step by step, with checkpoints the test may also sign with other keys or
 * for other roots. Clients read it through FolderSource (or serveFolder + HttpSource).
 */
import { Ed25519PrivateKey } from '../src/crypto/ed25519.js';
import { ed25519NoteSigner, formatVerifierKey, signNote } from '../src/crypto/note.js';
import { formatCheckpoint } from '../src/tlog/checkpoint.js';
import { leafHash } from '../src/tlog/hash.js';
import { grownBundles, grownHashTiles } from '../src/tlog/tilewriter.js';
import { MerkleTree } from '../src/tlog/tree.js';
import { writeFile } from './log.js';
export class FolderLog {
    dir;
    origin;
    key;
    tree = new MerkleTree();
    entries = [];
    /** The signed checkpoint written at each published size. */
    checkpoints = new Map();
    #published = 0;
    constructor(dir, origin = 'signet.test/folder-log', key = Ed25519PrivateKey.generate()) {
        this.dir = dir;
        this.origin = origin;
        this.key = key;
    }
    get vkey() {
        return formatVerifierKey(this.origin, this.key.publicKey);
    }
    get published() {
        return this.#published;
    }
    /** Adds entries to the tree (not yet published). */
    append(...entries) {
        for (const e of entries) {
            this.entries.push(Buffer.from(e));
            this.tree.appendLeafHash(leafHash(e));
        }
    }
    /** Writes the tiles and bundles grown since the last publication, and a checkpoint at `size`. */
    publish(size = this.entries.length) {
        if (size < this.#published || size > this.entries.length)
            throw new RangeError(`cannot publish size ${size}`);
        for (const t of grownHashTiles(this.tree, this.#published, size))
            writeFile(this.dir, t.path, t.data);
        for (const t of grownBundles((i) => this.entries[i], this.#published, size))
            writeFile(this.dir, t.path, t.data);
        const note = this.sign(size);
        this.checkpoints.set(size, note);
        this.writeCheckpoint(note);
        this.#published = size;
        return note;
    }
    /** A checkpoint note for `size` (by default over the tree's root at that size, signed by the log key). */
    sign(size, o = {}) {
        const origin = o.origin ?? this.origin;
        const body = formatCheckpoint({ origin, size, root: Buffer.from(o.root ?? this.tree.root(size)), extensions: [] });
        return signNote(body, [ed25519NoteSigner(origin, o.key ?? this.key)]);
    }
    /** Replaces the served checkpoint (e.g. with an older or forged one). */
    writeCheckpoint(note) {
        writeFile(this.dir, 'checkpoint', note);
    }
}
//# sourceMappingURL=folder-log.js.map