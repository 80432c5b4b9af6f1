import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { Ed25519PrivateKey, Ed25519PublicKey } from '../../src/crypto/ed25519.js';
import { isSignetError } from '../../src/errors.js';
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
    for (const [name, t] of [['TEST 1', T1], ['TEST 2', T2]]) {
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
        bad[10] = bad[10] ^ 1;
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
            assert.throws(() => Ed25519PublicKey.fromRaw(new Uint8Array(n)), (e) => isSignetError(e, 'KEY_INVALID'));
            assert.throws(() => Ed25519PrivateKey.fromSeed(new Uint8Array(n)), (e) => isSignetError(e, 'KEY_INVALID'));
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
//# sourceMappingURL=ed25519.test.js.map