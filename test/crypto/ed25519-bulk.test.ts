import assert from 'node:assert/strict';
import { createPublicKey, randomBytes, verify as nodeVerify } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { type BulkVerifier, bulkVerifier, chooseEd25519Backend, sodiumSelfTestFailure } from '../../src/crypto/ed25519-bulk.js';
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

/** rawOpenssl with libsodium's argument order. */
const rawOpensslAsSodium = (sig: Uint8Array, m: Uint8Array, k: Uint8Array): boolean => rawOpenssl(k, m, sig);

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

  /** (R, S) = ([s]B, s): valid for any message under a key T exactly when [k]T is the identity (always for T = identity). */
  const forgeryFor = (s: bigint): Buffer => Buffer.concat([edEncode(edMul(s, BASE)), scalarBytes(s)]);

  it('both refuse a forgery under every small-order key, which OpenSSL alone accepts for the identity key', () => {
    const message = Buffer.from('any message');
    const forged = forgeryFor(987654321987654321n);
    const keys = Array.from({ length: 8 }, (_, k) => edEncode(edMul(BigInt(k), TORSION8)));
    assert.equal(new Set(keys.map((k) => k.toString('hex'))).size, 8, 'the eight points of order dividing 8');
    const identity = keys[0]!;
    assert.equal(rawOpenssl(identity, message, forged), true, 'the case is real: OpenSSL accepts it by itself');
    for (const key of keys) assert.equal(verdict(key, message, forged), false, key.toString('hex'));
  });

  it('both refuse a non-canonical key encoding (y + p): the identity written as y = p + 1, which OpenSSL alone accepts', () => {
    const message = Buffer.from('m');
    const forged = forgeryFor(555555555555n);
    const alias = scalarBytes(2n ** 255n - 19n + 1n);
    assert.equal(rawOpenssl(alias, message, forged), true, 'the case is real: OpenSSL reads y = p + 1 as the identity');
    assert.equal(verdict(alias, message, forged), false);
    // Every other y below 19 that names a point has such an alias too: refused whatever the signature.
    let checked = 0;
    for (let y = 2n; y < 19n; y++) {
      if (edDecode(scalarBytes(y)) === undefined) continue;
      assert.equal(verdict(scalarBytes(y + 2n ** 255n - 19n), message, forged), false);
      checked++;
    }
    assert.ok(checked > 0);
  });

  it('a key with a torsion component: both verdicts follow the cofactorless equation ([S]B = R + [k]A holds iff 8 divides k)', () => {
    const a = scalarOf(randomBytes(32)) % GROUP_ORDER;
    const mixed = edEncode(edAdd(edMul(a, BASE), TORSION8));
    const seen = { true: 0, false: 0 };
    // Until both outcomes were seen (1 message in 8 verifies), at least 24 messages, at most 400.
    for (let i = 0; i < 400 && (i < 24 || seen.true === 0 || seen.false === 0); i++) {
      const message = Buffer.from(`mixed-order key ${i}`);
      const r = scalarOf(randomBytes(32)) % GROUP_ORDER;
      const nonce = edMul(r, BASE);
      const sig = signWithScalar(a, mixed, r, nonce, message);
      const expected = challenge(edEncode(nonce), mixed, message) % 8n === 0n;
      assert.equal(verdict(mixed, message, sig), expected, `message ${i}`);
      assert.equal(rawSodium(sig, message, mixed), expected, 'libsodium by itself gives the same verdict');
      seen[String(expected) as 'true' | 'false']++;
    }
    assert.ok(seen.true > 0 && seen.false > 0, `both outcomes exercised: ${JSON.stringify(seen)}`);
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

describe('the self-test a loaded libsodium must pass', () => {
  it('the libsodium installed here passes; so does OpenSSL, on the same three checks', () => {
    assert.equal(sodiumSelfTestFailure(rawSodium), undefined);
    assert.equal(sodiumSelfTestFailure(rawOpensslAsSodium), undefined);
  });

  it('refuses a verifier that accepts what a cofactored equation accepts, or that refuses an honest signature, or throws', () => {
    assert.match(sodiumSelfTestFailure(() => true) ?? '', /an R with a torsion component: expected invalid, got true/);
    assert.match(sodiumSelfTestFailure(() => false) ?? '', /an honest signature: expected valid, got false/);
    assert.match(sodiumSelfTestFailure(() => { throw new Error('boom'); }) ?? '', /an exception \(boom\)/);
    // One that accepts torsion in the key only (a check of [8]R = [8]([S]B - [k]A) would): caught by the third check.
    const torsionKeyOk = (sig: Uint8Array, m: Uint8Array, k: Uint8Array): boolean => rawSodium(sig, m, k) || Buffer.from(k).toString('hex').startsWith('2cc1c40d');
    assert.match(sodiumSelfTestFailure(torsionKeyOk) ?? '', /a key with a torsion component/);
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
