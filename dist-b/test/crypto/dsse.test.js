import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addSignature, decodePayload, envelopeBytes, MAX_ENVELOPE_BYTES, pae, parseEnvelope, parseEnvelopeValue, parsedEnvelopeText, signEnvelope, verifyEnvelope, } from '../../src/crypto/dsse.js';
import { Ed25519PrivateKey } from '../../src/crypto/ed25519.js';
import { keyIdOf } from '../../src/crypto/keys.js';
import { canonicalJson } from '../../src/crypto/canonical.js';
import fc from 'fast-check';
import { isSignetError } from '../../src/errors.js';
const code = (c) => (e) => isSignetError(e, c);
function signer(k, keyid = keyIdOf(k.publicKey)) {
    return { keyid, sign: (m) => k.sign(m) };
}
const k1 = Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 1));
const k2 = Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 2));
const k3 = Ed25519PrivateKey.fromSeed(Buffer.alloc(32, 3));
const keys = new Map([k1, k2, k3].map((k) => [keyIdOf(k.publicKey), k.publicKey]));
const TYPE = 'application/vnd.in-toto+json';
const PAYLOAD = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
describe('DSSE', () => {
    it('PAE matches the DSSE spec example', () => {
        assert.equal(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString('latin1'), 'DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    });
    it('PAE lengths are UTF-8 byte lengths, and an empty payload is allowed', () => {
        assert.deepEqual(pae('é', Buffer.alloc(0)), Buffer.from('DSSEv1 2 é 0 ', 'utf8'));
        assert.deepEqual(pae('t', Buffer.from([0, 0xff])), Buffer.concat([Buffer.from('DSSEv1 1 t 2 '), Buffer.from([0, 0xff])]));
    });
    it('signatures are Ed25519 over the PAE', () => {
        const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
        assert.equal(env.payload, PAYLOAD.toString('base64'));
        const sig = Buffer.from(env.signatures[0]?.sig, 'base64');
        assert.equal(k1.publicKey.verify(pae(TYPE, PAYLOAD), sig), true);
        assert.equal(k1.publicKey.verify(PAYLOAD, sig), false);
    });
    it('sign, serialise canonically, parse, verify', () => {
        const env = signEnvelope(TYPE, PAYLOAD, [signer(k1), signer(k2)]);
        const bytes = envelopeBytes(env);
        assert.ok(bytes.toString().startsWith('{"payload":"'), 'keys sorted');
        const back = parseEnvelope(bytes);
        assert.deepEqual(back, env);
        assert.deepEqual(envelopeBytes(back), bytes);
        const v = verifyEnvelope(back, keys, 2);
        assert.deepEqual(v.payload, PAYLOAD);
        assert.equal(v.payloadType, TYPE);
        assert.deepEqual(v.verifiedKeyIds, [keyIdOf(k1.publicKey), keyIdOf(k2.publicKey)]);
        assert.deepEqual(decodePayload(back), PAYLOAD);
    });
    it('threshold not met reports expected and got counts', () => {
        const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
        assert.throws(() => verifyEnvelope(env, keys, 2), (e) => {
            assert.ok(isSignetError(e, 'DSSE_THRESHOLD_NOT_MET'));
            assert.equal(e.details.expected, '2 distinct trusted key(s)');
            assert.equal(e.details.got, '1');
            return true;
        });
        assert.throws(() => verifyEnvelope(env, keys, 0), code('USAGE'));
    });
    it('the same key counts once, whether repeated or listed under two keyids', () => {
        const twice = signEnvelope(TYPE, PAYLOAD, [signer(k1), signer(k1)]);
        assert.throws(() => verifyEnvelope(twice, keys, 2), code('DSSE_THRESHOLD_NOT_MET'));
        const alias = new Map(keys);
        alias.set('alias-of-k1', k1.publicKey);
        const twoIds = signEnvelope(TYPE, PAYLOAD, [signer(k1), signer(k1, 'alias-of-k1')]);
        assert.throws(() => verifyEnvelope(twoIds, alias, 2), code('DSSE_THRESHOLD_NOT_MET'));
        assert.deepEqual(verifyEnvelope(twoIds, alias, 1).verifiedKeyIds, [keyIdOf(k1.publicKey)]);
    });
    it('unknown keyids and invalid signatures are ignored, and reported when the threshold fails', () => {
        const outsider = Ed25519PrivateKey.generate();
        const forged = signer(k2); // claims k2's keyid, signs with the outsider key
        const env = signEnvelope(TYPE, PAYLOAD, [signer(outsider), { keyid: forged.keyid, sign: (m) => outsider.sign(m) }, signer(k1)]);
        assert.deepEqual(verifyEnvelope(env, keys, 1).verifiedKeyIds, [keyIdOf(k1.publicKey)]);
        assert.throws(() => verifyEnvelope(env, keys, 2), (e) => {
            assert.ok(isSignetError(e, 'DSSE_THRESHOLD_NOT_MET'));
            const ev = e.details.evidence ?? {};
            assert.deepEqual(ev.invalidSignatureKeyIds, [keyIdOf(k2.publicKey)]);
            assert.deepEqual(ev.unknownKeyIds, [keyIdOf(outsider.publicKey)]);
            return true;
        });
    });
    it('a tampered payload or payload type fails', () => {
        const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
        const payload = { ...env, payload: Buffer.from('{"_type":"evil"}').toString('base64') };
        assert.throws(() => verifyEnvelope(payload, keys), code('DSSE_THRESHOLD_NOT_MET'));
        const type = { ...env, payloadType: 'application/json' };
        assert.throws(() => verifyEnvelope(type, keys), code('DSSE_THRESHOLD_NOT_MET'));
    });
    it('addSignature appends without changing the input', () => {
        const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
        const two = addSignature(env, signer(k2));
        assert.equal(env.signatures.length, 1);
        assert.equal(two.signatures.length, 2);
        assert.equal(verifyEnvelope(two, keys, 2).verifiedKeyIds.length, 2);
    });
    it('oversize envelopes are rejected on parse and on signing', () => {
        const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
        const padded = JSON.stringify(env) + ' '.repeat(MAX_ENVELOPE_BYTES);
        assert.throws(() => parseEnvelope(padded), code('ENTRY_TOO_LARGE'));
        assert.throws(() => signEnvelope(TYPE, Buffer.alloc(50000), [signer(k1)]), code('ENTRY_TOO_LARGE'));
        // Exactly at the limit is fine.
        const exact = JSON.stringify(env);
        const atLimit = exact + ' '.repeat(MAX_ENVELOPE_BYTES - Buffer.byteLength(exact));
        assert.equal(Buffer.byteLength(atLimit), MAX_ENVELOPE_BYTES);
        assert.deepEqual(parseEnvelope(atLimit), env);
    });
    it('parseEnvelope is strict about fields and encodings', () => {
        const env = signEnvelope(TYPE, PAYLOAD, [signer(k1)]);
        const sig = env.signatures[0];
        const bad = [
            [],
            'x',
            { ...env, extra: 1 },
            { payloadType: TYPE, payload: env.payload },
            { ...env, payloadType: '' },
            { ...env, payloadType: 7 },
            { ...env, payload: env.payload.replace(/=+$/, '') },
            { ...env, payload: 'a b=' },
            { ...env, payload: 'eyJ9' + '!' },
            { ...env, signatures: [] },
            { ...env, signatures: {} },
            { ...env, signatures: Array.from({ length: 101 }, () => sig) },
            { ...env, signatures: [{ keyid: sig.keyid }] },
            { ...env, signatures: [{ ...sig, extra: true }] },
            { ...env, signatures: [{ ...sig, keyid: 1 }] },
            { ...env, signatures: [{ ...sig, sig: '' }] },
            { ...env, signatures: [{ ...sig, sig: 'not base64' }] },
        ];
        for (const b of bad)
            assert.throws(() => parseEnvelope(JSON.stringify(b)), code('DSSE_MALFORMED'), JSON.stringify(b).slice(0, 100));
        assert.throws(() => parseEnvelope('{"payloadType":'), code('DSSE_MALFORMED'));
        // Lone surrogates have no UTF-8 form, so no canonical bytes: refuse them at parse time.
        const lone = JSON.stringify({ ...env, payloadType: 'x' }).replace('"payloadType":"x"', '"payloadType":"\\ud800"');
        assert.throws(() => parseEnvelope(lone), code('DSSE_MALFORMED'));
        const loneId = JSON.stringify(env).replace(`"keyid":"${sig.keyid}"`, '"keyid":"\\udc00"');
        assert.throws(() => parseEnvelope(loneId), code('DSSE_MALFORMED'));
        assert.equal(parseEnvelope(JSON.stringify({ ...env, signatures: Array.from({ length: 100 }, () => sig) })).signatures.length, 100);
    });
});
describe('parsedEnvelopeText', () => {
    it('is the RFC 8785 text of every envelope parseEnvelopeValue accepts, whatever its strings hold', () => {
        const b64 = fc.uint8Array({ minLength: 0, maxLength: 90 }).map((b) => Buffer.from(b).toString('base64'));
        const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
        const envelope = fc.record({
            payload: b64,
            payloadType: fc.oneof(text, fc.constantFrom('application/vnd.in-toto+json', 'a"b\\c\u0001\n', 'é\u2028')),
            signatures: fc.array(fc.record({ keyid: fc.oneof(text, fc.constant('')), sig: b64.filter((s) => s !== '') }), { minLength: 1, maxLength: 4 }),
        });
        fc.assert(fc.property(envelope, (env) => {
            const parsed = parseEnvelopeValue(JSON.parse(JSON.stringify(env))).envelope;
            assert.equal(parsedEnvelopeText(parsed), canonicalJson(env));
        }), { numRuns: 2000 });
    });
});
//# sourceMappingURL=dsse.test.js.map