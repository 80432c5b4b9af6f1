import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { keyIdOf, parseSignetKey, publicKeyOf, signetKey } from '../../src/crypto/keys.js';
import { isSignetError } from '../../src/errors.js';
const isKeyInvalid = (e) => isSignetError(e, 'KEY_INVALID');
describe('Signet key JSON (DESIGN.md format 5)', () => {
    const priv = Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 1));
    const pub = priv.publicKey;
    it('key ID is lowercase hex SHA-256 of the raw public key', () => {
        const want = createHash('sha256').update(pub.raw).digest('hex');
        assert.equal(keyIdOf(pub), want);
        assert.equal(keyIdOf(pub.raw), want);
        assert.match(want, /^[0-9a-f]{64}$/);
        assert.throws(() => keyIdOf(new Uint8Array(31)), isKeyInvalid);
    });
    it('signetKey / parseSignetKey / publicKeyOf round-trip', () => {
        const k = signetKey(pub, 'release');
        assert.deepEqual(Object.keys(k).sort(), ['alg', 'id', 'public', 'role']);
        assert.equal(k.alg, 'ed25519');
        assert.equal(k.public, pub.raw.toString('base64'));
        const parsed = parseSignetKey(JSON.parse(JSON.stringify(k)));
        assert.deepEqual(parsed, k);
        assert.equal(publicKeyOf(parsed).equals(pub), true);
    });
    it('rejects a key whose id is not the hash of its public key', () => {
        const k = signetKey(pub, 'full');
        const other = signetKey(Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 2)).publicKey, 'full');
        assert.throws(() => parseSignetKey({ ...k, id: other.id }), isKeyInvalid);
        assert.throws(() => parseSignetKey({ ...k, id: k.id.toUpperCase() }), isKeyInvalid);
        assert.throws(() => publicKeyOf({ ...k, id: other.id }), isKeyInvalid);
    });
    it('rejects extra or missing fields, wrong alg and role, non-canonical or wrong-size base64', () => {
        const k = signetKey(pub, 'full');
        const bad = [
            null,
            [],
            'key',
            { ...k, extra: 1 },
            { id: k.id, alg: k.alg, public: k.public },
            { ...k, alg: 'ed448' },
            { ...k, role: 'admin' },
            { ...k, public: k.public.replace(/=$/, '') },
            { ...k, public: ` ${k.public}` },
            { ...k, public: Buffer.alloc(31, 1).toString('base64') },
            { ...k, public: 42 },
        ];
        // Non-canonical base64: change the last data character's unused low bits.
        const last = k.public.at(-2);
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
        const nonCanonical = k.public.slice(0, -2) + alphabet[alphabet.indexOf(last) ^ 1] + '=';
        bad.push({ ...k, public: nonCanonical });
        for (const b of bad)
            assert.throws(() => parseSignetKey(b), isKeyInvalid, JSON.stringify(b));
    });
});
//# sourceMappingURL=keys.test.js.map