/**
 * An append-only RFC 6962 Merkle tree over stored hashes.
 *
 * The tree stores every complete subtree hash: level h, index k is MTH(D[k*2^h : (k+1)*2^h]) and exists
 * once the tree has (k+1)*2^h leaves. Everything else (roots at any size, proofs) is computed from those,
 * through the HashReader interface, so the same proof code runs over memory, a database or tiles.
 */
import { EMPTY_ROOT, HASH_SIZE, checkHash, nodeHash } from './hash.js';
import { SignetError } from '../errors.js';
/** Largest power of two strictly less than n (n >= 2). */
export function splitPoint(n) {
    let k = 1;
    while (k * 2 < n)
        k *= 2;
    return k;
}
function isPowerOfTwo(n) {
    if (n < 1 || !Number.isSafeInteger(n))
        return false;
    if (n <= 0x40000000)
        return (n & (n - 1)) === 0;
    return Number.isInteger(Math.log2(n)) && 2 ** Math.log2(n) === n;
}
/** MTH(D[lo:hi]) computed from stored complete-subtree hashes (lo aligned as RFC 6962's recursion makes it). */
export function subtreeHash(reader, lo, hi) {
    const n = hi - lo;
    if (n <= 0)
        return EMPTY_ROOT;
    if (isPowerOfTwo(n) && lo % n === 0)
        return reader.hashAt(Math.log2(n), lo / n);
    const k = splitPoint(n);
    return nodeHash(subtreeHash(reader, lo, lo + k), subtreeHash(reader, lo + k, hi));
}
/** Tree root at `size` from a reader that holds at least `size` leaves. */
export function rootAt(reader, size) {
    return subtreeHash(reader, 0, size);
}
const INITIAL_CAPACITY = 1024;
/** One level of stored hashes: a growable contiguous buffer of 32-byte slots. */
class Level {
    buf = Buffer.allocUnsafe(INITIAL_CAPACITY * HASH_SIZE);
    count = 0;
    push(h) {
        if ((this.count + 1) * HASH_SIZE > this.buf.length) {
            const bigger = Buffer.allocUnsafe(this.buf.length * 2);
            this.buf.copy(bigger, 0, 0, this.count * HASH_SIZE);
            this.buf = bigger;
        }
        this.buf.set(h, this.count * HASH_SIZE);
        this.count++;
    }
    /** A view of slot i; slots never change once written, so the view stays valid. */
    get(i) {
        return this.buf.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
    }
}
/** In-memory append-only Merkle tree. */
export class MerkleTree {
    levels = [new Level()];
    get size() {
        return this.levels[0].count;
    }
    /** Appends a leaf by its leaf hash (see `leafHash`); returns its index. */
    appendLeafHash(h) {
        checkHash(h, 'leaf hash');
        const index = this.size;
        this.levels[0].push(h);
        let i = index;
        let level = 0;
        while (i % 2 === 1) {
            const below = this.levels[level];
            const parent = nodeHash(below.get(i - 1), below.get(i));
            level++;
            if (this.levels.length === level)
                this.levels.push(new Level());
            this.levels[level].push(parent);
            i = (i - 1) / 2;
        }
        return index;
    }
    hashAt(level, index) {
        const l = this.levels[level];
        if (l === undefined || !Number.isInteger(index) || index < 0 || index >= l.count) {
            throw new SignetError('INDEX_OUT_OF_RANGE', `no stored hash at level ${level} index ${index}`, {
                expected: `a complete subtree of a tree of size ${this.size}`,
                got: `level ${level}, index ${index}`,
            });
        }
        return l.get(index);
    }
    leafHashAt(index) {
        return this.hashAt(0, index);
    }
    /** Root at any size up to the current one. */
    root(size = this.size) {
        checkSize(size, this.size);
        return rootAt(this, size);
    }
}
export function checkSize(size, max) {
    if (!Number.isSafeInteger(size) || size < 0 || size > max) {
        throw new SignetError('INDEX_OUT_OF_RANGE', `tree size ${size} is out of range`, {
            expected: `0..${max}`,
            got: String(size),
        });
    }
}
//# sourceMappingURL=tree.js.map