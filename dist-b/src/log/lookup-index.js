/**
 * The lookup index (docs/API.md, "Lookups"): lookup key → the indexes of the entries found under it,
 * ascending. It is derived data: the log and its mirrors rebuild it from the stored entries at start-up
 * (they parse every entry then anyway) and extend it as entries are stored, so no lookup row is ever
 * written to disk. Memory: about 150 bytes per entry (three keys per release).
 */
export class LookupIndex {
    #lists = new Map();
    /** Records that the entry at `index` is found under `keys`; indexes must be added in ascending order. */
    add(index, keys) {
        for (const k of keys) {
            const list = this.#lists.get(k);
            if (list === undefined)
                this.#lists.set(k, [index]);
            else if (list[list.length - 1] < index)
                list.push(index);
        }
    }
    /** Indexes under `key` that are > `after` and < `below`, ascending, at most `limit`. */
    find(key, after, below, limit) {
        const list = this.#lists.get(key);
        if (list === undefined || limit <= 0)
            return [];
        // The first position holding an index > after.
        let lo = 0;
        let hi = list.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (list[mid] <= after)
                lo = mid + 1;
            else
                hi = mid;
        }
        const out = [];
        for (let i = lo; i < list.length && out.length < limit && list[i] < below; i++)
            out.push(list[i]);
        return out;
    }
}
//# sourceMappingURL=lookup-index.js.map