import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { Ed25519PrivateKey, Ed25519PublicKey } from '../../src/crypto/ed25519.js';
import { pointEncodingWeakness } from '../../src/crypto/ed25519-points.js';
import { isSignetError } from '../../src/errors.js';
import { IDENTITY, identityRSignature } from '../../testkit/ed25519-forge.js';

// RFC 8032 §7.1 TEST 1 and TEST 2.
const T1 = {
  seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  pub: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  msg: '',
  sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
};
const T2 = {
  seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
  pub: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
  msg: '72',
  sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
};

describe('Ed25519 (RFC 8032 vectors)', () => {
  for (const [name, t] of [['TEST 1', T1], ['TEST 2', T2]] as const) {
    it(`${name}: seed → public key and deterministic signature`, () => {
      const k = Ed25519PrivateKey.fromSeed(Buffer.from(t.seed, 'hex'));
      assert.equal(k.publicKey.raw.toString('hex'), t.pub);
      const sig = k.sign(Buffer.from(t.msg, 'hex'));
      assert.equal(sig.length, 64);
      assert.equal(sig.toString('hex'), t.sig);
      const pub = Ed25519PublicKey.fromRaw(Buffer.from(t.pub, 'hex'));
      assert.equal(pub.verify(Buffer.from(t.msg, 'hex'), sig), true);
    });
  }

  it('rejects altered messages and signatures, never throws', () => {
    const pub = Ed25519PublicKey.fromRaw(Buffer.from(T2.pub, 'hex'));
    const sig = Buffer.from(T2.sig, 'hex');
    assert.equal(pub.verify(Buffer.from('73', 'hex'), sig), false);
    const bad = Buffer.from(sig);
    bad[10] = (bad[10] as number) ^ 1;
    assert.equal(pub.verify(Buffer.from(T2.msg, 'hex'), bad), false);
    assert.equal(pub.verify(Buffer.from(T2.msg, 'hex'), sig.subarray(0, 63)), false);
    assert.equal(pub.verify(Buffer.from(T2.msg, 'hex'), Buffer.concat([sig, Buffer.of(0)])), false);
    assert.equal(pub.verify(Buffer.from(T2.msg, 'hex'), new Uint8Array(0)), false);
    // A signature by another key.
    const other = Ed25519PrivateKey.generate();
    assert.equal(pub.verify(Buffer.from(T2.msg, 'hex'), other.sign(Buffer.from(T2.msg, 'hex'))), false);
  });

  it('fromRaw and fromSeed require 32 bytes', () => {
    for (const n of [0, 31, 33, 64]) {
      assert.throws(() => Ed25519PublicKey.fromRaw(new Uint8Array(n)), (e: unknown) => isSignetError(e, 'KEY_INVALID'));
      assert.throws(() => Ed25519PrivateKey.fromSeed(new Uint8Array(n)), (e: unknown) => isSignetError(e, 'KEY_INVALID'));
    }
  });

  it('equals compares keys by value', () => {
    const a = Ed25519PublicKey.fromRaw(Buffer.from(T1.pub, 'hex'));
    const b = Ed25519PublicKey.fromRaw(Buffer.from(T1.pub, 'hex'));
    const c = Ed25519PublicKey.fromRaw(Buffer.from(T2.pub, 'hex'));
    assert.equal(a.equals(b), true);
    assert.equal(a.equals(c), false);
  });

  it('generate gives distinct working keys; exportSeed round-trips', () => {
    const k1 = Ed25519PrivateKey.generate();
    const k2 = Ed25519PrivateKey.generate();
    assert.equal(k1.publicKey.equals(k2.publicKey), false);
    const again = Ed25519PrivateKey.fromSeed(k1.exportSeed());
    assert.equal(again.publicKey.equals(k1.publicKey), true);
    const m = Buffer.from('message');
    assert.equal(k1.publicKey.verify(m, again.sign(m)), true);
  });

  it('raw is a copy: mutating the input does not change the key', () => {
    const raw = Buffer.from(T1.pub, 'hex');
    const k = Ed25519PublicKey.fromRaw(raw);
    raw.fill(0);
    assert.equal(k.raw.toString('hex'), T1.pub);
  });

  it('does not leak the seed through toString, JSON or util.inspect', () => {
    const k = Ed25519PrivateKey.fromSeed(Buffer.from(T1.seed, 'hex'));
    const seedHex = T1.seed;
    const seedB64 = Buffer.from(T1.seed, 'hex').toString('base64');
    for (const s of [String(k), JSON.stringify(k), JSON.stringify({ k }), inspect(k, { showHidden: true, depth: 10 }), inspect({ k })]) {
      assert.ok(!s.includes(seedHex), s);
      assert.ok(!s.includes(seedB64), s);
      assert.ok(!s.toLowerCase().includes('9d61b19d'), s);
    }
  });
});

