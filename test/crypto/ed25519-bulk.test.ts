import assert from 'node:assert/strict';
import { createPublicKey, randomBytes, verify as nodeVerify } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { type BulkVerifier, bulkVerifier, chooseEd25519Backend } from '../../src/crypto/ed25519-bulk.js';
import { isSignetError } from '../../src/errors.js';
import {
  BASE,
  GROUP_ORDER,
  TORSION8,
  challenge,
  edAdd,
  edDecode,
  edEncode,
  edMul,
  identityRSignature,
  scalarBytes,
  scalarOf,
  signWithScalar,
} from '../../testkit/ed25519-forge.js';

const sodium = bulkVerifier('libsodium');
const openssl = bulkVerifier('openssl');

/** Both backends' verdicts, which must be equal; returns the common one. */
function verdict(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const a = sodium.verify(publicKey, message, signature);
  const b = openssl.verify(publicKey, message, signature);
  assert.equal(a, b, `libsodium says ${a}, node:crypto says ${b} for key ${Buffer.from(publicKey).toString('hex')} sig ${Buffer.from(signature).toString('hex')}`);
  return a;
}

/** What OpenSSL alone says, without the checks made before it. */
function rawOpenssl(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return nodeVerify(null, message, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' }), signature);
  } catch {
    return false;
  }
}

/** What libsodium alone says (sodium-native, without the checks made before it). */
const rawSodium = (createRequire(import.meta.url)('sodium-native') as { crypto_sign_verify_detached(s: Uint8Array, m: Uint8Array, k: Uint8Array): boolean }).crypto_sign_verify_detached;

