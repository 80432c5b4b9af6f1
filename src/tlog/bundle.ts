/**
 * Entry bundles (C2SP tlog-tiles): consecutive entries, each prefixed with its length as a big-endian
 * uint16. An entry is at most 65,535 bytes.
 */
import { SignetError } from '../errors.js';

export const MAX_ENTRY_SIZE = 0xffff;

export function encodeBundle(entries: readonly Uint8Array[]): Buffer {
  let total = 0;
  for (const [i, e] of entries.entries()) {
    if (e.length > MAX_ENTRY_SIZE) {
      throw new SignetError('ENTRY_TOO_LARGE', `entry ${i} is ${e.length} bytes; a bundle entry holds at most ${MAX_ENTRY_SIZE}`, {
        expected: `<= ${MAX_ENTRY_SIZE} bytes`,
        got: `${e.length} bytes`,
      });
    }
    total += 2 + e.length;
  }
  const out = Buffer.allocUnsafe(total);
  let off = 0;
  for (const e of entries) {
    out.writeUInt16BE(e.length, off);
    out.set(e, off + 2);
    off += 2 + e.length;
  }
  return out;
}

/** The byte offset where entry `count` of a bundle starts (its end when `count` is all of them), or -1 when the bundle holds fewer. */
export function bundleOffset(data: Uint8Array, count: number): number {
  let off = 0;
  for (let i = 0; i < count; i++) {
    if (off + 2 > data.length) return -1;
    off += 2 + ((data[off]! << 8) | data[off + 1]!);
    if (off > data.length) return -1;
  }
  return off;
}

/**
 * Whether `data` holds `entries`, encoded, from byte `at` on (it may hold more after them). An entry that
 * is a view of `data` at its own place (decoded from these very bytes) is equal without a comparison;
 * any other is compared byte for byte. Nothing is encoded or copied.
 */
export function bundleHoldsAt(data: Uint8Array, at: number, entries: readonly Uint8Array[]): boolean {
  let off = at;
  for (const e of entries) {
    if (off + 2 + e.length > data.length || ((data[off]! << 8) | data[off + 1]!) !== e.length) return false;
    off += 2;
    const inPlace = e.buffer === data.buffer && e.byteOffset === data.byteOffset + off;
    if (!inPlace && Buffer.compare(e, data.subarray(off, off + e.length)) !== 0) return false;
    off += e.length;
  }
  return true;
}

/**
 * Decodes a bundle. With `expected`, the bundle must hold exactly that many entries (a partial bundle
 * of width W holds W); a full bundle read in place of a partial one may hold more: pass `atLeast`.
 * `maxEntries` stops decoding as soon as the bundle proves longer (for untrusted request bodies).
 */
export function decodeBundle(data: Uint8Array, expected?: number, opts: { atLeast?: boolean; maxEntries?: number } = {}): Buffer[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.length);
  const entries: Buffer[] = [];
  let off = 0;
  while (off < buf.length) {
    if (opts.maxEntries !== undefined && entries.length >= opts.maxEntries) {
      // Stop before splitting the rest: a body of zeros would otherwise become millions of entries.
      throw new SignetError('BUNDLE_MALFORMED', `the bundle holds more than ${opts.maxEntries} entries`, {
        expected: `at most ${opts.maxEntries} entries`,
        got: 'more',
      });
    }
    if (off + 2 > buf.length) {
      throw new SignetError('BUNDLE_TRUNCATED', `entry bundle ends inside the length prefix of entry ${entries.length}`, {
        expected: '2 more bytes of length prefix',
        got: `${buf.length - off} byte(s)`,
        attack: 'a truncated or altered entry bundle',
      });
    }
    const len = buf.readUInt16BE(off);
    if (off + 2 + len > buf.length) {
      throw new SignetError('BUNDLE_TRUNCATED', `entry bundle ends inside entry ${entries.length}`, {
        expected: `${len} bytes of entry`,
        got: `${buf.length - off - 2} byte(s)`,
        attack: 'a truncated or altered entry bundle',
      });
    }
    entries.push(buf.subarray(off + 2, off + 2 + len));
    off += 2 + len;
  }
  if (expected !== undefined) {
    if (entries.length < expected) {
      throw new SignetError('BUNDLE_TRUNCATED', `entry bundle holds ${entries.length} entries, fewer than its width`, {
        expected: `${expected} entries`,
        got: `${entries.length} entries`,
        attack: 'a truncated entry bundle (entries withheld)',
      });
    }
    if (entries.length > expected && !opts.atLeast) {
      throw new SignetError('BUNDLE_MALFORMED', `entry bundle holds ${entries.length} entries, more than its width`, {
        expected: `${expected} entries`,
        got: `${entries.length} entries`,
        attack: 'an entry bundle with extra entries',
      });
    }
  }
  return entries;
}