// Edwards25519 in BigInt, independent of the byte lists in src/crypto/ed25519-points.ts: enough to
// decode a point and multiply it by 8.
const P = 2n ** 255n - 19n;
const mod = (a: bigint): bigint => ((a % P) + P) % P;
const pow = (b: bigint, e: bigint): bigint => {
  let r = 1n;
  for (b = mod(b); e > 0n; e >>= 1n, b = mod(b * b)) if (e & 1n) r = mod(r * b);
  return r;
};
const D = mod(-121665n * pow(121666n, P - 2n));
type Pt = [bigint, bigint];
function decode(enc: Buffer): Pt | undefined {
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? enc[i]! & 0x7f : enc[i]!);
  if (y >= P) return undefined;
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = pow(mod(u * pow(v, P - 2n)), (P + 3n) / 8n);
  if (mod(v * x * x) !== u) x = mod(x * pow(2n, (P - 1n) / 4n));
  if (mod(v * x * x) !== u) return undefined;
  if ((x & 1n) !== BigInt(enc[31]! >> 7)) x = mod(-x);
  return [x, y];
}
function add([x1, y1]: Pt, [x2, y2]: Pt): Pt {
  const t = mod(D * x1 * x2 * y1 * y2);
  return [mod((x1 * y2 + y1 * x2) * pow(1n + t, P - 2n)), mod((y1 * y2 + x1 * x2) * pow(1n - t, P - 2n))];
}
const times8 = (p: Pt): Pt => add(add(add(p, p), add(p, p)), add(add(p, p), add(p, p)));

describe('Ed25519 encodings Signet refuses (libsodium\'s rules, so verifiers agree)', () => {
  const smallOrder = [
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0100000000000000000000000000000000000000000000000000000000000000',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  ];

  it('flags exactly the points of order dividing 8, with either sign bit', () => {
    for (const h of smallOrder) {
      for (const sign of [0, 0x80]) {
        const enc = Buffer.from(h, 'hex');
        enc[31]! |= sign;
        assert.equal(pointEncodingWeakness(enc), 'small-order', h);
        const p = decode(enc);
        if (p !== undefined) assert.deepEqual(times8(p), [0n, 1n], `[8]P = O for ${enc.toString('hex')}`);
      }
    }
    // Real keys are of prime order: [8]P is not the identity, and nothing flags them.
    for (let i = 0; i < 20; i++) {
      const raw = Ed25519PrivateKey.generate().publicKey.raw;
      assert.equal(pointEncodingWeakness(raw), undefined);
      assert.notDeepEqual(times8(decode(raw)!), [0n, 1n]);
    }
  });

  it('flags non-canonical encodings (y ≥ 2^255 − 19)', () => {
    const p = Buffer.from('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex');
    for (const low of [0xed, 0xee, 0xff]) {
      const enc = Buffer.from(p);
      enc[0] = low;
      assert.equal(pointEncodingWeakness(enc), 'non-canonical');
      enc[31]! |= 0x80;
      assert.equal(pointEncodingWeakness(enc), 'non-canonical');
    }
    const below = Buffer.from(p);
    below[0] = 0xec;
    assert.notEqual(pointEncodingWeakness(below), 'non-canonical');
  });

  it('fromRaw refuses a small-order or non-canonical key (KEY_INVALID), which node:crypto alone accepts', () => {
    // node:crypto takes the identity as a key, and (R = identity, S = 0) verifies for every message.
    const universal = Buffer.concat([IDENTITY, Buffer.alloc(32)]);
    const identityKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: IDENTITY.toString('base64url') }, format: 'jwk' });
    assert.equal(nodeVerify(null, Buffer.from('anything at all'), identityKey, universal), true);
    for (const h of [...smallOrder, 'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f']) {
      assert.throws(() => Ed25519PublicKey.fromRaw(Buffer.from(h, 'hex')), (e: unknown) => isSignetError(e, 'KEY_INVALID'), h);
    }
  });

  it('verify refuses a signature whose R is the identity, which OpenSSL accepts', () => {
    const key = Ed25519PrivateKey.generate();
    const msg = Buffer.from('release acme/widget 1.0.0');
    const forged = identityRSignature(key, msg);
    const ko = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey.raw.toString('base64url') }, format: 'jwk' });
    assert.equal(nodeVerify(null, msg, ko, forged), true, 'OpenSSL accepts it (cofactorless check, R compared as bytes)');
    assert.equal(key.publicKey.verify(msg, forged), false);
    assert.equal(key.publicKey.verify(msg, key.sign(msg)), true);
  });
});
