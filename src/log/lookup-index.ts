/**
 * The lookup index (docs/API.md, "Lookups"): lookup key → the indexes of the entries found under it,
 * ascending. It is derived data: the log and its mirrors rebuild it from the stored entries at start-up
 * (they parse every entry then anyway) and extend it as entries are stored, so no lookup row is ever
 * written to disk. Memory: about 150 bytes per entry (three keys per release).
 *
 * Most keys (package@version) hold one index for good: such a key maps to the number itself, and gets
 * an array only when a second index comes (a revocation, an attestation). One object fewer per release
 * for the garbage collector to copy and mark.
 */
export class LookupIndex {
  readonly #lists = new Map<string, number | number[]>();

  /** Records that the entry at `index` is found under `keys`; indexes must be added in ascending order. */
  add(index: number, keys: readonly string[]): void {
    for (const k of keys) {
      const list = this.#lists.get(k);
      if (list === undefined) this.#lists.set(k, index);
      else if (typeof list === 'number') {
        if (list < index) this.#lists.set(k, [list, index]);
      } else if (list[list.length - 1]! < index) list.push(index);
    }
  }

  /** Indexes under `key` that are > `after` and < `below`, ascending, at most `limit`. */
  find(key: string, after: number, below: number, limit: number): number[] {
    const found = this.#lists.get(key);
    if (found === undefined || limit <= 0) return [];
    const list = typeof found === 'number' ? [found] : found;
    // The first position holding an index > after.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! <= after) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < list.length && out.length < limit && list[i]! < below; i++) out.push(list[i]!);
    return out;
  }
}
