/**
 * The entries a sync fetched, bundle by bundle, with their leaf hashes: the bytes are held up to a
 * budget, beyond it only the hashes (32 bytes each). So a first sync of a large log needs memory for the
 * hashes, not for every entry: the full-mode sync's commit checks the staged rows against them, and
 * the follower fetches such bundles again and checks them the same way.
 */
import type { ProvenEntries } from './entry-db.js';
import { HASH_SIZE, leafHash } from '../tlog/hash.js';

interface Held {
  /** The position (in the sync) of the bundle's first new entry. */
  readonly at: number;
  readonly count: number;
  /** The entries' bytes, until the budget ran out. */
  readonly entries: readonly Uint8Array[] | undefined;
  /** Their leaf hashes, concatenated. */
  readonly hashes: Buffer;
}

export class HeldEntries implements ProvenEntries {
  readonly #bundles: Held[] = [];
  #length = 0;
  #bytes = 0;

  /** `drop(tile)` is called for each bundle whose bytes are not held (so other copies can go too). */
  constructor(
    private readonly budget: number,
    private readonly drop: (tile: number) => void = () => undefined,
  ) {}

  get length(): number {
    return this.#length;
  }

  /** Adds a bundle's new entries, in order; `onLeaf` gets each one's leaf hash (e.g. to extend a compact range). */
  add(tile: number, entries: readonly Uint8Array[], onLeaf: (hash: Uint8Array) => void = () => undefined): void {
    if (entries.length === 0) return;
    const hashes = Buffer.allocUnsafe(entries.length * HASH_SIZE);
    let bytes = 0;
    entries.forEach((e, j) => {
      const h = leafHash(e);
      hashes.set(h, j * HASH_SIZE);
      onLeaf(h);
      bytes += e.length;
    });
    const keep = this.#bytes + bytes <= this.budget;
    if (keep) this.#bytes += bytes;
    else this.drop(tile);
    this.#bundles.push({ at: this.#length, count: entries.length, entries: keep ? entries : undefined, hashes });
    this.#length += entries.length;
  }

  /** Entries [lo, hi), if all their bytes are held. */
  slice(lo: number, hi: number): readonly Uint8Array[] | undefined {
    if (hi <= lo) return [];
    const out: Uint8Array[] = [];
    for (let b = this.#find(lo); out.length < hi - lo; b++) {
      const h = this.#bundles[b];
      if (h?.entries === undefined) return undefined;
      const from = Math.max(lo, h.at) - h.at;
      const to = Math.min(hi, h.at + h.count) - h.at;
      for (let k = from; k < to; k++) out.push(h.entries[k]!);
    }
    return out;
  }

  leafHash(i: number): Uint8Array {
    const h = this.#bundles[this.#find(i)]!;
    const k = i - h.at;
    return h.hashes.subarray(k * HASH_SIZE, (k + 1) * HASH_SIZE);
  }

  /** The bundle holding position `i` (binary search: bundles are in order). */
  #find(i: number): number {
    if (!Number.isSafeInteger(i) || i < 0 || i >= this.#length) throw new RangeError(`internal: entry ${i} of ${this.#length}`);
    let lo = 0;
    let hi = this.#bundles.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#bundles[mid]!.at <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
