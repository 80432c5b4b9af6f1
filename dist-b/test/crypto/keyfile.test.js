import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { decryptKeyFile, encryptKeyFile, keyFileInfo } from '../../src/crypto/keyfile.js';
import { keyIdOf } from '../../src/crypto/keys.js';
import { isSignetError } from '../../src/errors.js';
const code = (c) => (e) => isSignetError(e, c);
const FAST = { scryptN: 2 ** 12 };
const PASS = 'correct horse battery staple';
// The example from docs/KEYFILE.md (seed = 32 × 0x07, N = 2^14).
const DOC_EXAMPLE = `{
  "type": "signet-secret-key",
  "version": 1,
  "alg": "ed25519",
  "keyId": "fe812c12f3ab4ce6ac5db69ac352f906cb1b11ef43fb33e252ef7ff552263889",
  "public": "6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw=",
  "created": "2025-01-01T00:00:00.000Z",
  "kdf": {
    "name": "scrypt",
    "N": 16384,
    "r": 8,
    "p": 1,
    "salt": "mYmNGEyZIF7Vs5AKBYja4Q=="
  },
  "cipher": {
    "name": "aes-256-gcm",
    "nonce": "iJzo2KcEUaTHft2C"
  },
  "ciphertext": "wOtn68IJ/wfutnu5chfm0hjgHbVo/2CkRNrsBDttLEo=",
  "tag": "jUuK/Laki+l0beldyjhqOw=="
}
`;
function edit(text, f) {
    const doc = JSON.parse(text);
    f(doc);
    return JSON.stringify(doc);
}
function flipB64(b64) {
    const b = Buffer.from(b64, 'base64');
    b[0] = b[0] ^ 1;
    return b.toString('base64');
}
describe('encrypted key files', () => {
    const key = Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 0x42));
    const text = encryptKeyFile(key, PASS, FAST);
    it('round-trips and reports its public facts without the passphrase', () => {
        const back = decryptKeyFile(text, PASS);
        assert.equal(back.publicKey.equals(key.publicKey), true);
        assert.deepEqual(back.exportSeed(), key.exportSeed());
        const info = keyFileInfo(text);
        assert.equal(info.keyId, keyIdOf(key.publicKey));
        assert.equal(info.publicKey.equals(key.publicKey), true);
        assert.match(info.created ?? '', /^\d{4}-\d\d-\d\dT/);
    });
    it('decrypts the documented example (docs/KEYFILE.md)', () => {
        const k = decryptKeyFile(DOC_EXAMPLE, PASS);
        assert.deepEqual(k.exportSeed(), Buffer.alloc(32, 7));
    });
    it('the default cost is scrypt N = 2^17, and such a file decrypts', () => {
        const t = encryptKeyFile(key, PASS);
        assert.equal(JSON.parse(t).kdf.N, 131072);
        assert.equal(decryptKeyFile(t, PASS).publicKey.equals(key.publicKey), true);
    });
    it('a wrong passphrase is KEYFILE_PASSPHRASE_WRONG', () => {
        assert.throws(() => decryptKeyFile(text, PASS + ' '), code('KEYFILE_PASSPHRASE_WRONG'));
        assert.throws(() => decryptKeyFile(text, 'Correct horse battery staple'), code('KEYFILE_PASSPHRASE_WRONG'));
    });
    it('the passphrase is NFC-normalised', () => {
        const t = encryptKeyFile(key, 'caf\u00e9', FAST);
        assert.equal(decryptKeyFile(t, 'cafe\u0301').publicKey.equals(key.publicKey), true);
    });
    it('an empty passphrase is refused', () => {
        assert.throws(() => encryptKeyFile(key, '', FAST), code('PASSPHRASE_UNAVAILABLE'));
        assert.throws(() => decryptKeyFile(text, ''), code('PASSPHRASE_UNAVAILABLE'));
    });
    it('the seed never appears in the file', () => {
        const seed = key.exportSeed();
        for (const enc of [seed.toString('hex'), seed.toString('base64'), seed.toString('base64url'), seed.subarray(0, 12).toString('base64')]) {
            assert.ok(!text.includes(enc), enc);
        }
        assert.ok(!text.includes('QkJCQkJC'), 'base64 of 0x42 bytes');
    });
    it('fresh salt and nonce every time', () => {
        const a = JSON.parse(encryptKeyFile(key, PASS, FAST));
        const b = JSON.parse(encryptKeyFile(key, PASS, FAST));
        assert.notEqual(a.kdf.salt, b.kdf.salt);
        assert.notEqual(a.cipher.nonce, b.cipher.nonce);
        assert.notEqual(a.ciphertext, b.ciphertext);
    });
    it('a swapped public key (with a matching key ID) is detected', () => {
        const other = Ed25519PrivateKey.generate().publicKey;
        const swapped = edit(text, (d) => {
            d.public = other.raw.toString('base64');
            d.keyId = keyIdOf(other);
        });
        assert.throws(() => decryptKeyFile(swapped, PASS), code('KEYFILE_PASSPHRASE_WRONG'));
        // Only the public key swapped: caught before decryption.
        const half = edit(text, (d) => {
            d.public = other.raw.toString('base64');
        });
        assert.throws(() => decryptKeyFile(half, PASS), code('KEYFILE_MALFORMED'));
        assert.throws(() => keyFileInfo(half), code('KEYFILE_MALFORMED'));
    });
    it('altered ciphertext, tag, nonce, salt, KDF cost or creation time are detected', () => {
        const edits = [
            (d) => (d.ciphertext = flipB64(d.ciphertext)),
            (d) => (d.tag = flipB64(d.tag)),
            (d) => (d.cipher.nonce = flipB64(d.cipher.nonce)),
            (d) => (d.kdf.salt = flipB64(d.kdf.salt)),
            (d) => (d.kdf.N = 2 ** 11),
            (d) => (d.created = '1999-01-01T00:00:00.000Z'),
        ];
        for (const e of edits)
            assert.throws(() => decryptKeyFile(edit(text, e), PASS), code('KEYFILE_PASSPHRASE_WRONG'));
    });
    it('malformed files are KEYFILE_MALFORMED', () => {
        const edits = [
            (d) => (d.type = 'other'),
            (d) => (d.version = 2),
            (d) => (d.extra = 1),
            (d) => delete d.tag,
            (d) => (d.alg = 'rsa'),
            (d) => (d.kdf.N = 3000),
            (d) => (d.kdf.N = 2 ** 24),
            (d) => (d.kdf.r = 1),
            (d) => (d.kdf.name = 'pbkdf2'),
            (d) => (d.cipher.name = 'aes-128-gcm'),
            (d) => (d.ciphertext = Buffer.alloc(31).toString('base64')),
            (d) => (d.tag = 'not base64'),
        ];
        for (const e of edits)
            assert.throws(() => decryptKeyFile(edit(text, e), PASS), code('KEYFILE_MALFORMED'), e.toString());
        for (const t of ['', 'null', '[]', '{', 'x'.repeat(20000)])
            assert.throws(() => keyFileInfo(t), code('KEYFILE_MALFORMED'));
    });
    it('scryptN option is validated', () => {
        assert.throws(() => encryptKeyFile(key, PASS, { scryptN: 1000 }), code('USAGE'));
        assert.throws(() => encryptKeyFile(key, PASS, { scryptN: 2 ** 9 }), code('USAGE'));
    });
});
//# sourceMappingURL=keyfile.test.js.map