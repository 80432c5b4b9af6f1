/**
 * A compact range over leaves [0, n): the O(log n) roots of the maximal complete subtrees, enough to
 * compute the root at n and to keep appending. It lets the auditor stream a log of any size in
 * constant memory, and reports every complete node it creates so tiles can be checked against them.
 */
import { EMPTY_ROOT, nodeHash } from './hash.js';
export class CompactRange {
    visit;
    /** Roots of complete subtrees, largest (leftmost) first; their sizes are the set bits of `size`. */
    stack = [];
    size = 0;
    constructor(visit) {
        this.visit = visit;
    }
    /** A range over [0, size) from its subtree roots (as `hashes()` gave them), e.g. from a saved snapshot. */
    static restore(size, hashes) {
        let bits = 0;
        for (let n = size; n > 0; n = Math.floor(n / 2))
            bits += n % 2;
        if (!Number.isSafeInteger(size) || size < 0 || hashes.length !== bits || hashes.some((h) => h.length !== 32)) {
            throw new Error(`internal: a compact range of size ${size} has ${bits} 32-byte hashes, not ${hashes.length}`);
        }
        const r = new CompactRange();
        r.stack.push(...hashes.map((h) => Uint8Array.from(h)));
        r.size = size;
        return r;
    }
    /** The subtree roots, largest first (what `restore` takes). */
    hashes() {
        return [...this.stack];
    }
    append(leafHash) {
        const index = this.size;
        this.visit?.(0, index, leafHash);
        let h = leafHash;
        let level = 0;
        let i = index;
        while (i % 2 === 1) {
            h = nodeHash(this.stack.pop(), h);
            level++;
            i = (i - 1) / 2;
            this.visit?.(level, i, h);
        }
        this.stack.push(h);
        this.size++;
    }
    root() {
        if (this.stack.length === 0)
            return EMPTY_ROOT;
        let h = this.stack[this.stack.length - 1];
        for (let j = this.stack.length - 2; j >= 0; j--)
            h = nodeHash(this.stack[j], h);
        return h;
    }
}
//# sourceMappingURL=compact.js.map