import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ed25519PrivateKey, Ed25519PublicKey } from '../../src/crypto/ed25519.js';
import { ed25519NoteSigner, ed25519NoteVerifier, formatSignerKey, formatVerifierKey, isValidKeyName, keyHash, openNote, parseNote, parseSignerKey, parseVerifierKey, signNote, } from '../../src/crypto/note.js';
import { isSignetError, SignetError } from '../../src/errors.js';
import { readVector } from '../../testkit/vectors.js';
const code = (c) => (e) => isSignetError(e, c);
const real = JSON.parse(readVector('real-checkpoints/checkpoints.json'));
// golang.org/x/mod/sumdb/note note_test.go vectors (BSD licence).
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
describe('signed notes: real checkpoints', () => {
    const sum = real.find((c) => c.name.startsWith('sum.golang.org'));
    it('opens the sum.golang.org checkpoint with its verifier key', () => {
        assert.ok(sum?.verifierKey && sum.note);
        const n = openNote(sum.note, [ed25519NoteVerifier(sum.verifierKey)]);
        assert.equal(n.text, 'go.sum database tree\n30055305\nmXfgRcJ0bG0j3CPdKwgGWtUzBUbX67saZGRmFuJGGsM=\n');
        assert.equal(n.sigs.length, 1);
        assert.equal(n.sigs[0]?.name, 'sum.golang.org');
        assert.equal(n.sigs[0]?.keyHash, 0x033de0ae);
        assert.equal(n.sigs[0]?.signature.length, 64);
        assert.equal(n.unverifiedSigs.length, 0);
    });
    it('recomputes the sum.golang.org key hash 033de0ae and verifier key string from the public key', () => {
        assert.ok(sum?.verifierKey);
        const vk = parseVerifierKey(sum.verifierKey);
        assert.equal(vk.name, 'sum.golang.org');
        assert.equal(vk.alg, 0x01);
        assert.equal(vk.publicKey.length, 32);
        assert.equal(keyHash('sum.golang.org', Buffer.concat([Buffer.of(1), vk.publicKey])).toString(16).padStart(8, '0'), '033de0ae');
        assert.equal(formatVerifierKey('sum.golang.org', Ed25519PublicKey.fromRaw(vk.publicKey)), sum.verifierKey);
    });
    it('the sum.golang.org note fails when one byte of its text changes', () => {
        assert.ok(sum?.verifierKey && sum.note);
        const altered = sum.note.replace('30055305', '30055306');
        assert.throws(() => openNote(altered, [ed25519NoteVerifier(sum.verifierKey)]), code('NOTE_SIGNATURE_INVALID'));
    });
    const rekor = real.filter((c) => c.rawEd25519PublicKeySpkiBase64 && c.keyName && c.note);
    it('has Rekor v2 vectors', () => assert.ok(rekor.length >= 2));
    for (const c of rekor) {
        it(`opens ${c.name} with a verifier key built from its SPKI`, () => {
            const spki = Buffer.from(c.rawEd25519PublicKeySpkiBase64, 'base64');
            assert.equal(spki.length, 44);
            const pub = Ed25519PublicKey.fromRaw(spki.subarray(spki.length - 32));
            const vkey = formatVerifierKey(c.keyName, pub);
            assert.match(vkey, /^log2025-1\.rekor\.sigstore\.dev\+[0-9a-f]{8}\+/);
            const n = openNote(c.note, [ed25519NoteVerifier(vkey)]);
            assert.equal(n.sigs.length, 1);
            assert.ok(n.text.startsWith('log2025-1.rekor.sigstore.dev\n'));
            // The same note under a verifier for another key of the same name is unverified.
            const wrong = formatVerifierKey(c.keyName, Ed25519PrivateKey.generate().publicKey);
            assert.throws(() => openNote(c.note, [ed25519NoteVerifier(wrong)]), code('NOTE_UNVERIFIED'));
        });
    }
    it('opens the tessera test log checkpoint', () => {
        const vkey = 'example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx';
        const n = openNote(readVector('tessera-log/checkpoint'), [ed25519NoteVerifier(vkey)]);
        assert.equal(n.text, 'example.com/log/testdata\n15\nrKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=\n');
    });
    it('the witnessed checkpoint: the ECDSA log signature and cosignatures are unknown to Ed25519 verifiers', () => {
        const c = real.find((x) => x.name.startsWith('Android'));
        assert.ok(c?.note);
        const p = parseNote(c.note);
        assert.equal(p.signatures.length, 3);
        assert.deepEqual(p.signatures.map((s) => s.name), ['pixel_transparency_log', 'ArmoredWitness-small-breeze', 'ArmoredWitness-autumn-wood']);
        // Witness keys are published as 0x01 keys but sign under the 0x04 key hash: as note keys they match nothing.
        const vs = ['ArmoredWitness-small-breeze+7b3ada3a+AQAWYpUjfGGPQiWOgt6sLWap0P9rVOe+Ofu2uNZbO4FD'].map((k) => ed25519NoteVerifier(k));
        assert.throws(() => openNote(c.note, vs), (e) => {
            assert.ok(isSignetError(e, 'NOTE_UNVERIFIED'));
            const found = e.details.evidence?.signersFound;
            assert.equal(found.length, 3);
            return true;
        });
    });
});
describe('signed notes: Go interop (golang.org/x/mod/sumdb/note tests)', () => {
    it('parses the Go signer key and signs byte-identically to Go', () => {
        const signer = parseSignerKey(PETER_SKEY);
        assert.equal(signer.name, 'PeterNeumann');
        assert.equal(signer.keyHash, 0xc74f20a3);
        assert.equal(signNote(TEXT, [signer]), TEXT + '\n' + PETER_SIG);
    });
    it('formatSignerKey reproduces the Go signer key string; formatVerifierKey its verifier key', () => {
        const raw = Buffer.from(PETER_SKEY.slice('PRIVATE+KEY+PeterNeumann+c74f20a3+'.length), 'base64');
        const key = Ed25519PrivateKey.fromSeed(raw.subarray(1));
        assert.equal(formatSignerKey('PeterNeumann', key), PETER_SKEY);
        assert.equal(formatVerifierKey('PeterNeumann', key.publicKey), PETER_VKEY);
    });
    it('an existing signature with the same name and hash is replaced (Go TestSign)', () => {
        const signer = parseSignerKey(PETER_SKEY);
        const out = signNote(TEXT, [signer], [{ name: 'PeterNeumann', keyHash: 0xc74f20a3, signature: Buffer.alloc(0), base64: 'BADSIGN=' }]);
        assert.equal(out, TEXT + '\n' + PETER_SIG);
    });
    it('rejects a pre-filled signature whose base64 does not carry its key hash, and bad names', () => {
        assert.throws(() => signNote(TEXT, [], [{ name: 'PeterNeumann', keyHash: 0xc74f20a3, signature: Buffer.alloc(0), base64: 'BADHASH=' }]), code('NOTE_MALFORMED'));
        assert.throws(() => signNote(TEXT, [], [{ name: 'a+b', keyHash: 0, signature: Buffer.alloc(0), base64: 'ABCD' }]), code('NOTE_MALFORMED'));
        const s = parseSignerKey(PETER_SKEY);
        assert.throws(() => signNote(TEXT, [{ name: 'bad name', keyHash: s.keyHash, sign: s.sign }]), code('SIGNER_KEY_INVALID'));
    });
    it('one verified, one unverified; both verified; none verified (Go TestOpen)', () => {
        const peter = ed25519NoteVerifier(PETER_VKEY);
        const enoch = ed25519NoteVerifier(ENOCH_VKEY);
        const msg = TEXT + '\n' + PETER_SIG + ENOCH_SIG;
        let n = openNote(msg, [peter]);
        assert.equal(n.text, TEXT);
        assert.deepEqual(n.sigs.map((s) => [s.name, s.keyHash, s.base64]), [['PeterNeumann', 0xc74f20a3, PETER_SIG.slice(15, -1)]]);
        assert.deepEqual(n.unverifiedSigs.map((s) => [s.name, s.keyHash]), [['EnochRoot', 0xaf0cfe78]]);
        n = openNote(msg, [peter, enoch]);
        assert.deepEqual(n.sigs.map((s) => s.name), ['PeterNeumann', 'EnochRoot']);
        assert.equal(n.unverifiedSigs.length, 0);
        assert.throws(() => openNote(msg, []), (e) => {
            assert.ok(isSignetError(e, 'NOTE_UNVERIFIED'));
            assert.deepEqual(e.details.evidence?.signersFound, ['PeterNeumann+c74f20a3', 'EnochRoot+af0cfe78']);
            return true;
        });
    });
    it('an invalid signature by a known key is rejected, naming the key (Go TestOpen)', () => {
        const msg = TEXT + '\n' + PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60);
        assert.throws(() => openNote(msg, [ed25519NoteVerifier(PETER_VKEY)]), (e) => {
            assert.ok(isSignetError(e, 'NOTE_SIGNATURE_INVALID'));
            const err = e;
            assert.equal(err.details.evidence?.name, 'PeterNeumann');
            assert.equal(err.details.evidence?.keyHash, 'c74f20a3');
            assert.ok(err.details.attack && /altered|forged/.test(err.details.attack));
            return true;
        });
    });
    it('duplicate verified and unverified lines (Go TestOpen)', () => {
        const enochABCD = ENOCH_SIG.slice(0, 60) + 'ABCD' + ENOCH_SIG.slice(60);
        const n = openNote(TEXT + '\n' + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG + enochABCD, [ed25519NoteVerifier(PETER_VKEY)]);
        assert.equal(n.sigs.length, 1);
        assert.equal(n.unverifiedSigs.length, 2, 'identical unknown lines deduplicated, different ones kept');
        assert.equal(n.unverifiedSigs[1]?.base64, enochABCD.slice(12, -1));
    });
    it('a repeated line by a known key is verified once, even if the repeat is bad', () => {
        const bad = PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60);
        const n = openNote(TEXT + '\n' + PETER_SIG + bad, [ed25519NoteVerifier(PETER_VKEY)]);
        assert.equal(n.sigs.length, 1);
    });
    it('more than 100 signature lines are malformed; 100 are fine', () => {
        const v = [ed25519NoteVerifier(PETER_VKEY)];
        assert.throws(() => openNote(TEXT + '\n' + PETER_SIG.repeat(101), v), code('NOTE_MALFORMED'));
        assert.throws(() => openNote(TEXT + '\n' + PETER_SIG.repeat(101), []), code('NOTE_MALFORMED'));
        assert.equal(openNote(TEXT + '\n' + PETER_SIG.repeat(100), v).sigs.length, 1);
    });
    it('malformed messages (Go TestOpen badMsgs and more)', () => {
        const v = [ed25519NoteVerifier(PETER_VKEY)];
        const bad = [
            TEXT,
            TEXT + '\n',
            TEXT + '\n' + PETER_SIG.slice(0, -1), // no final newline
            '\x01' + TEXT + '\n' + PETER_SIG, // control character
            TEXT.replace('If', 'If\t') + '\n' + PETER_SIG, // tab is a control character too
            TEXT.replace('\n', '\r\n') + '\n' + PETER_SIG, // so is CR
            Buffer.concat([Buffer.of(0xff), Buffer.from(TEXT + '\n' + PETER_SIG)]), // invalid UTF-8
            Buffer.concat([Buffer.from(TEXT), Buffer.of(0xed, 0xa0, 0x80), Buffer.from('\n\n' + PETER_SIG)]), // UTF-8 surrogate
            '\ud800' + TEXT + '\n' + PETER_SIG, // lone surrogate in a JS string
            TEXT + '\n' + '— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
            TEXT + '\n' + PETER_SIG + 'Unexpected line.\n',
            TEXT + '\n' + PETER_SIG.replace('— ', '-- '),
            TEXT + '\n' + PETER_SIG.replace('=\n', '\n'), // missing base64 padding
            TEXT + '\n' + '— PeterNeumann AAAAAA==\n', // fewer than 5 bytes
            TEXT + '\n' + '— PeterNeumann \n',
            TEXT + '\n' + '— a+b x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n',
            TEXT + '\n' + PETER_SIG + '\n',
        ];
        for (const m of bad)
            assert.throws(() => openNote(m, v), code('NOTE_MALFORMED'), JSON.stringify(m.toString()));
    });
    it('rejects notes over 1 MiB before parsing', () => {
        const big = 'x'.repeat(1 << 20) + '\n\n' + PETER_SIG;
        assert.throws(() => openNote(big, [ed25519NoteVerifier(PETER_VKEY)]), code('NOTE_MALFORMED'));
        assert.throws(() => parseNote(Buffer.from(big)), code('NOTE_MALFORMED'));
    });
    it('two verifiers with the same name and key hash are ambiguous', () => {
        const v = ed25519NoteVerifier(PETER_VKEY);
        assert.throws(() => openNote(TEXT + '\n' + PETER_SIG, [v, ed25519NoteVerifier(PETER_VKEY)]), code('VERIFIER_KEY_INVALID'));
    });
    it('accepts bytes and strings alike', () => {
        const n = openNote(Buffer.from(TEXT + '\n' + PETER_SIG), [ed25519NoteVerifier(PETER_VKEY)]);
        assert.equal(n.text, TEXT);
    });
});
describe('signed notes: verifier and signer keys', () => {
    it('rejects manglings of a verifier key (Go TestNewVerifier)', () => {
        const b = Buffer.from(PETER_VKEY);
        let rejected = 0;
        for (let i = 0; i <= b.length; i++) {
            for (let j = i + 1; j <= b.length; j++) {
                if (i === 0 && j === b.length)
                    continue;
                const k = b.subarray(i, j).toString();
                assert.throws(() => ed25519NoteVerifier(k), code('VERIFIER_KEY_INVALID'), k);
                rejected++;
            }
        }
        for (let i = 0; i < b.length; i++) {
            const c = Buffer.from(b);
            c[i] = c[i] + 1;
            assert.throws(() => ed25519NoteVerifier(c.toString('latin1')), code('VERIFIER_KEY_INVALID'), c.toString('latin1'));
        }
        assert.ok(rejected > 1000);
        // Wrong-length key with adjusted hash; unknown algorithm with adjusted hash.
        assert.throws(() => ed25519NoteVerifier('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='), code('VERIFIER_KEY_INVALID'));
        assert.throws(() => ed25519NoteVerifier('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), code('VERIFIER_KEY_INVALID'));
        // parseVerifierKey itself accepts other algorithms (e.g. 0x04) when the hash matches.
        assert.equal(parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW').alg, 0x65);
    });
    it('rejects manglings of a signer key (Go TestNewSigner)', () => {
        const b = Buffer.from(PETER_SKEY);
        for (let i = 0; i <= b.length; i += 3) {
            for (let j = i + 1; j <= b.length; j += 2) {
                if (i === 0 && j === b.length)
                    continue;
                assert.throws(() => parseSignerKey(b.subarray(i, j).toString()), code('SIGNER_KEY_INVALID'));
            }
        }
        for (let i = 0; i < b.length; i++) {
            const c = Buffer.from(b);
            c[i] = c[i] + 1;
            assert.throws(() => parseSignerKey(c.toString('latin1')), code('SIGNER_KEY_INVALID'));
        }
    });
    it('signer key errors never echo the secret', () => {
        const mangled = PETER_SKEY.slice(0, -2) + 'zz';
        try {
            parseSignerKey(mangled);
            assert.fail('should throw');
        }
        catch (e) {
            assert.ok(e instanceof SignetError);
            assert.ok(!JSON.stringify(e.toJSON()).includes('AYEKFALVFGyNhPJEMzD1QIDr'));
            assert.ok(!e.message.includes('AYEKFALVFGyNhPJEMzD1QIDr'));
        }
    });
    it('isValidKeyName', () => {
        for (const ok of ['a', 'sum.golang.org', 'example.com/log', 'é', '—'])
            assert.equal(isValidKeyName(ok), true, ok);
        for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\nb', 'a\u00a0b', 'a\u2003b', 'a\u3000b', '\ud800', 'a\u0085']) {
            assert.equal(isValidKeyName(bad), false, JSON.stringify(bad));
        }
    });
    it('keyHash uses 0x04 for cosignature keys: different hash for the same name and key', () => {
        const pub = Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 3)).publicKey;
        const v1 = parseVerifierKey(formatVerifierKey('w', pub));
        const v4 = parseVerifierKey(formatVerifierKey('w', pub, 0x04));
        assert.equal(v4.alg, 4);
        assert.notEqual(v1.keyHash, v4.keyHash);
        assert.throws(() => ed25519NoteVerifier(v4), code('VERIFIER_KEY_INVALID'));
    });
});
describe('signed notes: sign and open', () => {
    const a = Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 0xa));
    const b = Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 0xb));
    const sa = ed25519NoteSigner('example.com/a', a);
    const sb = ed25519NoteSigner('example.com/b', b);
    const va = ed25519NoteVerifier(formatVerifierKey('example.com/a', a.publicKey));
    const vb = ed25519NoteVerifier(formatVerifierKey('example.com/b', b.publicKey));
    it('round trip, and the signer and verifier agree on the key hash', () => {
        assert.equal(sa.keyHash, va.keyHash);
        const msg = signNote('hello\nworld\n', [sa, sb]);
        const n = openNote(msg, [va, vb]);
        assert.equal(n.text, 'hello\nworld\n');
        assert.deepEqual(n.sigs.map((s) => s.name), ['example.com/a', 'example.com/b']);
    });
    it('text containing a blank line: the split is at the LAST blank line', () => {
        const text = 'origin\n\nbody after a blank line\n';
        const msg = signNote(text, [sa]);
        const n = openNote(msg, [va]);
        assert.equal(n.text, text);
        // A text ending in a blank line also round-trips.
        assert.equal(openNote(signNote('x\n\n', [sa]), [va]).text, 'x\n\n');
        // Moving a signature line up into the text is detected, not silently accepted.
        const lines = msg.split('\n');
        const forged = ['origin', '', lines.at(-2), 'body after a blank line', '', lines.at(-2), ''].join('\n');
        assert.throws(() => openNote(forged, [va]), code('NOTE_SIGNATURE_INVALID'));
    });
    it('a signer unknown to the verifier list is kept unverified, not trusted', () => {
        const msg = signNote('t\n', [sa, sb]);
        const n = openNote(msg, [va]);
        assert.deepEqual(n.sigs.map((s) => s.name), ['example.com/a']);
        assert.deepEqual(n.unverifiedSigs.map((s) => s.name), ['example.com/b']);
    });
    it('a known key whose signature does not verify rejects the whole note', () => {
        // b signs under a's name and key hash: a forged signature line.
        const forger = { name: sa.name, keyHash: sa.keyHash, sign: (t) => b.sign(t) };
        const msg = signNote('t\n', [sb, forger]);
        assert.throws(() => openNote(msg, [va, vb]), code('NOTE_SIGNATURE_INVALID'));
    });
    it('existing signatures come first; a new signer with the same name and hash replaces its old line', () => {
        const first = signNote('t\n', [sa]);
        const existing = parseNote(first).signatures;
        const both = signNote('t\n', [sb], existing);
        assert.equal(both, first + both.split('\n').at(-2) + '\n');
        assert.deepEqual(openNote(both, [va, vb]).sigs.map((s) => s.name), ['example.com/a', 'example.com/b']);
        const again = signNote('t\n', [sa], parseNote(both).signatures);
        const names = parseNote(again).signatures.map((s) => s.name);
        assert.deepEqual(names, ['example.com/b', 'example.com/a'], 'old a line elided, new a line last');
    });
    it('signNote refuses empty text, text without a final newline, and control characters', () => {
        assert.throws(() => signNote('', [sa]), code('NOTE_MALFORMED'));
        assert.throws(() => signNote('abc', [sa]), code('NOTE_MALFORMED'));
        assert.throws(() => signNote('a\tb\n', [sa]), code('NOTE_MALFORMED'));
        assert.throws(() => signNote('a\r\n', [sa]), code('NOTE_MALFORMED'));
    });
    it('parseNote returns structure without verifying', () => {
        const p = parseNote(signNote('t\n', [sa, sb]));
        assert.equal(p.text, 't\n');
        assert.equal(p.signatures.length, 2);
        assert.equal(p.signatures[0]?.keyHash, sa.keyHash);
        assert.equal(p.signatures[0]?.signature.length, 64);
    });
});
//# sourceMappingURL=note.test.js.map