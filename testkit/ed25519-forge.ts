/**
 * Edge-case Ed25519 signatures for tests: what a malicious signer can make that OpenSSL and Go accept
 * and libsodium refuses. Not for anything but tests.
 */
import { createHash } from 'node:crypto';
import type { Ed25519PrivateKey } from '../src/crypto/ed25519.js';

/** The group order L. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function le(b: Uint8Array): bigint {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  return n;
}

function le32(n: bigint): Buffer {
  const out = Buffer.alloc(32);
  for (let i = 0; i < 32; i++, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

/** The identity point's encoding (y = 1). */
export const IDENTITY = Buffer.concat([Buffer.from([1]), Buffer.alloc(31)]);

/**
 * A signature of `message` by `key` whose R is the identity point: S = k·a mod L with
 * k = SHA-512(R ‖ A ‖ M), so [S]B = R + [k]A holds and a cofactorless verifier (OpenSSL, Go) accepts it,
 * while libsodium refuses a small-order R.
 */
export function identityRSignature(key: Ed25519PrivateKey, message: Uint8Array): Buffer {
  const h = createHash('sha512').update(key.exportSeed()).digest();
  const a = Buffer.from(h.subarray(0, 32));
  a[0]! &= 248;
  a[31]! &= 127;
  a[31]! |= 64;
  const k = le(createHash('sha512').update(IDENTITY).update(key.publicKey.raw).update(message).digest()) % L;
  return Buffer.concat([IDENTITY, le32((k * le(a)) % L)]);
}
