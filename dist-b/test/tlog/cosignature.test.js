import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isSignetError } from '../../src/errors.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { ed25519NoteSigner, ed25519NoteVerifier, formatVerifierKey, openNote, parseNote, parseVerifierKey, signNote } from '../../src/crypto/note.js';
import { checkCosignatures } from '../../src/tlog/audit.js';
import { cosignatureMessage, cosignatureTimestamp, cosignatureVerifier, cosignatureVerifierKey, cosigner } from '../../src/tlog/cosignature.js';
import { vectorPath } from '../../testkit/vectors.js';
const real = JSON.parse(readFileSync(vectorPath('real-checkpoints', 'checkpoints.json'), 'utf8'));
describe('cosignature/v1', () => {
    it('verifies both witness cosignatures of the real Android checkpoint (keys published as type 0x01)', () => {
        const v = real.find((r) => r.witnessKeys !== undefined);
        const verifiers = v.witnessKeys.map((k) => cosignatureVerifier(k));
        const note = openNote(v.note, verifiers);
        assert.deepEqual(note.sigs.map((s) => s.name).sort(), ['ArmoredWitness-autumn-wood', 'ArmoredWitness-small-breeze']);
        // The log's own ECDSA signature is unknown to us and ignored.
        assert.deepEqual(note.unverifiedSigs.map((s) => s.name), ['pixel_transparency_log']);
        for (const s of note.sigs)
            assert.ok(cosignatureTimestamp(s) > 1700000000n);
        // The same through the auditor's check, with a threshold.
        assert.equal(checkCosignatures(v.note, v.witnessKeys, 2).length, 2);
    });
    it('rejects a cosignature over an altered checkpoint', () => {
        const v = real.find((r) => r.witnessKeys !== undefined);
        const altered = v.note.replace('\n611\n', '\n612\n');
        assert.throws(() => checkCosignatures(altered, v.witnessKeys, 1), (e) => isSignetError(e, 'COSIGNATURE_INVALID'));
    });
    it('reproduces the fixed-seed cosignature line byte for byte', () => {
        const v = real.find((r) => r.cosignatureLine !== undefined);
        const seed = Buffer.alloc(32);
        seed[0] = 17;
        const key = Ed25519PrivateKey.fromSeed(seed);
        const line = Buffer.from(v.cosignatureLine, 'base64');
        const timestamp = line.readBigUInt64BE(4);
        const signer = cosigner('example.org/witness', key, timestamp);
        const signed = signNote(v.checkpointBody, [signer]);
        assert.equal(signed, `${v.checkpointBody}\n\u2014 example.org/witness ${v.cosignatureLine}\n`);
        // The vkey in the tlog-cosignature form (type 0x04) verifies it, and so does the 0x01 form.
        const vkey04 = cosignatureVerifierKey('example.org/witness', key.publicKey);
        assert.equal(parseVerifierKey(vkey04).alg, 0x04);
        assert.equal(line.readUInt32BE(0), parseVerifierKey(vkey04).keyHash);
        const vkey01 = formatVerifierKey('example.org/witness', key.publicKey);
        for (const k of [vkey04, vkey01])
            assert.equal(openNote(signed, [cosignatureVerifier(k)]).sigs.length, 1);
        // The signed message is exactly the one the spec gives.
        assert.ok(key.publicKey.verify(cosignatureMessage(v.checkpointBody, timestamp), line.subarray(12)));
        assert.equal(cosignatureMessage('a\n', 5n).toString(), 'cosignature/v1\ntime 5\na\n');
    });
    it('is checked beside the log signature: a log key never verifies a cosignature line and vice versa', () => {
        const log = Ed25519PrivateKey.generate();
        const witness = Ed25519PrivateKey.generate();
        const body = 'example.com/log\n3\n' + Buffer.alloc(32, 1).toString('base64') + '\n';
        const note = signNote(body, [ed25519NoteSigner('example.com/log', log), cosigner('w.example', witness, 1700000000n)]);
        assert.equal(openNote(note, [ed25519NoteVerifier(formatVerifierKey('example.com/log', log.publicKey))]).sigs.length, 1);
        assert.equal(checkCosignatures(note, [cosignatureVerifierKey('w.example', witness.publicKey)], 1)[0].timestamp, 1700000000);
        // A witness that did not cosign: COSIGNATURE_MISSING.
        const other = Ed25519PrivateKey.generate();
        assert.throws(() => checkCosignatures(note, [cosignatureVerifierKey('w2.example', other.publicKey)], 1), (e) => isSignetError(e, 'COSIGNATURE_MISSING'));
        assert.equal(parseNote(note).signatures.length, 2);
    });
});
//# sourceMappingURL=cosignature.test.js.map