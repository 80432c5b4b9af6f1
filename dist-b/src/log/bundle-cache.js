/**
 * Encoded full entry bundles, kept in memory up to a byte budget (least recently used out first). A
 * full bundle (256 entries) never changes once published, so every verifier that syncs reads the same
 * bytes: serving them from memory spares a 256-row query and an encoding per request. Partial bundles
 * are not cached (they are replaced as the log grows).
 */
export class BundleCache {
    maxBytes;
    #bundles = new Map();
    #bytes = 0;
    constructor(maxBytes) {
        this.maxBytes = maxBytes;
    }
    get(index) {
        const b = this.#bundles.get(index);
        if (b !== undefined) {
            // Map iteration order is insertion order: re-inserting makes it the most recently used.
            this.#bundles.delete(index);
            this.#bundles.set(index, b);
        }
        return b;
    }
    set(index, data) {
        if (data.length > this.maxBytes || this.#bundles.has(index))
            return;
        this.#bundles.set(index, data);
        this.#bytes += data.length;
        for (const [i, b] of this.#bundles) {
            if (this.#bytes <= this.maxBytes)
                break;
            this.#bundles.delete(i);
            this.#bytes -= b.length;
        }
    }
    get bytes() {
        return this.#bytes;
    }
    get size() {
        return this.#bundles.size;
    }
}
//# sourceMappingURL=bundle-cache.js.map