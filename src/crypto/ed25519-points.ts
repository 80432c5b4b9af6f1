/**
 * Ed25519 point encodings that Signet refuses, as keys and as a signature's R, so that every verifier
 * reaches the same verdict on every logged signature. OpenSSL (node:crypto) and Go accept a public key
 * of small order, and for the identity point a signature (R = identity, S = 0) verifies for any message;
 * libsodium (PHP's sodium_crypto_sign_verify_detached) refuses small-order keys, small-order R and
 * non-canonical key encodings. Refusing them here makes the strictest verifier's answer everyone's.
 */

/** y-coordinates (little-endian, sign bit cleared) of the 8 points of order dividing 8. */
const SMALL_ORDER_Y = [
  '0000000000000000000000000000000000000000000000000000000000000000', // order 4 (x = ±sqrt(-1))
  '0100000000000000000000000000000000000000000000000000000000000000', // the identity (order 1)
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = -1 (order 2)
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8 (its y negated)
].map((h) => Buffer.from(h, 'hex'));

/**
 * Why the 32-byte encoding is refused, or undefined: 'non-canonical' when its y is not reduced
 * (y ≥ 2^255 − 19: another encoding of a point with y − p), 'small-order' when the point has order 1,
 * 2, 4 or 8 (whatever the sign bit).
 */
export function pointEncodingWeakness(enc: Uint8Array): 'non-canonical' | 'small-order' | undefined {
  if (enc.length !== 32) return undefined;
  // y ≥ p = 2^255 − 19 ⇔ bytes 31..1 are 7f ff … ff (sign bit cleared) and byte 0 ≥ 0xed.
  if ((enc[31]! & 0x7f) === 0x7f && enc[0]! >= 0xed) {
    let all = true;
    for (let i = 1; i < 31; i++) if (enc[i] !== 0xff) all = false;
    if (all) return 'non-canonical';
  }
  for (const y of SMALL_ORDER_Y) {
    let same = (enc[31]! & 0x7f) === y[31];
    for (let i = 0; same && i < 31; i++) same = enc[i] === y[i];
    if (same) return 'small-order';
  }
  return undefined;
}
