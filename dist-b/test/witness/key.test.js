/** The witness key file: created once (0600), read back to the same tlog-cosignature verifier key. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isSignetError } from '../../src/errors.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { formatSignerKey, openNote, parseVerifierKey, signNote } from '../../src/crypto/note.js';
import { cosignatureVerifier, cosignatureVerifierKey } from '../../src/tlog/cosignature.js';
import { WITNESS_KEY_FILE, loadOrCreateWitnessKey, readWitnessKey } from '../../src/witness/key.js';
const work = mkdtempSync(join(tmpdir(), 'signet-witness-key-'));
after(() => rmSync(work, { recursive: true, force: true }));
describe('witness key', () => {
    it('is created once, private, and read back as the same cosignature/v1 verifier key', () => {
        const dir = join(work, 'a');
        const k = loadOrCreateWitnessKey(dir, undefined, 'witness.example/default');
        assert.equal(k.name, 'witness.example/default');
        assert.equal(statSync(join(dir, WITNESS_KEY_FILE)).mode & 0o777, 0o600);
        assert.match(readFileSync(join(dir, WITNESS_KEY_FILE), 'utf8'), /^PRIVATE\+KEY\+witness\.example\/default\+/);
        assert.equal(readWitnessKey(dir).verifierKey, k.verifierKey);
        assert.equal(loadOrCreateWitnessKey(dir, 'witness.example/default', 'ignored').verifierKey, k.verifierKey);
        assert.equal(parseVerifierKey(k.verifierKey).alg, 0x04);
        const note = signNote('example.com/log\n1\n' + Buffer.alloc(32).toString('base64') + '\n', [k.cosigner(1700000000n)]);
        assert.equal(openNote(note, [cosignatureVerifier(k.verifierKey)]).sigs.length, 1);
        assert.throws(() => loadOrCreateWitnessKey(dir, 'witness.example/other', 'x'), (e) => isSignetError(e, 'USAGE'));
        assert.throws(() => loadOrCreateWitnessKey(join(work, 'b'), 'has space', 'x'), (e) => isSignetError(e, 'USAGE'));
    });
    it("reads a key file whose base64 holds '+' (Go's signer key format)", () => {
        let seed = Buffer.alloc(32);
        for (let i = 0; i < 256; i++) {
            seed = Buffer.alloc(32, i);
            if (formatSignerKey('w.example', Ed25519PrivateKey.fromSeed(seed)).split('+').length > 5)
                break;
        }
        const priv = Ed25519PrivateKey.fromSeed(seed);
        const skey = formatSignerKey('w.example', priv);
        assert.ok(skey.split('+').length > 5, 'a seed whose base64 has a +');
        const dir = mkdtempSync(join(work, 'plus-'));
        writeFileSync(join(dir, WITNESS_KEY_FILE), skey + '\n', { mode: 0o600 });
        assert.equal(readWitnessKey(dir).verifierKey, cosignatureVerifierKey('w.example', priv.publicKey));
    });
});
//# sourceMappingURL=key.test.js.map