describe('bulk Ed25519 verification: libsodium and node:crypto', () => {
  it('libsodium loads on this machine (the log uses it by default)', () => {
    assert.equal(sodium.backend, 'libsodium');
    assert.equal(chooseEd25519Backend(undefined, 'libsodium').backend, 'libsodium');
  });

  it('both accept an honest signature and refuse it once anything changes', () => {
    const key = Ed25519PrivateKey.generate();
    const message = Buffer.from('release acme/widget 1.0.0');
    const sig = key.sign(message);
    assert.equal(verdict(key.publicKey.raw, message, sig), true);
    assert.equal(verdict(key.publicKey.raw, Buffer.from('release acme/widget 1.0.1'), sig), false);
    assert.equal(verdict(Ed25519PrivateKey.generate().publicKey.raw, message, sig), false);
    for (const at of [0, 17, 31, 32, 50, 63]) {
      const bad = Buffer.from(sig);
      bad[at]! ^= 0x01;
      assert.equal(verdict(key.publicKey.raw, message, bad), false, `bit flipped in byte ${at}`);
    }
    assert.equal(verdict(key.publicKey.raw, message, sig.subarray(0, 63)), false);
    assert.equal(verdict(key.publicKey.raw, message, Buffer.concat([sig, Buffer.alloc(1)])), false);
    assert.equal(verdict(key.publicKey.raw.subarray(0, 31), message, sig), false);
  });

  it('both refuse S + L (the same equation, a non-canonical S: signature malleability)', () => {
    const key = Ed25519PrivateKey.generate();
    const message = Buffer.from('malleable?');
    const sig = key.sign(message);
    const s = scalarOf(sig.subarray(32));
    const malleated = Buffer.concat([sig.subarray(0, 32), scalarBytes(s + GROUP_ORDER)]);
    assert.equal(verdict(key.publicKey.raw, message, malleated), false);
  });

  it('both refuse R = identity with S = k·a, which OpenSSL alone accepts', () => {
    const key = Ed25519PrivateKey.generate();
    const message = Buffer.from('identity R');
    const forged = identityRSignature(key, message);
    assert.equal(rawOpenssl(key.publicKey.raw, message, forged), true, 'the case is real: OpenSSL accepts it by itself');
    assert.equal(verdict(key.publicKey.raw, message, forged), false);
  });

  it('both refuse every small-order key, and (R = identity, S = 0) under it', () => {
    const message = Buffer.from('any message');
    const forged = Buffer.concat([Buffer.from([1]), Buffer.alloc(63)]);
    let checked = 0;
    for (let k = 0n; k < 8n; k++) {
      const enc = edEncode(edMul(k, TORSION8));
      checked++;
      assert.equal(verdict(enc, message, forged), false, enc.toString('hex'));
    }
    assert.equal(checked, 8);
  });

  it('both refuse a non-canonical key encoding (y + p) of a point that has one', () => {
    // y in 2..18 has a second encoding y + p below 2^255; find those that name a curve point.
    let checked = 0;
    for (let y = 2n; y < 19n; y++) {
      const canonical = scalarBytes(y);
      if (edDecode(canonical) === undefined) continue;
      const alias = scalarBytes(y + 2n ** 255n - 19n);
      assert.equal(verdict(alias, Buffer.from('m'), randomBytes(64)), false);
      checked++;
    }
    assert.ok(checked > 0, 'no y below 19 is on the curve: the case was not exercised');
  });

  it('a key with a torsion component: both verdicts follow the cofactorless equation ([S]B = R + [k]A holds iff 8 divides k)', () => {
    const a = scalarOf(randomBytes(32)) % GROUP_ORDER;
    const mixed = edEncode(edAdd(edMul(a, BASE), TORSION8));
    const seen = { true: 0, false: 0 };
    for (let i = 0; i < 48; i++) {
      const message = Buffer.from(`mixed-order key ${i}`);
      const r = scalarOf(randomBytes(32)) % GROUP_ORDER;
      const nonce = edMul(r, BASE);
      const sig = signWithScalar(a, mixed, r, nonce, message);
      const expected = challenge(edEncode(nonce), mixed, message) % 8n === 0n;
      assert.equal(verdict(mixed, message, sig), expected, `message ${i}`);
      assert.equal(rawSodium(sig, message, mixed), expected, 'libsodium by itself gives the same verdict');
      seen[String(expected) as 'true' | 'false']++;
    }
    // Each outcome occurs (1 in 8 messages verifies): the test exercised both.
    if (seen.true === 0) assert.fail('no message with 8 | k among 48: rerun (probability 0.16%)');
    assert.ok(seen.false > 0);
  });

  it('both refuse an R with a torsion component, which a cofactored verifier would accept', () => {
    const key = Ed25519PrivateKey.generate();
    const a = (() => {
      // The signing scalar of an Ed25519 key is its clamped SHA-512(seed), as identityRSignature takes it.
      const forged = identityRSignature(key, Buffer.alloc(0));
      const k = challenge(forged.subarray(0, 32), key.publicKey.raw, Buffer.alloc(0));
      // S = k·a mod L: recover a = S / k mod L.
      const s = scalarOf(forged.subarray(32));
      let inv = 1n;
      for (let e = GROUP_ORDER - 2n, b = k % GROUP_ORDER; e > 0n; e >>= 1n, b = (b * b) % GROUP_ORDER) if (e & 1n) inv = (inv * b) % GROUP_ORDER;
      return (s * inv) % GROUP_ORDER;
    })();
    assert.ok(Buffer.from(edEncode(edMul(a, BASE))).equals(key.publicKey.raw), 'the recovered scalar is the key');
    for (let i = 0; i < 4; i++) {
      const message = Buffer.from(`torsion in R ${i}`);
      const r = scalarOf(randomBytes(32)) % GROUP_ORDER;
      const honest = signWithScalar(a, key.publicKey.raw, r, edMul(r, BASE), message);
      assert.equal(verdict(key.publicKey.raw, message, honest), true, 'the same nonce without torsion verifies');
      const twisted = signWithScalar(a, key.publicKey.raw, r, edAdd(edMul(r, BASE), TORSION8), message);
      assert.equal(verdict(key.publicKey.raw, message, twisted), false);
    }
  });

  it('both agree on random mutations of valid signatures, keys and messages', () => {
    const keys = Array.from({ length: 4 }, () => Ed25519PrivateKey.generate());
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.uint8Array({ minLength: 0, maxLength: 200 }),
        fc.constantFrom('key', 'sig', 'message', 'none'),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (ki, message, where, at, xor) => {
          const key = keys[ki]!;
          const pk = Buffer.from(key.publicKey.raw);
          const msg = Buffer.from(message);
          const sig = key.sign(msg);
          if (where === 'key') pk[at % 32]! ^= xor;
          if (where === 'sig') sig[at % 64]! ^= xor;
          if (where === 'message') {
            if (msg.length === 0) return;
            msg[at % msg.length]! ^= xor;
          }
          assert.equal(verdict(pk, msg, sig), where === 'none');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('both agree on random keys and signatures (mostly not curve points at all)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 64, maxLength: 64 }), (pk, sig) => {
        assert.equal(verdict(pk, Buffer.from('m'), sig), false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('chooseEd25519Backend (SIGNET_ED25519)', () => {
  it('takes the named backend, else the preferred one', () => {
    assert.equal(chooseEd25519Backend('openssl', 'libsodium').backend, 'openssl');
    assert.equal(chooseEd25519Backend('libsodium', 'openssl').backend, 'libsodium');
    assert.equal(chooseEd25519Backend(undefined, 'openssl').backend, 'openssl');
    assert.equal(chooseEd25519Backend('auto', 'openssl').backend, 'openssl');
    assert.equal(chooseEd25519Backend(' ', 'libsodium').backend, 'libsodium');
  });

  it('refuses a value that names no backend', () => {
    assert.throws(() => chooseEd25519Backend('sodium', 'openssl'), (e: unknown) => isSignetError(e, 'USAGE') && /libsodium, openssl or auto/.test((e as Error).message));
  });

  it('the verifiers name their backend', () => {
    const both: BulkVerifier[] = [sodium, openssl];
    assert.deepEqual(both.map((v) => v.backend), ['libsodium', 'openssl']);
  });
});
