/**
 * RFC 6962 / RFC 9162 hashing with SHA-256: leaf = H(0x00 || entry), node = H(0x01 || left || right).
 */
import { createHash } from 'node:crypto';
import { SignetError } from '../errors.js';

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export function leafHash(entry: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** Throws HASH_SIZE_INVALID unless `h` is exactly 32 bytes. `what` names it in the message. */
export function checkHash(h: Uint8Array, what: string): void {
  if (h.length !== HASH_SIZE) {
    throw new SignetError('HASH_SIZE_INVALID', `${what} is ${h.length} bytes, not a SHA-256 hash`, {
      expected: `${HASH_SIZE} bytes`,
      got: `${h.length} bytes`,
    });
  }
}

export function hashEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

export function b64(h: Uint8Array): string {
  return Buffer.from(h.buffer, h.byteOffset, h.length).toString('base64');
}
