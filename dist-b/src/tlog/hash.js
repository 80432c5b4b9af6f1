/**
 * RFC 6962 / RFC 9162 hashing with SHA-256: leaf = H(0x00 || entry), node = H(0x01 || left || right).
 */
import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { SignetError } from '../errors.js';
export const HASH_SIZE = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT = createHash('sha256').digest();
const oneShot = nodeCrypto.hash;
const nodeScratch = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);
nodeScratch[0] = 0x01;
let leafScratch = Buffer.allocUnsafe(1024);
export function leafHash(entry) {
    if (oneShot === undefined)
        return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
    if (entry.length + 1 > leafScratch.length)
        leafScratch = Buffer.allocUnsafe(Math.max(entry.length + 1, leafScratch.length * 2));
    leafScratch[0] = 0x00;
    leafScratch.set(entry, 1);
    return oneShot('sha256', leafScratch.subarray(0, entry.length + 1), 'buffer');
}
export function nodeHash(left, right) {
    if (oneShot === undefined || left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
        return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
    }
    nodeScratch.set(left, 1);
    nodeScratch.set(right, 1 + HASH_SIZE);
    return oneShot('sha256', nodeScratch, 'buffer');
}
/** Throws HASH_SIZE_INVALID unless `h` is exactly 32 bytes. `what` names it in the message. */
export function checkHash(h, what) {
    if (h.length !== HASH_SIZE) {
        throw new SignetError('HASH_SIZE_INVALID', `${what} is ${h.length} bytes, not a SHA-256 hash`, {
            expected: `${HASH_SIZE} bytes`,
            got: `${h.length} bytes`,
        });
    }
}
export function hashEqual(a, b) {
    return a.length === b.length && Buffer.compare(a, b) === 0;
}
export function b64(h) {
    return Buffer.from(h.buffer, h.byteOffset, h.length).toString('base64');
}
//# sourceMappingURL=hash.js.map