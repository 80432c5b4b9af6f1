/**
 * The entries a sync fetched, bundle by bundle, held in memory up to a budget: beyond it only their leaf
 * hashes are kept (32 bytes each), and the commit checks the staged rows against those. So a first sync
 * of a large log needs memory for the hashes, not for every entry.
 */
import type { ProvenEntries } from './entry-db.js';
import { HASH_SIZE } from '../tlog/hash.js';

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

  /** Adds a bundle's new entries and their leaf hashes (`entries.length` × 32 bytes, in order). */
  add(tile: number, entries: readonly Uint8Array[], hashes: Buffer): void {
    if (hashes.length !== entries.length * HASH_SIZE) throw new Error(`internal: ${entries.length} entries with ${hashes.length} bytes of hashes`);
    if (entries.length === 0) return;
    let bytes = 0;
    for (const e of entries) bytes += e.length;
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
