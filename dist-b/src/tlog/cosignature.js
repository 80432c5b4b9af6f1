/**
 * C2SP tlog-cosignature, Ed25519 type (cosignature/v1): a witness's timestamped signature over
 * "cosignature/v1\ntime <T>\n" followed by the checkpoint body. The note signature is
 * keyID(4, computed with type byte 0x04) || timestamp (uint64 big-endian) || Ed25519 signature (64).
 */
import { SignetError } from '../errors.js';
import { Ed25519PublicKey } from '../crypto/ed25519.js';
import { formatVerifierKey, keyHash, parseVerifierKey, } from '../crypto/note.js';
export const COSIGNATURE_ALG = 0x04;
const MAX_TIMESTAMP = (1n << 63n) - 1n;
/** The message a cosigner signs for `body` (the checkpoint text, final newline included) at `timestamp`. */
export function cosignatureMessage(body, timestamp) {
    const text = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    return Buffer.concat([Buffer.from(`cosignature/v1\ntime ${timestamp}\n`, 'utf8'), text]);
}
/**
 * A note verifier for a witness's cosignatures. Accepts the witness key as a type 0x04 vkey (the
 * tlog-cosignature form) or as a type 0x01 vkey (as witnesses often publish it); either way the
 * signature lines are matched under the 0x04 key ID.
 */
export function cosignatureVerifier(vkey) {
    const vk = typeof vkey === 'string' ? parseVerifierKey(vkey) : vkey;
    if (vk.alg !== 0x01 && vk.alg !== COSIGNATURE_ALG) {
        throw new SignetError('VERIFIER_KEY_INVALID', `witness key ${vk.name} has signature type 0x${vk.alg.toString(16).padStart(2, '0')}`, {
            expected: 'type 0x04 (cosignature/v1) or 0x01 (Ed25519)',
            got: `0x${vk.alg.toString(16).padStart(2, '0')}`,
        });
    }
    const publicKey = Ed25519PublicKey.fromRaw(vk.publicKey);
    const hash = keyHash(vk.name, Buffer.concat([Buffer.from([COSIGNATURE_ALG]), publicKey.raw]));
    return {
        name: vk.name,
        keyHash: hash,
        publicKey,
        vkey: typeof vkey === 'string' ? vkey : formatVerifierKey(vk.name, publicKey, vk.alg),
        verify(text, sig) {
            if (sig.length !== 8 + 64)
                return false;
            const ts = Buffer.from(sig.buffer, sig.byteOffset, 8).readBigUInt64BE(0);
            if (ts > MAX_TIMESTAMP)
                return false;
            return publicKey.verify(cosignatureMessage(text, ts), sig.subarray(8));
        },
    };
}
/** Timestamp (seconds since the epoch) carried by a cosignature line's signature bytes. */
export function cosignatureTimestamp(sig) {
    if (sig.signature.length !== 8 + 64) {
        throw new SignetError('COSIGNATURE_INVALID', `cosignature by ${sig.name} is ${sig.signature.length} bytes`, {
            expected: '72 bytes (8-byte timestamp and 64-byte Ed25519 signature)',
            got: `${sig.signature.length} bytes`,
        });
    }
    return sig.signature.readBigUInt64BE(0);
}
/** A note signer that cosigns with a fixed timestamp (seconds). Use a new one per checkpoint. */
export function cosigner(name, key, timestamp) {
    if (timestamp < 0n || timestamp > MAX_TIMESTAMP) {
        throw new SignetError('USAGE', `cosignature timestamp ${timestamp} out of range`, { expected: `0..2^63-1`, got: String(timestamp) });
    }
    const hash = keyHash(name, Buffer.concat([Buffer.from([COSIGNATURE_ALG]), key.publicKey.raw]));
    return {
        name,
        keyHash: hash,
        sign(text) {
            const ts = Buffer.alloc(8);
            ts.writeBigUInt64BE(timestamp);
            return Buffer.concat([ts, key.sign(cosignatureMessage(text, timestamp))]);
        },
    };
}
/** The witness's verifier key in the tlog-cosignature form: name+keyID+base64(0x04 || pub). */
export function cosignatureVerifierKey(name, key) {
    return formatVerifierKey(name, key, COSIGNATURE_ALG);
}
//# sourceMappingURL=cosignature.js.map