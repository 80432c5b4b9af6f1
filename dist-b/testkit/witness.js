/**
 * Helpers for the witness's tests: an in-memory log that signs checkpoints at any size and proves
 * consistency between any two, the add-checkpoint request body, and a `signet witness serve` child
 * process for the crash test.
 */
import { readFileSync } from 'node:fs';
import { Ed25519PrivateKey } from '../src/crypto/ed25519.js';
import { ed25519NoteSigner, formatVerifierKey, signNote } from '../src/crypto/note.js';
import { decodeBundle } from '../src/tlog/bundle.js';
import { formatCheckpoint } from '../src/tlog/checkpoint.js';
import { leafHash } from '../src/tlog/hash.js';
import { consistencyProof } from '../src/tlog/proof.js';
import { MerkleTree } from '../src/tlog/tree.js';
import { vectorPath } from './vectors.js';
import { startServerProcess } from './server-process.js';
/** A log held in memory: grow it, sign its checkpoint at any size it reached, prove consistency. */
export class MemoryLog {
    origin;
    keyName;
    tree = new MerkleTree();
    key;
    vkey;
    /** `keyName`: the name of the log's key, when it is not the origin. */
    constructor(origin = 'example.com/witness-test-log', key, keyName = origin) {
        this.origin = origin;
        this.keyName = keyName;
        this.key = key ?? Ed25519PrivateKey.generate();
        this.vkey = formatVerifierKey(keyName, this.key.publicKey);
    }
    get size() {
        return this.tree.size;
    }
    grow(n, salt = '') {
        for (let i = 0; i < n; i++)
            this.tree.appendLeafHash(leafHash(Buffer.from(`${this.origin} entry ${this.tree.size} ${salt}`)));
        return this;
    }
    /** The checkpoint body at `size` (default: the current size), with an optional root override (a fork). */
    body(size = this.size, root) {
        return formatCheckpoint({ origin: this.origin, size, root: Buffer.from(root ?? this.tree.root(size)), extensions: [] });
    }
    /** The checkpoint at `size`, signed by this log (and `key`, when given, instead). */
    checkpoint(size = this.size, opts = {}) {
        return signNote(this.body(size, opts.root), [ed25519NoteSigner(this.keyName, opts.key ?? this.key)]);
    }
    proof(from, to = this.size) {
        return consistencyProof(this.tree, from, to).map((h) => Buffer.from(h));
    }
}
/** The add-checkpoint request body: "old N\n", the proof lines, an empty line, the checkpoint. */
export function addCheckpointBody(oldSize, proof, checkpoint) {
    return `old ${oldSize}\n${proof.map((h) => Buffer.from(h).toString('base64') + '\n').join('')}\n${checkpoint}`;
}
export async function postCheckpoint(url, body) {
    const res = await fetch(`${url}/add-checkpoint`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body) });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
}
/** The Tessera log of ../shared/vectors/tessera-log: its key, checkpoints, and a tree over its entries. */
export const TESSERA = {
    dir: vectorPath('tessera-log'),
    key: 'example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx',
    origin: 'example.com/log/testdata',
    checkpoint(n) {
        return readFileSync(vectorPath('tessera-log', `checkpoint.${n}`), 'utf8');
    },
    /** The Merkle tree over the entries of its bundle (the log's 15 entries). */
    tree() {
        const tree = new MerkleTree();
        for (const e of decodeBundle(readFileSync(vectorPath('tessera-log', 'tile/entries/000.p/15')), 15))
            tree.appendLeafHash(leafHash(e));
        return tree;
    },
};
/** Starts `signet witness serve …` and waits until GET / answers (or the process dies, or the timeout). */
export function startWitnessProcess(args, url, timeoutMs = 20_000) {
    return startServerProcess(args, url, timeoutMs, '/');
}
//# sourceMappingURL=witness.js.map